package org.feedloom.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.feedloom.model.Link;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;

/**
 * The JSON form of the nested values kept in TEXT columns: lists of strings, images, links and feed refs, a
 * provider, and related items (which nest further). Member names are written out here, not taken from the record
 * components by reflection, so renaming a Java field cannot silently change what is on disk. Null members are
 * left out; lists are always written, in their order; instants are {@link Instant#toString()} text (nanosecond
 * precision). The output is deterministic, so it can be hashed. Pure and thread-safe.
 */
final class ModelJson {
    private ModelJson() {}

    static String strings(List<String> values) {
        return stringArray(values).toString();
    }

    static List<String> strings(String json) {
        return list(parse(json), JsonElement::getAsString);
    }

    static String images(List<Image> images) {
        return array(images, ModelJson::image).toString();
    }

    static List<Image> images(String json) {
        return list(parse(json), e -> image(e.getAsJsonObject()));
    }

    static String links(List<Link> links) {
        return array(links, l -> {
            JsonObject o = new JsonObject();
            put(o, "url", l.url());
            put(o, "title", l.title());
            return o;
        }).toString();
    }

    static List<Link> links(String json) {
        return list(parse(json), e -> new Link(text(e.getAsJsonObject(), "url"), text(e.getAsJsonObject(), "title")));
    }

    static String feeds(List<FeedRef> feeds) {
        return array(feeds, ModelJson::feed).toString();
    }

    static List<FeedRef> feeds(String json) {
        return list(parse(json), e -> feed(e.getAsJsonObject()));
    }

    /** The provider as JSON, or null for no provider (a NULL column). */
    static String provider(Provider provider) {
        return provider == null ? null : providerObject(provider).toString();
    }

    static Provider provider(String json) {
        return json == null ? null : provider(parse(json).getAsJsonObject());
    }

    /** Related items: every field of each, recursively. */
    static String items(List<Item> items) {
        return array(items, ModelJson::item).toString();
    }

    static List<Item> items(String json) {
        return list(parse(json), e -> item(e.getAsJsonObject()));
    }

    private static JsonObject item(Item i) {
        JsonObject o = new JsonObject();
        put(o, "origin", i.origin().name());
        put(o, "provenance", i.provenance());
        o.add("urls", stringArray(i.urls()));
        put(o, "title", i.title());
        put(o, "excerpt", i.excerpt());
        put(o, "content", i.content());
        put(o, "published", instant(i.published()));
        put(o, "updated", instant(i.updated()));
        if (i.provider() != null) {
            o.add("provider", providerObject(i.provider()));
        }
        o.add("topics", stringArray(i.topics()));
        o.add("categories", stringArray(i.categories()));
        o.add("images", array(i.images(), ModelJson::image));
        o.add("related", array(i.related(), ModelJson::item));
        put(o, "author", i.author());
        put(o, "webUrl", i.webUrl());
        put(o, "originalUrl", i.originalUrl());
        if (i.feed() != null) {
            o.add("feed", feed(i.feed()));
        }
        SeedFacts f = i.facts();
        put(o, "category", f.category());
        put(o, "type", f.type());
        putNumber(o, "quality", f.quality());
        putNumber(o, "heat", f.heat());
        if (f.published() != null) {
            o.addProperty("publishedFlag", f.published());
        }
        return o;
    }

    private static Item item(JsonObject o) {
        Origin origin = Origin.valueOf(text(o, "origin"));
        List<String> urls = list(o.get("urls"), JsonElement::getAsString);
        String webUrl = o.has("webUrl") ? text(o, "webUrl") : Item.defaultWebUrl(origin, urls);
        return new Item(origin, text(o, "provenance"), urls, text(o, "title"), text(o, "excerpt"),
                text(o, "content"), instant(text(o, "published")), instant(text(o, "updated")),
                o.has("provider") ? provider(o.getAsJsonObject("provider")) : null,
                list(o.get("topics"), JsonElement::getAsString), list(o.get("categories"), JsonElement::getAsString),
                list(o.get("images"), e -> image(e.getAsJsonObject())),
                list(o.get("related"), e -> item(e.getAsJsonObject())), text(o, "author"),
                o.has("feed") ? feed(o.getAsJsonObject("feed")) : null,
                new SeedFacts(text(o, "category"), text(o, "type"), integer(o, "quality"), integer(o, "heat"),
                        o.has("publishedFlag") ? o.get("publishedFlag").getAsBoolean() : null),
                webUrl, text(o, "originalUrl"));
    }

    private static JsonObject image(Image i) {
        JsonObject o = new JsonObject();
        put(o, "url", i.url());
        putNumber(o, "width", i.width());
        putNumber(o, "height", i.height());
        o.addProperty("cached", i.cached());
        return o;
    }

    private static Image image(JsonObject o) {
        return new Image(text(o, "url"), integer(o, "width"), integer(o, "height"), o.get("cached").getAsBoolean());
    }

    private static JsonObject providerObject(Provider p) {
        JsonObject o = new JsonObject();
        put(o, "name", p.name());
        put(o, "domain", p.domain());
        o.add("images", array(p.images(), ModelJson::image));
        return o;
    }

    private static Provider provider(JsonObject o) {
        return new Provider(text(o, "name"), text(o, "domain"), list(o.get("images"), e -> image(e.getAsJsonObject())));
    }

    private static JsonObject feed(FeedRef f) {
        JsonObject o = new JsonObject();
        put(o, "id", f.id());
        put(o, "title", f.title());
        put(o, "link", f.link());
        return o;
    }

    private static FeedRef feed(JsonObject o) {
        return new FeedRef(text(o, "id"), text(o, "title"), text(o, "link"));
    }

    static String instant(Instant t) {
        return t == null ? null : t.toString();
    }

    static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static <T> JsonArray array(List<T> values, Function<T, JsonElement> element) {
        JsonArray a = new JsonArray(values.size());
        values.forEach(v -> a.add(element.apply(v)));
        return a;
    }

    private static JsonArray stringArray(List<String> values) {
        JsonArray a = new JsonArray(values.size());
        values.forEach(a::add);
        return a;
    }

    private static JsonElement parse(String json) {
        return JsonParser.parseString(json);
    }

    private static void put(JsonObject o, String name, String value) {
        if (value != null) {
            o.addProperty(name, value);
        }
    }

    private static void putNumber(JsonObject o, String name, Integer value) {
        if (value != null) {
            o.addProperty(name, value);
        }
    }

    private static <T> List<T> list(JsonElement json, Function<JsonElement, T> element) {
        JsonArray a = json.getAsJsonArray();
        List<T> out = new ArrayList<>(a.size());
        a.forEach(e -> out.add(element.apply(e)));
        return out;
    }

    private static String text(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static Integer integer(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsInt();
    }
}
