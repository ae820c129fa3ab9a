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
            if (name != null && !KnownElement.isUrl(name)) { // written as it is decoded
                out.append(' ').append(name).append("=\"");
                if (!decode(tag.valueStart[k], tag.valueEnd[k], out)) {
                    return false;
                }
                out.append('"');
                continue;
            }
            boolean relCandidate = name == null && link && tag.isNamed(html, k, "rel");
            if (name == null && !relCandidate) {
                continue;
            }
            value.setLength(0);
            if (!decode(tag.valueStart[k], tag.valueEnd[k], value)) {
                return false;
            }
            rel |= relCandidate && REL.contentEquals(value);
            if (relCandidate ? REL.contentEquals(value) : url(e)) {
                attribute(out, relCandidate ? "rel" : name);
            }
        }
        if (link && !rel) {
            out.append(" rel=\"").append(REL).append('"');
        }
        out.append('>');
        return true;
    }

    /**
     * Decodes the value between the positions (none: empty) to {@code to}: escaped for an attribute when that is the
     * output, as it is into {@link #value}; false to decline.
     */
    private boolean decode(int start, int end, StringBuilder to) {
        for (int i = start; i < end;) {
            int run = i;
            while (run < end && isPlain(html.charAt(run))) {
                run++;
            }
            if (run > i) { // written as they are, into the value and into the output alike: copied at once
                to.append(html, i, run);
                i = run;
                continue;
            }
            int next;
            if (html.charAt(i) == '&') {
                next = CharRefs.read(html, i, end, true, cps);
                if (next < 0) {
                    return false;
                }
                if (cps[0] == 0) { // a literal ampersand
                    cps[0] = 1;
                    cps[1] = '&';
                }
            } else {
                cps[0] = 1;
                cps[1] = html.codePointAt(i);
                next = i + Character.charCount(cps[1]);
            }
            for (int k = 1; k <= cps[0]; k++) {
                if (!JsoupEscape.writable(cps[k])) {
                    return false;
                }
                if (to == value) {
                    to.appendCodePoint(cps[k]);
                } else {
                    JsoupEscape.attribute(to, cps[k]);
                }
            }
            i = next;
        }
        return true;
    }

    /**
     * Printable ASCII but {@code &} (a reference) and {@code "} (escaped in the output): what {@link #decode} writes
     * as it is, since {@link JsoupEscape#writable} takes it and {@link JsoupEscape#attribute} leaves it unescaped.
     */
    private static boolean isPlain(char c) {
        return c >= 0x20 && c < 0x7F && c != '&' && c != '"';
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
        if (PlainUrlSafelist.isPlainHttpUrl(url)) { // resolution leaves it as it is, and it is http(s)
            value.setLength(0);
            value.append(url);
            return true;
        }
        String resolved = StringUtil.resolve(base, url);
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
