package org.feedloom.html;

import java.util.Locale;
import org.jsoup.internal.StringUtil;

/**
 * Writes the start tag of an element the allowlist keeps, as jsoup's cleaner writes it: the attributes the list
 * allows on the element, in their order in the source, values decoded ({@link CharRefs}) and escaped
 * ({@link JsoupEscape}); on a link {@code rel="noopener noreferrer"} where the source has exactly that value, else
 * added last. A URL attribute is what jsoup's cleaner makes of it: resolved against the base by the function jsoup
 * resolves it with ({@link StringUtil#resolve(String, String)}; skipped for a plain absolute http(s) URL, which it
 * leaves as it is: {@link PlainUrlSafelist#isPlainHttpUrl}), kept if it then has one of the allowed protocols
 * (http, https, and ftp and mailto on links, raster {@code data:} images in {@code img src}), else dropped; a
 * same-document link ({@code href} empty or a {@code #fragment}) first made absolute against the page, as
 * {@link HtmlSanitizer#sanitize(String, String, String)} does. Not thread-safe.
 */
final class CleanStartTag {
    private static final String REL = "noopener noreferrer";

    private final String html;
    private final String base;
    /** The page URL without its fragment, when same-document links point into it; else null. */
    private final String page;
    private final StringBuilder value = new StringBuilder();
    private final int[] cps = new int[3];

    CleanStartTag(String html, String baseUrl, String pageUrl) {
        this.html = html;
        this.base = baseUrl == null ? "" : baseUrl;
        boolean rewritten = pageUrl != null && html.contains("href"); // as HtmlSanitizer.clean does
        this.page = !rewritten ? null : pageUrl.indexOf('#') < 0 ? pageUrl : pageUrl.substring(0, pageUrl.indexOf('#'));
    }

    /** Writes the start tag just read; false to decline. */
    boolean write(KnownElement e, TagReader tag, StringBuilder out) {
        out.append('<').append(e.name);
        boolean link = e.name.equals("a");
        boolean rel = false;
        for (int k = 0; k < tag.count; k++) {
            String name = e.allowed(html, tag, k);
            boolean relCandidate = name == null && link && tag.isNamed(html, k, "rel");
            if (name == null && !relCandidate) {
                continue;
            }
            if (!decode(tag.valueStart[k], tag.valueEnd[k])) {
                return false;
            }
            if (relCandidate) {
                rel = REL.contentEquals(value);
                name = rel ? "rel" : null;
            } else if (KnownElement.isUrl(name) && !url(e)) {
                name = null;
            }
            if (name != null) {
                attribute(out, name);
            }
        }
        if (link && !rel) {
            out.append(" rel=\"").append(REL).append('"');
        }
        out.append('>');
        return true;
    }

    /** Decodes the value between the positions into {@link #value} (empty for none); false to decline. */
    private boolean decode(int start, int end) {
        value.setLength(0);
        for (int i = start; i < end;) {
            char c = html.charAt(i);
            if (c == '&') {
                i = CharRefs.read(html, i, end, true, cps);
                if (i < 0) {
                    return false;
                }
                for (int k = 1; k <= cps[0]; k++) {
                    value.appendCodePoint(cps[k]);
                }
                value.append(cps[0] == 0 ? "&" : "");
                continue;
            }
            int cp = html.codePointAt(i);
            if (!JsoupEscape.writable(cp)) {
                return false;
            }
            value.appendCodePoint(cp);
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * Whether the cleaner keeps the URL in {@link #value} on the element; if so, {@link #value} is set to what it
     * writes.
     */
    private boolean url(KnownElement e) {
        String url = value.toString();
        if (page != null && e.name.equals("a")) {
            String href = url.strip();
            url = href.isEmpty() || href.startsWith("#") ? page + href : url;
        }
        String resolved = PlainUrlSafelist.isPlainHttpUrl(url) ? url : StringUtil.resolve(base, url);
        String kept = resolved.isEmpty() ? url : resolved;
        value.setLength(0);
        value.append(kept);
        String lower = kept.toLowerCase(Locale.ENGLISH);
        if (lower.startsWith("http:") || lower.startsWith("https:")) {
            return true;
        }
        if (e.name.equals("img")) {
            String src = kept.strip().toLowerCase(Locale.ROOT); // HtmlSanitizer.clean keeps raster images only
            return lower.startsWith("data:") && src.startsWith("data:image/") && !src.startsWith("data:image/svg");
        }
        return e.name.equals("a") && (lower.startsWith("ftp:") || lower.startsWith("mailto:"));
    }

    private void attribute(StringBuilder out, String name) {
        out.append(' ').append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            JsoupEscape.attribute(out, value.charAt(i));
        }
        out.append('"');
    }
}
