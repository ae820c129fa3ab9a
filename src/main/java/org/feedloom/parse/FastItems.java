package org.feedloom.parse;

import org.feedloom.html.HtmlSanitizer;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;

/**
 * {@link ItemFields#build} for the StAX fast path, with the same rules and caps, and two shortcuts that give
 * the same strings: HTML inside {@link SimpleHtml}'s subset is sanitised without a DOM, and plain text (no
 * markup, no entity) is collapsed with a compiled pattern. Anything else goes through {@link HtmlSanitizer}
 * exactly as in {@link ItemFields}. {@code FastPathTest} checks the items equal ROME's path's. Thread-safe; pure.
 */
final class FastItems {
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private FastItems() {}

    /** The item of fields that have a link (the fast path takes no item without one); {@code base} as there. */
    static Item build(ItemFields f, Clock clock, String base, String provenance, FeedRef feed) {
        String url = f.link;
        String excerpt = cap(sanitize(cap(f.summaryHtml), Bases.html(f.summaryScope, url, base), url));
        String content = cap(sanitize(cap(f.contentHtml), Bases.html(f.contentScope, url, base), url));
        String text = f.title == null ? null : plainText(f.title);
        if (text == null || text.isEmpty()) {
            String from = HtmlSanitizer.toPlainText(excerpt != null ? excerpt : content);
            text = from != null && !from.isEmpty() ? ItemFields.shorten(from, 80) : url;
        }
        Instant now = clock.instant();
        Instant pub = clamp(f.published != null ? f.published : f.updated, now);
        Instant upd = clamp(f.updated, now);
        String who = f.author == null ? null : ItemFields.shorten(plainText(f.author), 200);
        return new Item(Origin.FEED, provenance, List.of(url), ItemFields.shorten(text, ItemFields.MAX_TITLE), excerpt,
                content, pub, upd, null, List.of(), List.copyOf(new LinkedHashSet<>(f.categories)), f.images, List.of(),
                who, feed, SeedFacts.NONE);
    }

    /** {@link ItemFields#category}, with the same caps. */
    static void category(ItemFields f, String name) {
        if (name != null && !name.isBlank() && f.categories.size() < 50) {
            f.categories.add(ItemFields.shorten(plainText(name), 200));
        }
    }

    static String sanitize(String html, String base, String page) {
        String fast = SimpleHtml.sanitize(html);
        return fast != SimpleHtml.DECLINED ? fast : HtmlSanitizer.sanitize(html, base, page);
    }

    /** {@link HtmlSanitizer#toPlainText}. */
    static String plainText(String s) {
        if (s.indexOf('<') < 0 && s.indexOf('&') < 0) {
            return SPACES.matcher(s).replaceAll(" ").strip();
        }
        return HtmlSanitizer.toPlainText(s);
    }

    private static Instant clamp(Instant t, Instant now) {
        return t != null && t.isAfter(now.plus(ItemFields.FUTURE_SLACK)) ? now : t;
    }

    private static String cap(String html) {
        return html != null && html.length() > ItemFields.MAX_HTML ? html.substring(0, ItemFields.MAX_HTML) : html;
    }
}
