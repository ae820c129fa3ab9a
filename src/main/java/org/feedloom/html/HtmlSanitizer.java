package org.feedloom.html;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The allowlist every republished piece of HTML passes (jsoup's {@link Cleaner}, which rebuilds the document
 * from allowed elements and attributes only): text formatting, links, lists, tables, images, quotes and code
 * survive; script, style, iframe, frame, object, embed, applet, form and its controls, meta, link, base, svg and
 * math do not, nor any attribute not on the list (so no {@code on*} handler and no {@code style}); URLs must be
 * http, https, mailto or ftp, except {@code data:image/*} (not SVG) in {@code img src}; relative URLs become
 * absolute against the base URL (and are dropped when there is none); every link gets
 * {@code rel="noopener noreferrer"}. Text is re-escaped on output, so what a browser parses is what was checked.
 *
 * <p>Before parsing, markup declarations are read the way feed readers read them, not the way HTML5 swallows
 * them: a comment that is never closed ends at the next {@code >} (or, with none, at the end), and a
 * {@code <!} that is not a comment and has no {@code >} after it is text ({@code "<!DOCTYPE"} in a description
 * stays visible); and nesting deeper than {@value NestingLimit#MAX_DEPTH} is flattened ({@link NestingLimit}),
 * so hostile markup costs linear time. The cleaner runs after this, so it cannot let anything through.
 *
 * <p>The HTML publishers write (paragraphs, headings, lists, quotes, figures, images, links, code, tables with their
 * sections, embeds, every element closed by its end tag or left open at the end) is sanitised without a DOM
 * ({@link SimpleHtml}, a pre-check that answers only where it gives jsoup's string byte for byte: where HTML5 tree
 * building repairs nothing); everything else goes to jsoup.
 *
 * <p>Thread-safe; pure. Inputs are not modified.
 */
public final class HtmlSanitizer {
    /** The allowlist (package-private for the pre-check's tests). */
    static final Safelist JSOUP = Safelist.relaxed()
            .addTags("abbr", "figure", "figcaption", "hr", "del", "ins", "mark", "small", "time", "picture")
            .addAttributes("time", "datetime")
            .addAttributes("abbr", "title")
            .addProtocols("img", "src", "data")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer");
    /** The same list, with a shortcut for plain absolute URLs ({@link PlainUrlSafelist}). */
    private static final Safelist SAFELIST = new PlainUrlSafelist(JSOUP);

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private HtmlSanitizer() {}

    /**
     * The sanitised form of {@code html}, or null when nothing is left; relative URLs resolved against
     * {@code baseUrl} (may be null).
     */
    public static String sanitize(String html, String baseUrl) {
        return sanitize(html, baseUrl, null);
    }

    /**
     * {@link #sanitize(String, String)}, except that same-document references — an {@code href} that is empty
     * or only a {@code #fragment}, such as a footnote's — point into {@code pageUrl}, the absolute http(s) URL of
     * the page the HTML was written for (may be null: then they resolve against {@code baseUrl} like the rest).
     */
    public static String sanitize(String html, String baseUrl, String pageUrl) {
        if (html == null || html.isBlank()) {
            return null;
        }
        String simple = SimpleHtml.sanitize(html, baseUrl, pageUrl);
        return simple != SimpleHtml.DECLINED ? simple : clean(html, baseUrl, pageUrl, SAFELIST);
    }

    /** {@link #sanitize(String, String, String)} by jsoup's cleaner alone, without the shortcuts (for their tests). */
    static String clean(String html, String baseUrl, String pageUrl) {
        return html == null || html.isBlank() ? null : clean(html, baseUrl, pageUrl, JSOUP);
    }

    private static String clean(String html, String baseUrl, String pageUrl, Safelist safelist) {
        Document dirty = Jsoup.parseBodyFragment(prepare(html), baseUrl == null ? "" : baseUrl);
        if (pageUrl != null && html.contains("href")) {
            String page = pageUrl.indexOf('#') < 0 ? pageUrl : pageUrl.substring(0, pageUrl.indexOf('#'));
            for (Element el : dirty.select("[href]")) {
                String href = el.attr("href").strip();
                if (href.isEmpty() || href.startsWith("#")) {
                    el.attr("href", page + href);
                }
            }
        }
        Document clean = new Cleaner(safelist).clean(dirty);
        for (Element img : clean.select("img[src]")) {
            String src = img.attr("src").strip().toLowerCase(Locale.ROOT);
            if (src.startsWith("data:") && (!src.startsWith("data:image/") || src.startsWith("data:image/svg"))) {
                img.removeAttr("src"); // only raster images; SVG can carry script
            }
        }
        clean.outputSettings().prettyPrint(false);
        String out = clean.body().html().strip();
        return out.isEmpty() ? null : out;
    }

    /**
     * Text of a piece of HTML (or of plain text with entities): tags dropped, entities decoded, whitespace
     * collapsed; script and style content is not text. Null for null.
     */
    public static String toPlainText(String htmlOrText) {
        if (htmlOrText == null) {
            return null;
        }
        if (htmlOrText.indexOf('<') < 0 && htmlOrText.indexOf('&') < 0) {
            return SPACES.matcher(htmlOrText).replaceAll(" ").strip();
        }
        return Jsoup.parseBodyFragment(prepare(htmlOrText)).text().strip();
    }

    private static String prepare(String html) {
        return NestingLimit.apply(declarationsAsText(html));
    }

    /**
     * Unclosed comments end at the next {@code >} or the end; a declaration with no {@code >} after it becomes
     * text. Linear:
     * the next closing positions are remembered, not searched for again.
     */
    static String declarationsAsText(String html) {
        int at = html.indexOf("<!");
        if (at < 0) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length() + 16);
        int copied = 0;
        int nextGt = -2; // -2: not searched yet; -1: none after this point
        int nextCommentEnd = -2;
        while (at >= 0) {
            if (nextGt != -1 && nextGt < at + 2) {
                nextGt = html.indexOf('>', at + 2);
            }
            if (html.startsWith("<!--", at)) {
                if (nextCommentEnd != -1 && nextCommentEnd < at + 4) {
                    nextCommentEnd = html.indexOf("-->", at + 4);
                }
                int gt = nextGt != -1 && nextGt < at + 4 ? html.indexOf('>', at + 4) : nextGt;
                if (nextCommentEnd >= 0) {
                    at = nextCommentEnd + 3; // a proper comment: jsoup reads it
                } else if (gt >= 0) {
                    out.append(html, copied, at); // an unclosed comment: up to the next '>'
                    copied = gt + 1;
                    at = gt + 1;
                } else {
                    out.append(html, copied, at); // closed by nothing: a comment to the end, as in HTML
                    copied = html.length();
                    break;
                }
            } else if (nextGt < 0) {
                out.append(html, copied, at).append("&lt;");
                copied = at + 1;
                at += 2;
            } else {
                at = nextGt + 1; // a declaration or bogus comment: jsoup drops it
            }
            at = html.indexOf("<!", at);
        }
        return copied == 0 ? html : out.append(html, copied, html.length()).toString();
    }
}
