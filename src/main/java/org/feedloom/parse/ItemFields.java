package org.feedloom.parse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.feedloom.html.HtmlSanitizer;
import org.feedloom.model.Body;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;

/**
 * Building one item out of the fields a feed gave, with the rules shared by every format: a key (see
 * {@link #build}), a plain-text title (else one made from the summary, else the link, else "Untitled"),
 * sanitised HTML, dates in the far future clamped to now.
 *
 * <p>Lengths are bounded whatever the feed sends: title {@value #MAX_TITLE} characters, author
 * {@value #MAX_AUTHOR}, each of summary and content about {@value #MAX_HTML} characters of sanitised HTML (cut,
 * then sanitised again so the cut leaves no broken markup), 50 categories of 200 characters, 10 images; links
 * longer than {@link Links#MAX_URL} characters are dropped. Not thread-safe; one per item.
 */
final class ItemFields {
    static final int MAX_TITLE = 1_000;
    static final int MAX_HTML = 512 * 1024;
    static final int MAX_AUTHOR = 200;
    static final Duration FUTURE_SLACK = Duration.ofDays(1);
    static final String UNTITLED = "Untitled";
    private static final java.util.regex.Pattern HTTP_ID = java.util.regex.Pattern.compile("(?i)https?://.+");

    String link;
    String id;
    String title;
    String summaryHtml;
    String contentHtml;
    /** The {@code xml:base} in scope where the summary and the content were written (null when none is). */
    String summaryScope;
    String contentScope;
    Instant published;
    Instant updated;
    String author;
    final List<String> categories = new ArrayList<>();
    final List<Image> images = new ArrayList<>();

    /**
     * The item, or null when it says nothing at all. Its URL (the dedupe key) is its link; else its id (see
     * {@link Links#itemKey}); else, for an item with neither (RSS allows an item of only a title, a description
     * or an author), {@code urn:feedloom:item:<hash>} of the feed's id and the item's title, summary, content
     * and author — stable while the item does not change, different for two items that differ in any of them.
     * Relative URLs in the summary and content resolve by {@link Bases#html}, with {@code base} the item's base
     * ({@link Bases#item}).
     */
    Item build(Clock clock, SanitizedHtml html, String base, String provenance, FeedRef feed) {
        String url = link != null ? link : Links.itemKey(id, feed.id());
        if (url == null) {
            url = contentKey(feed);
            if (url == null) {
                return null;
            }
        }
        String excerpt = sanitize(html, url, "summary", summaryHtml, Bases.html(summaryScope, link, base), link);
        String content = sanitize(html, url, "content", contentHtml, Bases.html(contentScope, link, base), link);
        String text = title == null ? null : HtmlSanitizer.toPlainText(cap(title));
        if (text == null || text.isEmpty()) {
            String from = HtmlSanitizer.toPlainText(excerpt != null ? excerpt : content);
            text = from != null && !from.isEmpty() ? shorten(from, 80) : link != null ? link : UNTITLED;
        }
        Instant now = clock.instant();
        Instant pub = clamp(published != null ? published : updated, now);
        Instant upd = clamp(updated, now);
        String who = author == null ? null : shorten(HtmlSanitizer.toPlainText(cap(author)), MAX_AUTHOR);
        return new Item(Origin.FEED, provenance, List.of(url), shorten(text, MAX_TITLE), Body.of(excerpt), Body.of(content), pub, upd,
                null, List.of(), List.copyOf(new LinkedHashSet<>(categories)), images, List.of(), who, feed,
                SeedFacts.NONE, url, null);
    }

    /**
     * A content or title construct as HTML, the rule of both paths: text types ({@code text}, {@code text/plain})
     * are escaped (so a title "History of the &lt;blink&gt; tag" keeps its brackets once
     * {@link HtmlSanitizer#toPlainText} reads it); HTML and XHTML stay as they are; untyped values (RSS, and Atom
     * 0.3 as ROME hands it over) are taken as HTML, as feed readers take them. Null for null.
     */
    static String html(String type, String value) {
        boolean text = type != null && (type.equals("text") || type.equals("text/plain"));
        return text ? Extensions.escape(value) : value;
    }

    /**
     * An item's link, the rule of both paths: its own link resolved against {@code base}; else the first of
     * {@code alternates} (Atom links without a rel or with rel="alternate") that resolves; else its id, when
     * that is an http(s) URL (resolved against the fetch URL). Null when none is usable.
     */
    static String link(String own, List<String> alternates, String id, String base, String fetchUrl) {
        String link = Links.http(own, base);
        for (int i = 0; link == null && i < alternates.size(); i++) {
            link = Links.http(alternates.get(i), base);
        }
        if (link == null && id != null && HTTP_ID.matcher(id).matches()) {
            link = Links.http(id, fetchUrl);
        }
        return link;
    }

    /** The key of an item with neither link nor id; null for an item with no title, summary, content or author. */
    private String contentKey(FeedRef feed) {
        if (isBlank(title) && isBlank(summaryHtml) && isBlank(contentHtml) && isBlank(author)) {
            return null;
        }
        return "urn:feedloom:item:" + Links.hash(feed.id(), String.valueOf(title), String.valueOf(summaryHtml),
                String.valueOf(contentHtml), String.valueOf(author));
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    void category(String name) {
        if (name != null && !name.isBlank() && categories.size() < 50) {
            categories.add(shorten(HtmlSanitizer.toPlainText(name), 200));
        }
    }

    void image(String url, Integer width, Integer height) {
        if (url != null && images.stream().noneMatch(i -> i.url().equals(url)) && images.size() < 10) {
            images.add(new Image(url, width, height, false));
        }
    }

    private static Instant clamp(Instant t, Instant now) {
        return t != null && t.isAfter(now.plus(FUTURE_SLACK)) ? now : t;
    }

    /**
     * Sanitised HTML of at most about {@link #MAX_HTML} characters, well-formed even when cut; same-document
     * references point into {@code page}, the item's link (see {@link Bases}). The {@code part} of the item
     * {@code item} unchanged since an earlier parse is not sanitised again ({@link SanitizedHtml}); a cut result
     * (rare: escaping made it longer than the cut input) is.
     */
    private static String sanitize(SanitizedHtml sanitizer, String item, String part, String html, String base,
            String page) {
        String out = sanitizer.sanitize(item, part, cap(html), base, page);
        return out != null && out.length() > MAX_HTML ? HtmlSanitizer.sanitize(cap(out), base, page) : out;
    }

    private static String cap(String html) {
        return html != null && html.length() > MAX_HTML ? html.substring(0, MAX_HTML) : html;
    }

    /** {@code s} cut to at most {@code max} characters with an ellipsis, never between a surrogate pair. */
    static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end).stripTrailing() + "…";
    }
}
