package org.feedloom.parse;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Item;

/** JSON Feed 1.0 and 1.1 → items. Not thread-safe; one per parse. */
final class JsonFeedItems {
    private final Clock clock;
    private final String baseUrl;
    private final String provenance;

    JsonFeedItems(Clock clock, String baseUrl, String provenance) {
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.provenance = provenance;
    }

    ParsedFeed parse(String text) throws FeedParseException {
        Object doc;
        try {
            doc = MiniJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new FeedParseException("parse: not valid JSON (" + e.getMessage() + ")");
        }
        if (!(doc instanceof Map<?, ?> feed) || !isJsonFeed(feed.get("version"), feed.get("items"))) {
            throw new FeedParseException("parse: not a feed (JSON without a JSON Feed version)");
        }
        String home = Links.http(str(feed.get("home_page_url")), baseUrl);
        String base = Bases.item(null, home, baseUrl); // JSON Feed has no xml:base
        String title = str(feed.get("title"));
        String self = Links.http(str(feed.get("feed_url")), baseUrl);
        FeedRef ref = new FeedRef(self != null ? self : baseUrl, title, home != null ? home : baseUrl);
        String feedAuthor = author(feed);
        List<Item> items = new ArrayList<>();
        if (feed.get("items") instanceof List<?> list) {
            for (Object o : list) {
                if (items.size() >= FeedParser.MAX_ITEMS) {
                    break;
                }
                if (o instanceof Map<?, ?> m) {
                    Item item = item(m, base, ref, feedAuthor);
                    if (item != null) {
                        items.add(item);
                    }
                }
            }
        } else {
            throw new FeedParseException("parse: JSON Feed without an 'items' list");
        }
        return new ParsedFeed(ref, title, home, null, items);
    }

    /** A jsonfeed.org version URL; or, liberally, a bare version number with an items list. */
    private static boolean isJsonFeed(Object version, Object items) {
        if (version instanceof String v) {
            return v.startsWith("https://jsonfeed.org/version/") || v.startsWith("http://jsonfeed.org/version/")
                    || (v.matches("1(\\.\\d+)?") && items instanceof List<?>);
        }
        return version instanceof Number && items instanceof List<?>;
    }

    private Item item(Map<?, ?> m, String base, FeedRef ref, String feedAuthor) {
        ItemFields f = new ItemFields();
        f.link = Links.http(str(m.get("url")), base);
        if (f.link == null) {
            f.link = Links.http(str(m.get("external_url")), base);
        }
        f.id = m.get("id") instanceof Number n ? String.valueOf(n.longValue()) : str(m.get("id"));
        f.title = str(m.get("title"));
        f.summaryHtml = escape(str(m.get("summary")));
        f.contentHtml = str(m.get("content_html"));
        if (f.contentHtml == null) {
            f.contentHtml = escape(str(m.get("content_text")));
        }
        f.published = date(str(m.get("date_published")));
        f.updated = date(str(m.get("date_modified")));
        String author = author(m);
        f.author = author != null ? author : feedAuthor;
        if (m.get("tags") instanceof List<?> tags) {
            tags.forEach(t -> f.category(str(t)));
        }
        f.image(Links.http(str(m.get("image")), base), null, null);
        f.image(Links.http(str(m.get("banner_image")), base), null, null);
        return f.build(clock, base, provenance, ref);
    }

    /** JSON Feed 1.1 {@code authors[0].name}, else 1.0 {@code author.name}. */
    private static String author(Map<?, ?> m) {
        if (m.get("authors") instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> a) {
            return str(a.get("name"));
        }
        return m.get("author") instanceof Map<?, ?> a ? str(a.get("name")) : null;
    }

    /** A non-blank string value, without the control characters XML forbids (JSON allows {@code \u0000}). */
    private static String str(Object o) {
        return o instanceof String s && !s.isBlank() ? XmlText.dropIllegalChars(s) : null;
    }

    private static String escape(String text) {
        return text == null ? null : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static Instant date(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.strip()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
