package org.feedloom.canonical;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The canonical key of an article URL: two URLs with the same key name the same article.
 *
 * <p>The key is {@code host[/path][?query]} with no scheme (http and https are equal); the host is
 * lower-cased without {@code www.} and {@code amp.}; the default port, the fragment and a trailing slash are
 * dropped; AMP forms are folded (AMP-cache URLs, a last path segment {@code amp}, the {@code amp},
 * {@code amp=1} and {@code outputType=amp} parameters); tracking parameters are dropped; the other parameters
 * are sorted; percent-encoding is normalised (unreserved characters decoded, other escapes upper-cased,
 * characters that must be escaped escaped as UTF-8).
 *
 * <p>Pure and thread-safe. Strings that are not absolute http(s) URLs (a feed's {@code urn:} guid, say) have
 * no URL key: {@link #keyOf} returns the trimmed string itself, so they still dedupe by exact value.
 */
public final class CanonicalUrl {
    private static final Pattern URL = Pattern.compile(
            "(?i)^(https?)://([^/?#]*)([^?#]*)(?:\\?([^#]*))?(?:#.*)?$");
    private static final Pattern AMP_CACHE_HOST = Pattern.compile("^[a-z0-9-]+\\.cdn\\.ampproject\\.org$");
    private static final Pattern AMP_CACHE_PATH = Pattern.compile("^/[cvi](/s)?/([^/?#]+)(/[^?#]*)?$");

    private static final Set<String> TRACKING_PREFIXES =
            Set.of("utm_", "mtm_", "hsa_", "itm_", "oly_", "vero_", "_branch_");
    private static final Set<String> TRACKING_NAMES = Set.of(
            "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ysclid", "twclid",
            "srsltid", "mc_cid", "mc_eid", "mc_tc", "_hsenc", "_hsmi", "__hssc", "__hstc", "__hsfp",
            "hsctatracking", "mkt_tok", "sc_cid", "_openstat", "fb_action_ids", "fb_action_types", "fb_ref",
            "fb_source", "fb_comment_id", "wickedid", "rb_clickid", "ocid", "cmpid", "ncid", "smid", "sr_share",
            "ref_src", "igshid", "_ga", "spm", "xtor");

    private CanonicalUrl() {}

    /** The key of {@code url}: its canonical form if it is an http(s) URL, else the trimmed string. */
    public static String keyOf(String url) {
        String trimmed = url.strip();
        return canonicalKey(trimmed).orElse(trimmed);
    }

    /** The canonical key of an absolute http(s) URL, or empty if {@code url} is not one. */
    public static Optional<String> canonicalKey(String url) {
        Matcher m = URL.matcher(url.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String host = host(m.group(2));
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String path = m.group(3);
        String query = m.group(4);
        if (isAmpCacheHost(host)) {
            Matcher amp = AMP_CACHE_PATH.matcher(path);
            if (amp.matches()) {
                host = host(amp.group(2));
                path = amp.group(3) == null ? "" : amp.group(3);
            }
        }
        path = foldAmpSegment(normaliseEscapes(path, false));
        String canonicalQuery = query == null ? "" : query(query, host);
        return Optional.of(host + path + (canonicalQuery.isEmpty() ? "" : "?" + canonicalQuery));
    }

    /**
     * Whether {@code url} is an AMP form of an article URL, the forms {@link #canonicalKey} folds: an AMP-cache URL,
     * an {@code amp.} host, a last path segment {@code amp}, or an {@code amp}, {@code amp=1} or
     * {@code outputType=amp} parameter. False for anything that is not an absolute http(s) URL.
     */
    public static boolean isAmp(String url) {
        Matcher m = URL.matcher(url.strip());
        if (!m.matches()) {
            return false;
        }
        String authority = m.group(2).substring(m.group(2).lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        String hostOnly = authority.replaceFirst(":\\d*$", "");
        if (isAmpCacheHost(hostOnly) || hostOnly.startsWith("amp.")
                || stripTrailingSlashes(m.group(3)).endsWith("/amp")) {
            return true;
        }
        if (m.group(4) != null) {
            for (String pair : m.group(4).split("&")) {
                int eq = pair.indexOf('=');
                String name = normaliseEscapes(eq < 0 ? pair : pair.substring(0, eq), true);
                if (isAmpParameter(name.toLowerCase(Locale.ROOT), eq < 0 ? null : pair.substring(eq + 1))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An AMP cache's host; the expression runs only on a host with its suffix (a matcher a URL costs otherwise). */
    private static boolean isAmpCacheHost(String host) {
        return host.endsWith(".cdn.ampproject.org") && AMP_CACHE_HOST.matcher(host).matches();
    }

    /** Host without user info, default port, {@code www.}/{@code amp.} prefix and trailing dot; lower case. */
    private static String host(String authority) {
        String host = authority.substring(authority.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && !host.endsWith("]")) {
            String port = host.substring(colon + 1);
            host = host.substring(0, colon);
            if (!port.isEmpty() && !port.equals("80") && !port.equals("443")) {
                host = host + ":" + port;
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        host = idn(host);
        for (String prefix : List.of("www.", "amp.")) {
            if (host.startsWith(prefix) && host.indexOf('.', prefix.length()) > 0) {
                host = host.substring(prefix.length());
            }
        }
        return host;
    }

    /**
     * The ASCII form of a lower-cased host ({@link IDN#toASCII}), or the host itself if it is not a valid IDN. An ASCII
     * host is its own ASCII form or not a valid IDN (an empty or too long label), so it is not converted at all.
     */
    static String idn(String host) {
        for (int i = 0; i < host.length(); i++) {
            if (host.charAt(i) >= 0x80) {
                try {
                    return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
                } catch (IllegalArgumentException e) {
                    return host; // not a valid IDN: keep the lower-cased form
                }
            }
        }
        return host;
    }

    /** Drops a trailing slash and a last path segment {@code amp}. */
    private static String foldAmpSegment(String path) {
        String p = stripTrailingSlashes(path);
        if (p.endsWith("/amp")) {
            p = stripTrailingSlashes(p.substring(0, p.length() - "/amp".length()));
        }
        return p;
    }

    private static String stripTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    private static String query(String query, String host) {
        List<String[]> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = normaliseEscapes(eq < 0 ? pair : pair.substring(0, eq), true);
            String value = eq < 0 ? null : normaliseEscapes(pair.substring(eq + 1), true);
            if (!isDropped(name, value, host)) {
                kept.add(new String[] {name, value});
            }
        }
        kept.sort((a, b) -> {
            int c = a[0].compareTo(b[0]);
            return c != 0 ? c : String.valueOf(a[1]).compareTo(String.valueOf(b[1]));
        });
        StringBuilder out = new StringBuilder();
        for (String[] p : kept) {
            out.append(out.length() == 0 ? "" : "&").append(p[0]).append(p[1] == null ? "" : "=" + p[1]);
        }
        return out.toString();
    }

    /** {@code amp}, {@code amp=1} or {@code outputType=amp}; {@code lowerName} is lower case. */
    private static boolean isAmpParameter(String lowerName, String value) {
        return lowerName.equals("amp") ? value == null || value.isEmpty() || value.equals("1")
                : lowerName.equals("outputtype") && "amp".equalsIgnoreCase(value);
    }

    private static boolean isDropped(String name, String value, String host) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (TRACKING_NAMES.contains(lower) || TRACKING_PREFIXES.stream().anyMatch(lower::startsWith)) {
            return true;
        }
        if (isAmpParameter(lower, value)) {
            return true;
        }
        return lower.equals("ref") && value != null
                && host(decode(value).replaceFirst("(?i)^https?://", "").replaceFirst("/.*$", "")).equals(host);
    }

    /**
     * Decodes escapes of unreserved characters, upper-cases the others, and escapes (as UTF-8) every character
     * that may not appear raw. In a query component {@code +} stays as it is (it means a space to some servers).
     */
    static String normaliseEscapes(String s, boolean query) {
        StringBuilder out = new StringBuilder(s.length());
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                int decoded = Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16);
                if (isUnreserved(decoded)) {
                    out.append((char) decoded);
                } else {
                    out.append('%').append(hex(decoded));
                }
                i += 2;
            } else if (isUnreserved(b) || isAllowedRaw(b, query)) {
                out.append((char) b);
            } else {
                out.append('%').append(hex(b));
            }
        }
        return out.toString();
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** Sub-delimiters and the characters RFC 3986 allows raw in a path or query. */
    private static boolean isAllowedRaw(int c, boolean query) {
        return "!$'()*,:@/+=;".indexOf(c) >= 0 || (!query && c == '&') || (query && c == '?');
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static String hex(int b) {
        return String.format("%02X", b);
    }
}
