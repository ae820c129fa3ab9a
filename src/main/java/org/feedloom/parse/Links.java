package org.feedloom.parse;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Resolving and vetting the links found in feeds. Pure. */
final class Links {
    static final int MAX_URL = 2048;
    private static final Pattern GLOBAL_ID = Pattern.compile("(?i)(?:tag|urn):[^\\s\\p{Cntrl}]+");

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
     * Whether {@code id} is an identifier meant to be unique across all feeds: a {@code tag:} or {@code urn:} URI
     * (Atom ids, {@code urn:uuid:} guids) or an absolute http(s) URL, of sane length, without spaces or controls.
     */
    static boolean isGlobalId(String id) {
        if (id == null) {
            return false;
        }
        String s = id.strip();
        return s.length() <= MAX_URL && (GLOBAL_ID.matcher(s).matches() || (s.equals(http(s, null))));
    }

    /**
     * The dedupe key of an item that has no link but an id (guid): the id itself if it is global (see
     * {@link #isGlobalId}); otherwise — a bare guid like {@code 1234}, unique only within
     * its feed, or an id with an active or unknown scheme such as {@code javascript:} — a name-based URN
     * {@code urn:feedloom:guid:<hash>} of the feed's id and the guid, so two feeds' guid "1" never merge and no
     * active URL ever becomes an item's URL. Null for a blank id.
     */
    static String itemKey(String id, String feedId) {
        if (id == null || id.isBlank()) {
            return null;
        }
        String s = id.strip();
        return isGlobalId(s) ? s : "urn:feedloom:guid:" + hash(feedId, s);
    }

    /** A hex SHA-256 prefix (128 bits) of the parts joined by newlines. */
    static String hash(String... parts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
