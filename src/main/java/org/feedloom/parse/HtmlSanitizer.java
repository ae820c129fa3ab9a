package org.feedloom.parse;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The allowlist every republished piece of HTML passes (jsoup's {@link Cleaner}): text formatting, links, lists,
 * tables, images, quotes and code survive; script, style, iframe, object, embed, form, meta and every {@code on*}
 * attribute do not; URLs must be http, https or mailto ({@code data:image/*} only in {@code img}); relative URLs
 * become absolute against the base URL; every link gets {@code rel="noopener noreferrer"}. Thread-safe; pure.
 */
public final class HtmlSanitizer {
    private static final Safelist SAFELIST = Safelist.relaxed()
            .addTags("abbr", "figure", "figcaption", "hr", "del", "ins", "mark", "small", "time", "picture")
            .addAttributes("time", "datetime")
            .addAttributes("abbr", "title")
            .addProtocols("img", "src", "data")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer");

    private HtmlSanitizer() {}

    /** The sanitised form of {@code html}; relative URLs resolved against {@code baseUrl} (may be null). */
    public static String sanitize(String html, String baseUrl) {
        if (html == null || html.isBlank()) {
            return null;
        }
        Document dirty = Jsoup.parseBodyFragment(html, baseUrl == null ? "" : baseUrl);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        for (Element img : clean.select("img[src]")) {
            String src = img.attr("src");
            if (src.regionMatches(true, 0, "data:", 0, 5) && !src.regionMatches(true, 0, "data:image/", 0, 11)) {
                img.removeAttr("src");
            }
            if (src.regionMatches(true, 0, "data:image/svg", 0, 14)) {
                img.removeAttr("src"); // SVG can carry script
            }
        }
        clean.outputSettings().prettyPrint(false);
        String out = clean.body().html().strip();
        return out.isEmpty() ? null : out;
    }

    /** Text of a piece of HTML (or plain text with entities): tags dropped, entities decoded, whitespace collapsed. */
    public static String toPlainText(String htmlOrText) {
        if (htmlOrText == null) {
            return null;
        }
        if (htmlOrText.indexOf('<') < 0 && htmlOrText.indexOf('&') < 0) {
            return htmlOrText.replaceAll("\\s+", " ").strip();
        }
        return Jsoup.parseBodyFragment(htmlOrText).text().strip();
    }
}
