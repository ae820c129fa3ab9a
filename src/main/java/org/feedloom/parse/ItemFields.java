package org.feedloom.parse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;

/**
 * Building one item out of the fields a feed gave, with the rules shared by every format: a link (else a
 * guid/id as the key; else the item is dropped), a plain-text title of bounded length (else one made from the
 * summary or link), sanitised HTML, dates in the far future clamped to now. Not thread-safe; one per item.
 */
final class ItemFields {
    static final int MAX_TITLE = 1_000;
    static final int MAX_HTML = 512 * 1024;
    static final Duration FUTURE_SLACK = Duration.ofDays(1);

    String link;
    String id;
    String title;
    String summaryHtml;
    String contentHtml;
    Instant published;
    Instant updated;
    String author;
    final List<String> categories = new ArrayList<>();
    final List<Image> images = new ArrayList<>();

    /** The item, or null when it has neither a usable link nor a usable id. */
    Item build(Clock clock, String base, String provenance, FeedRef feed) {
        String url = link != null ? link : Links.key(id);
        if (url == null) {
            url = contentKey(feed);
            if (url == null) {
                return null;
            }
        }
        String excerpt = cap(HtmlSanitizer.sanitize(cap(summaryHtml), base));
        String content = cap(HtmlSanitizer.sanitize(cap(contentHtml), base));
        String text = title == null ? null : HtmlSanitizer.toPlainText(title);
        if (text == null || text.isEmpty()) {
            String from = HtmlSanitizer.toPlainText(excerpt != null ? excerpt : content);
            text = from != null && !from.isEmpty() ? shorten(from, 80) : url;
        }
        Instant now = clock.instant();
        Instant pub = clamp(published != null ? published : updated, now);
        Instant upd = clamp(updated, now);
        String who = author == null ? null : shorten(HtmlSanitizer.toPlainText(author), 200);
        return new Item(Origin.FEED, provenance, List.of(url), shorten(text, MAX_TITLE), excerpt, content, pub, upd,
                null, List.of(), List.copyOf(new LinkedHashSet<>(categories)), images, List.of(), who, feed,
                SeedFacts.NONE);
    }

    /**
     * For an item with neither link nor id: a key from what it says (feed, title, summary, content), stable as
     * long as the item does not change; null for an item that says nothing.
     */
    private String contentKey(FeedRef feed) {
        String what = String.join("\n", String.valueOf(title), String.valueOf(summaryHtml), String.valueOf(contentHtml));
        if (title == null && summaryHtml == null && contentHtml == null) {
            return null;
        }
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((feed.id() + "\n" + what).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "urn:feedloom:item:" + java.util.HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    private static String cap(String html) {
        return html != null && html.length() > MAX_HTML ? html.substring(0, MAX_HTML) : html;
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1).stripTrailing() + "…";
    }
}
