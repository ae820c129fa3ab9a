package org.feedloom.parse;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Item;

/**
 * JSON Feed 1.0 and 1.1 → items. The document is read by gson, strictly (RFC 8259: no comments, no unescaped
 * control characters, nothing after the value) and nested at most {@value #MAX_NESTING} deep, so a hostile
 * document fails with a one-line {@link FeedParseException}, never a stack overflow. Not thread-safe; one per
 * parse.
 */
final class JsonFeedItems {
    static final int MAX_NESTING = 64;

    private final Clock clock;
    private final SanitizedHtml html;
    private final String baseUrl;
    private final String provenance;

    JsonFeedItems(Clock clock, SanitizedHtml html, String baseUrl, String provenance) {
        this.clock = clock;
        this.html = html;
        this.baseUrl = baseUrl;
        this.provenance = provenance;
    }

    ParsedFeed parse(String text) throws FeedParseException {
        if (!(read(text) instanceof JsonObject feed) || !isJsonFeed(feed.get("version"), feed.get("items"))) {
            throw new FeedParseException("parse: not a feed (JSON without a JSON Feed version)");
        }
        String home = Links.http(str(feed.get("home_page_url")), baseUrl);
        String base = Bases.item(null, home, baseUrl); // JSON Feed has no xml:base
        String title = str(feed.get("title"));
        String self = Links.http(str(feed.get("feed_url")), baseUrl);
        FeedRef ref = new FeedRef(self != null ? self : baseUrl, title, home != null ? home : baseUrl);
        String feedAuthor = author(feed);
        List<Item> items = new ArrayList<>();
        if (feed.get("items") instanceof JsonArray list) {
            for (JsonElement e : list) {
                if (items.size() >= FeedParser.MAX_ITEMS) {
                    break;
                }
                if (e instanceof JsonObject m) {
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

    /** The whole document as gson's tree; one value and nothing after it. */
    private static JsonElement read(String text) throws FeedParseException {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(MAX_NESTING);
        try {
            JsonElement doc = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) { // strict: peek itself refuses most text after the value
                throw new FeedParseException("parse: not valid JSON (text after the JSON value)");
            }
            return doc;
        } catch (JsonParseException | IOException e) {
            throw new FeedParseException("parse: not valid JSON (" + reason(e) + ")", e);
        }
    }

    /**
     * gson's own message, first line, without its path into the document (which can be as long as the nesting is
     * deep) or its advice to programmers.
     */
    private static String reason(Exception e) {
        Throwable cause = e.getCause() instanceof IOException io ? io : e;
        String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
        int path = message.indexOf(" path $");
        if (path >= 0) {
            message = message.substring(0, path);
        }
        return message.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
    }

    /** A jsonfeed.org version URL; or, liberally, a bare version number with an items list. */
    private static boolean isJsonFeed(JsonElement version, JsonElement items) {
        if (string(version) != null) {
            String v = version.getAsString();
            return v.startsWith("https://jsonfeed.org/version/") || v.startsWith("http://jsonfeed.org/version/")
                    || (v.matches("1(\\.\\d+)?") && items instanceof JsonArray);
        }
        return version instanceof JsonPrimitive p && p.isNumber() && items instanceof JsonArray;
    }

    private Item item(JsonObject m, String base, FeedRef ref, String feedAuthor) {
        ItemFields f = new ItemFields();
        f.link = Links.http(str(m.get("url")), base);
        if (f.link == null) {
            f.link = Links.http(str(m.get("external_url")), base);
        }
        f.id = id(m.get("id"));
        f.title = str(m.get("title"));
        f.summaryHtml = Extensions.escape(str(m.get("summary")));
        f.contentHtml = str(m.get("content_html"));
        if (f.contentHtml == null) {
            f.contentHtml = Extensions.escape(str(m.get("content_text")));
        }
        f.published = date(str(m.get("date_published")));
        f.updated = date(str(m.get("date_modified")));
        String author = author(m);
        f.author = author != null ? author : feedAuthor;
        if (m.get("tags") instanceof JsonArray tags) {
            tags.forEach(t -> f.category(str(t)));
        }
        f.image(Links.http(str(m.get("image")), base), null, null);
        f.image(Links.http(str(m.get("banner_image")), base), null, null);
        return f.build(clock, html, base, provenance, ref);
    }

    /**
     * A string id as {@link #str}; a numeric id (JSON Feed wants a string, some feeds give a number) as its whole
     * part, read through a {@code double} as it always has been, so the keys of stored items stay the same.
     */
    private static String id(JsonElement id) {
        if (id instanceof JsonPrimitive p && p.isNumber()) {
            return String.valueOf((long) p.getAsDouble());
        }
        return str(id);
    }

    /** JSON Feed 1.1 {@code authors[0].name}, else 1.0 {@code author.name}. */
    private static String author(JsonObject m) {
        if (m.get("authors") instanceof JsonArray list && !list.isEmpty() && list.get(0) instanceof JsonObject a) {
            return str(a.get("name"));
        }
        return m.get("author") instanceof JsonObject a ? str(a.get("name")) : null;
    }

    /** A non-blank string value, without the control characters XML forbids (JSON allows {@code \u0000}). */
    private static String str(JsonElement e) {
        String s = string(e);
        return s != null && !s.isBlank() ? XmlText.dropIllegalChars(s) : null;
    }

    /** A JSON string's value; null for anything else (a number is not a string here). */
    private static String string(JsonElement e) {
        return e instanceof JsonPrimitive p && p.isString() ? p.getAsString() : null;
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
