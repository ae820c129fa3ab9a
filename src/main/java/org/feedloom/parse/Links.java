package org.feedloom.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Resolving and vetting the links found in feeds. Pure. */
final class Links {
    static final int MAX_URL = 2048;

    private Links() {}

    /**
     * {@code href} resolved against {@code base}, if the result is an absolute http(s) URL of sane length; else
     * null (so {@code javascript:}, {@code data:}, {@code file:} and the like never get through).
     */
    static String http(String href, String base) {
        if (href == null) {
            return null;
        }
        String h = href.strip();
        if (h.isEmpty() || h.length() > MAX_URL) {
            return null;
        }
        try {
            URI uri = new URI(h.replace(" ", "%20"));
            if (!uri.isAbsolute() && base != null) {
                URI b = new URI(base.strip().replace(" ", "%20"));
                uri = b.getPath() == null || b.getPath().isEmpty() ? b.resolve("/").resolve(uri) : b.resolve(uri);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                String out = uri.toString();
                return out.length() <= MAX_URL ? out : null;
            }
            return null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * An identifier usable as a dedupe key when an item has no link: a guid or id that is not an active
     * scheme ({@code javascript:}, {@code data:}, {@code file:}, {@code vbscript:}); null otherwise.
     */
    static String key(String id) {
        if (id == null) {
            return null;
        }
        String s = id.strip();
        if (s.isEmpty() || s.length() > MAX_URL) {
            return null;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        for (String bad : new String[] {"javascript:", "data:", "file:", "vbscript:", "about:"}) {
            if (lower.startsWith(bad)) {
                return null;
            }
        }
        return s;
    }
}
