package org.feedloom.web;

import java.time.Duration;
import java.util.regex.Pattern;
import org.feedloom.model.Checks;

/**
 * HTTP settings.
 *
 * @param baseUrl    configured absolute base URL ending in {@code /}, or null to derive it from each request
 * @param maxAge     {@code Cache-Control: public, max-age} of feeds and pages
 * @param adminToken bearer token of the admin routes; null: the admin routes do not exist
 */
public record WebSettings(String baseUrl, Duration maxAge, String adminToken) {
    private static final Pattern SAFE_HOST =
            Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:[0-9]{1,5})?");

    public WebSettings {
        Checks.notNull(maxAge, "maxAge");
        Checks.argument(!maxAge.isNegative(), "maxAge must not be negative");
    }

    public static WebSettings defaults() {
        return new WebSettings(null, Duration.ofMinutes(5), null);
    }

    /** The {@code Cache-Control} of feeds and pages. */
    String cacheControl() {
        return "public, max-age=" + maxAge.toSeconds();
    }

    /**
     * The base URL of a request: the configured one, else one built from its scheme and Host header, or, when that
     * header is missing or not a plain host and port, the address the request came in on.
     */
    String baseFor(String host, String scheme, String localAddr, int localPort) {
        if (baseUrl != null) {
            return baseUrl;
        }
        if (host == null || !SAFE_HOST.matcher(host).matches()) {
            host = localAddr + ":" + localPort;
        }
        return scheme + "://" + host + "/";
    }
}
