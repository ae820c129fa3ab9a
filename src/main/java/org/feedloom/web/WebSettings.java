package org.feedloom.web;

import java.time.Duration;
import org.feedloom.model.Checks;

/**
 * HTTP settings.
 *
 * @param baseUrl    configured absolute base URL ending in {@code /}, or null to derive it from each request
 * @param maxAge     {@code Cache-Control: public, max-age} of feeds and pages
 * @param adminToken bearer token of the admin routes; null: the admin routes do not exist
 */
public record WebSettings(String baseUrl, Duration maxAge, String adminToken) {
    public WebSettings {
        Checks.notNull(maxAge, "maxAge");
        Checks.argument(!maxAge.isNegative(), "maxAge must not be negative");
    }

    public static WebSettings defaults() {
        return new WebSettings(null, Duration.ofMinutes(5), null);
    }
}
