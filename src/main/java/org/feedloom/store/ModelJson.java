package org.feedloom.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.feedloom.canonical.FoldStamp;
import org.feedloom.model.Body;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.feedloom.model.Link;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.StringBuilderWriter;

/**
 * The JSON form of the nested values kept in TEXT columns: lists of strings, images, links and feed refs, a
 * provider, and related items (which nest further). Member names are written out here, not taken from the record
 * components by reflection, so renaming a Java field cannot silently change what is on disk. Null members are
 * left out; lists are always written, in their order; instants are {@link Instant#toString()} text (nanosecond
 * precision). The output is deterministic, so it can be hashed. Pure and thread-safe.
 */
final class ModelJson {
    private ModelJson() {}

    /** A JSON array of strings. */
    static String strings(List<String> values) {
        return written(values, JsonWriter::value);
    }

    /** Writes one value onto gson's streaming writer. */
    @FunctionalInterface
    private interface Writing<T> {
        void write(JsonWriter out, T value) throws IOException;
    }

    /**
     * A JSON array of {@code values}, each written by {@code each} on gson's streaming writer as
     * {@code JsonElement.toString()} writes the tree of the same values (the same text, so stored content hashes stay
     * valid), without building the tree first: several per stored article, each time a start compares the stored
     * articles with the merged ones.
     */
    private static <T> String written(List<T> values, Writing<T> each) {
        if (values.isEmpty()) {
            return "[]";
        }
        return written((out, none) -> array(out, values, each));
    }

    /** What {@code writing} writes on a new streaming writer, as text. */
    private static String written(Writing<Void> writing) {
        StringBuilderWriter text = new StringBuilderWriter(256);
        try (JsonWriter out = new JsonWriter(text)) {
            out.setLenient(true);
            writing.write(out, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // writing into memory does not fail
        }
        return text.toString();
    }

    private static <T> void array(JsonWriter out, List<T> values, Writing<T> each) throws IOException {
        out.beginArray();
        for (T value : values) {
            each.write(out, value);
        }
        out.endArray();
    }

    /** A member, left out when null. */
    private static void member(JsonWriter out, String name, String value) throws IOException {
        if (value != null) {
            out.name(name).value(value);
        }
    }

    private static void member(JsonWriter out, String name, Integer value) throws IOException {
        if (value != null) {
            out.name(name).value(value.longValue());
        }
    }

    /**
     * A JSON array of strings, as {@link #strings(List)} writes it: most (URLs, categories, topic names) have no
     * escaped character, and are read by {@link #plainStrings}; any other with gson's streaming reader (several per
     * stored item, so reading the store back spent a fifth of its time building gson's trees for them).
     */
    static List<String> strings(String json) {
        if (json.equals("[]")) {
            return List.of();
        }
        List<String> plain = plainStrings(json);
        return plain != null ? plain : stringsByGson(json);
    }

    /** {@link #strings(String)} read by gson's streaming reader alone. */
    static List<String> stringsByGson(String json) {
        return streamed(json, false, "not an array of strings", ModelJson::strings);
    }

    /** Reads one value from {@code in}; gson's streaming reader throws what {@link #streamed} turns into its error. */
    @FunctionalInterface
    private interface Streamed<T> {
        T read(JsonReader in) throws IOException;
    }

    /**
     * {@code read} of {@code json} on gson's streaming reader; {@code lenient} as gson's tree parser reads.
     *
     * @throws JsonParseException ({@code what} and the text) if {@code json} is not what {@code read} reads
     */
    private static <T> T streamed(String json, boolean lenient, String what, Streamed<T> read) {
        try (JsonReader in = new JsonReader(new StringReader(json))) {
            in.setLenient(lenient);
            return read.read(in);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new JsonParseException(what + ": " + json, e);
        }
    }

    /**
     * The strings of {@code json} when it is a compact JSON array of strings without a backslash or a control
     * character (as gson writes most stored lists); null for any other text, for gson to read. Without an escape a
     * quote only delimits, so each string is the text between two quotes, as gson reads it (a differential test
     * compares both). A shortcut of gson's reading, not a second reader: gson's takes a 2 KB buffer each time, several
     * times per stored item and article read back (a fifth of what a restart's reading of 100,000 items allocated).
     */
    static List<String> plainStrings(String json) {
        int last = json.length() - 1;
        if (last < 1 || json.charAt(0) != '[' || json.charAt(last) != ']' || json.indexOf('\\') >= 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int at = 1; ; ) {
            int end = json.indexOf('"', at + 1);
            if (json.charAt(at) != '"' || end < 0 || end >= last) {
                return null;
            }
            for (int i = at + 1; i < end; i++) {
                if (json.charAt(i) < 0x20) {
                    return null;
                }
            }
            out.add(json.substring(at + 1, end));
            char next = json.charAt(end + 1);
            if (next == ']') {
                return end + 1 == last ? out : null;
            }
            if (next != ',' || end + 2 >= last) {
                return null;
            }
            at = end + 2;
        }
    }

    static String images(List<Image> images) {
        return written(images, ModelJson::image);
    }

    static List<Image> images(String json) {
        return list(json, e -> image(e.getAsJsonObject()));
    }

    static String links(List<Link> links) {
        return written(links, (out, l) -> {
            out.beginObject();
            member(out, "url", l.url());
            member(out, "title", l.title());
            out.endObject();
        });
    }

    static List<Link> links(String json) {
        return list(json, e -> new Link(text(e.getAsJsonObject(), "url"), text(e.getAsJsonObject(), "title")));
    }

    static String feeds(List<FeedRef> feeds) {
        return written(feeds, ModelJson::feed);
    }

    static List<FeedRef> feeds(String json) {
        return list(json, e -> feed(e.getAsJsonObject()));
    }

    /** The provider as JSON, or null for no provider (a NULL column). */
    static String provider(Provider provider) {
        return provider == null ? null : written((out, none) -> provider(out, provider));
    }

    static Provider provider(String json) {
        return json == null ? null : provider(parse(json).getAsJsonObject());
    }

    /** Related items: every field of each, recursively. */
    static String items(List<Item> items) {
        return written(items, ModelJson::item);
    }

    static List<Item> items(String json) {
        return list(json, e -> item(e.getAsJsonObject()));
    }

    /**
     * An article's fold stamps ({@link FoldStamp}), each as one string: its publication ({@link #instant(Instant)}'s
     * text, or {@code -} for none), a space, its link (the first space is the separator: an instant has none).
     */
    static String foldStamps(List<FoldStamp> stamps) {
        return strings(stamps.stream()
                .map(s -> (s.published() == null ? "-" : instant(s.published())) + ' ' + s.link()).toList());
    }

    /** The fold stamps {@link #foldStamps(List)} wrote; null for none kept (a row written before schema version 27). */
    static List<FoldStamp> foldStamps(String json) {
        if (json == null) {
            return null;
        }
        List<String> each = strings(json);
        List<FoldStamp> stamps = new ArrayList<>(each.size());
        for (String stamp : each) {
            int space = stamp.indexOf(' ');
            String published = stamp.substring(0, space);
            stamps.add(new FoldStamp(stamp.substring(space + 1), published.equals("-") ? null : instant(published)));
        }
        return List.copyOf(stamps);
    }

    /**
     * One member of a merged article ({@link StoredMergeState}): {@link #items}'s form of one item, except that a text
     * an item row keeps ({@link Body#ref}) is written as where it is kept, with its length and hash, not again: a
     * member costs its fields, not its words, and reads back without reading them.
     */
    static String member(Item item) {
        return written((out, none) -> item(out, item, true));
    }

    /**
     * A member {@link #member(Item)} wrote; the texts it names are read from {@code bodies} when asked for. Read as it
     * streams, as gson's tree of it would read (a merge reads the members of every article it takes up again).
     *
     * @throws JsonParseException if {@code json} is not such an object
     */
    static Item member(String json, Body.Source bodies) {
        return streamed(json, true, "not a member", in -> item(in, bodies));
    }

    /**
     * An item as {@link #item(JsonWriter, Item, boolean)} wrote it, from {@code in}, its texts written as kept read
     * from {@code bodies}: what {@link #item(JsonObject)} reads from the tree of the same text (a member absent or null
     * is none; an unknown one skipped).
     */
    private static Item item(JsonReader in, Body.Source bodies) throws IOException {
        Origin origin = null;
        String provenance = null;
        String title = null;
        String author = null;
        String webUrl = null;
        boolean hasWebUrl = false;
        String originalUrl = null;
        List<String> urls = null;
        List<String> topics = null;
        List<String> categories = null;
        List<Image> images = null;
        List<Item> related = null;
        Body excerpt = null;
        Body content = null;
        Instant published = null;
        Instant updated = null;
        Provider provider = null;
        FeedRef feed = null;
        String category = null;
        String type = null;
        Integer quality = null;
        Integer heat = null;
        Boolean publishedFlag = null;
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            hasWebUrl |= name.equals("webUrl");
            if (in.peek() == com.google.gson.stream.JsonToken.NULL) {
                in.nextNull();
                continue;
            }
            switch (name) {
                case "origin" -> origin = Origin.valueOf(in.nextString());
                case "provenance" -> provenance = in.nextString();
                case "urls" -> urls = strings(in);
                case "title" -> title = in.nextString();
                case "excerpt" -> excerpt = Body.of(in.nextString());
                case "excerptAt" -> excerpt = at(in, bodies, UnaryOperator.identity());
                case "content" -> content = Body.of(in.nextString());
                case "contentAt" -> content = at(in, bodies, UnaryOperator.identity());
                case "published" -> published = instant(in.nextString());
                case "updated" -> updated = instant(in.nextString());
                case "provider" -> provider = provider(parseValue(in).getAsJsonObject());
                case "topics" -> topics = strings(in);
                case "categories" -> categories = strings(in);
                case "images" -> images = list(parseValue(in), e -> image(e.getAsJsonObject()));
                case "related" -> related = list(parseValue(in), e -> item(e.getAsJsonObject()));
                case "author" -> author = in.nextString();
                case "webUrl" -> webUrl = in.nextString();
                case "originalUrl" -> originalUrl = in.nextString();
                case "feed" -> feed = feed(parseValue(in).getAsJsonObject());
                case "category" -> category = in.nextString();
                case "type" -> type = in.nextString();
                case "quality" -> quality = in.nextInt();
                case "heat" -> heat = in.nextInt();
                case "publishedFlag" -> publishedFlag = in.nextBoolean();
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new Item(origin, provenance, urls, title, excerpt, content, published, updated, provider, topics,
                categories, images, related, author, feed, new SeedFacts(category, type, quality, heat, publishedFlag),
                hasWebUrl ? webUrl : Item.defaultWebUrl(origin, urls), originalUrl);
    }

    /** An array of strings, from {@code in}. */
    private static List<String> strings(JsonReader in) throws IOException {
        in.beginArray();
        if (!in.hasNext()) {
            in.endArray();
            return List.of();
        }
        List<String> out = new ArrayList<>();
        while (in.hasNext()) {
            out.add(in.nextString());
        }
        in.endArray();
        return out;
    }

    /**
     * The place array {@link #at(JsonWriter, Body)} wrote, from {@code in}: the body whose text it names, its source id
     * and item key taken from {@code shared}.
     */
    private static Body at(JsonReader in, Body.Source bodies, UnaryOperator<String> shared) throws IOException {
        in.beginArray();
        String sourceId = in.nextString();
        String itemKey = in.nextString();
        Body.Part part = Body.Part.valueOf(in.nextString());
        int length = in.nextInt();
        long hash = in.nextLong();
        in.endArray();
        return Body.stored(bodies, shared.apply(sourceId), shared.apply(itemKey), part, length, hash);
    }

    /** The next value of {@code in} as gson's tree: for the rare parts (provider, images, related items, feed). */
    private static JsonElement parseValue(JsonReader in) {
        return com.google.gson.internal.Streams.parse(in);
    }

    private static void item(JsonWriter out, Item i) throws IOException {
        item(out, i, false);
    }

    /** An item; with {@code refs}, its texts kept in item rows as where they are kept ({@link #member(Item)}). */
    private static void item(JsonWriter out, Item i, boolean refs) throws IOException {
        out.beginObject();
        member(out, "origin", i.origin().name());
        member(out, "provenance", i.provenance());
        out.name("urls");
        array(out, i.urls(), JsonWriter::value);
        member(out, "title", i.title());
        text(out, "excerpt", i.excerptBody(), refs);
        text(out, "content", i.body(), refs);
        member(out, "published", instant(i.published()));
        member(out, "updated", instant(i.updated()));
        if (i.provider() != null) {
            out.name("provider");
            provider(out, i.provider());
        }
        out.name("topics");
        array(out, i.topics(), JsonWriter::value);
        out.name("categories");
        array(out, i.categories(), JsonWriter::value);
        out.name("images");
        array(out, i.images(), ModelJson::image);
        out.name("related");
        array(out, i.related(), ModelJson::item);
        member(out, "author", i.author());
        member(out, "webUrl", i.webUrl());
        member(out, "originalUrl", i.originalUrl());
        if (i.feed() != null) {
            out.name("feed");
            feed(out, i.feed());
        }
        SeedFacts f = i.facts();
        member(out, "category", f.category());
        member(out, "type", f.type());
        member(out, "quality", f.quality());
        member(out, "heat", f.heat());
        if (f.published() != null) {
            out.name("publishedFlag").value(f.published().booleanValue());
        }
        out.endObject();
    }

    /**
     * An item's text: as a member named {@code name}, or, with {@code refs} and the text kept in an item row, as
     * {@code name + "At"}: the array of the row's source id and key, the part, the length and the hash.
     */
    private static void text(JsonWriter out, String name, Body body, boolean refs) throws IOException {
        if (refs && body != null && body.ref() != null) {
            out.name(name + "At");
            at(out, body);
        } else {
            member(out, name, Body.textOf(body));
        }
    }

    /**
     * Where an item row keeps {@code body}'s text ({@link Body#ref}), with its length and hash: what
     * {@link #at(String, Body.Source)} makes the body again from without reading the text; null for no body, or one
     * no row keeps.
     */
    static String at(Body body) {
        return body == null || body.ref() == null ? null : written((out, none) -> at(out, body));
    }

    /** The body {@link #at(Body)} wrote, its text read from {@code bodies} when asked for. */
    static Body at(String json, Body.Source bodies) {
        return at(json, bodies, UnaryOperator.identity());
    }

    /**
     * {@link #at(String, Body.Source)}, its source id and item key taken from {@code shared}; read as it streams (two
     * places a row, every row of a restart's read-back of the archive: no tree made for five values).
     *
     * @throws JsonParseException if {@code json} is not such an array
     */
    static Body at(String json, Body.Source bodies, UnaryOperator<String> shared) {
        return streamed(json, true, "not a text's place", in -> at(in, bodies, shared));
    }

    /** The array of the row's source id and key, the part, the text's length and hash. */
    private static void at(JsonWriter out, Body body) throws IOException {
        Body.Ref at = body.ref();
        out.beginArray().value(at.sourceId()).value(at.itemKey()).value(at.part().name()).value(body.length())
                .value(body.textHash()).endArray();
    }

    /** An item as {@link #item(JsonWriter, Item)} wrote it, its texts in it. */
    private static Item item(JsonObject o) {
        Origin origin = Origin.valueOf(text(o, "origin"));
        List<String> urls = list(o.get("urls"), JsonElement::getAsString);
        String webUrl = o.has("webUrl") ? text(o, "webUrl") : Item.defaultWebUrl(origin, urls);
        return new Item(origin, text(o, "provenance"), urls, text(o, "title"), Body.of(text(o, "excerpt")),
                Body.of(text(o, "content")), instant(text(o, "published")), instant(text(o, "updated")),
                o.has("provider") ? provider(o.getAsJsonObject("provider")) : null,
                list(o.get("topics"), JsonElement::getAsString), list(o.get("categories"), JsonElement::getAsString),
                list(o.get("images"), e -> image(e.getAsJsonObject())),
                list(o.get("related"), e -> item(e.getAsJsonObject())), text(o, "author"),
                o.has("feed") ? feed(o.getAsJsonObject("feed")) : null,
                new SeedFacts(text(o, "category"), text(o, "type"), integer(o, "quality"), integer(o, "heat"),
                        o.has("publishedFlag") ? o.get("publishedFlag").getAsBoolean() : null),
                webUrl, text(o, "originalUrl"));
    }

    private static void image(JsonWriter out, Image i) throws IOException {
        out.beginObject();
        member(out, "url", i.url());
        member(out, "width", i.width());
        member(out, "height", i.height());
        out.name("cached").value(i.cached());
        out.endObject();
    }

    private static Image image(JsonObject o) {
        return new Image(text(o, "url"), integer(o, "width"), integer(o, "height"), o.get("cached").getAsBoolean());
    }

    private static void provider(JsonWriter out, Provider p) throws IOException {
        out.beginObject();
        member(out, "name", p.name());
        member(out, "domain", p.domain());
        out.name("images");
        array(out, p.images(), ModelJson::image);
        out.endObject();
    }

    private static Provider provider(JsonObject o) {
        return new Provider(text(o, "name"), text(o, "domain"), list(o.get("images"), e -> image(e.getAsJsonObject())));
    }

    private static void feed(JsonWriter out, FeedRef f) throws IOException {
        out.beginObject();
        member(out, "id", f.id());
        member(out, "title", f.title());
        member(out, "link", f.link());
        out.endObject();
    }

    private static FeedRef feed(JsonObject o) {
        return new FeedRef(text(o, "id"), text(o, "title"), text(o, "link"));
    }

    /**
     * {@link Instant#toString()}'s text, written directly for the years 1000 to 9999 (every date in the store;
     * others go to {@link Instant#toString()}): seconds always, a fraction in groups of three digits when there is
     * one. {@code Instant.toString} formats through {@code DateTimeFormatter}: it was in 5% of a first fetch cycle's
     * profile samples, writing every stored item's and article's dates (about 160 ns an instant, 45 written here).
     */
    static String instant(Instant t) {
        if (t == null) {
            return null;
        }
        long seconds = t.getEpochSecond();
        if (seconds < FAST_FROM || seconds >= FAST_UNTIL) {
            return t.toString();
        }
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        int time = (int) Math.floorMod(seconds, 86_400L);
        int nanos = t.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] out = new char[20 + (fraction == 0 ? 0 : fraction + 1)];
        put(out, 0, date.getYear(), 4);
        out[4] = '-';
        put(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        put(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        put(out, 11, time / 3_600, 2);
        out[13] = ':';
        put(out, 14, time / 60 % 60, 2);
        out[16] = ':';
        put(out, 17, time % 60, 2);
        if (fraction > 0) {
            out[19] = '.';
            put(out, 20, nanos / (fraction == 3 ? 1_000_000 : fraction == 6 ? 1_000 : 1), fraction);
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }

    /** The first second of the year 1000 and of the year 10000: {@link #instant(Instant)}'s direct range. */
    private static final long FAST_FROM = java.time.LocalDate.of(1000, 1, 1).toEpochDay() * 86_400L;
    private static final long FAST_UNTIL = java.time.LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400L;

    /** Writes {@code value} as {@code width} decimal digits, zero-padded, at {@code at}. */
    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * The instant {@link #instant(Instant)} wrote: {@link Instant#toString()}'s form, read directly when it is
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} (what every date in the store looks like), else by
     * {@link Instant#parse}, which is about ten times slower and ran several times per stored item.
     */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        if (n < 20 || n > 30 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(n - 1) != 'Z') {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 1 - 20;
            if (text.charAt(19) != '.' || fraction % 3 != 0 || fraction == 0) {
                return Instant.parse(text);
            }
            nanos = digits(text, 20, n - 1);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if ((year | month | day | hour | minute | second | nanos) < 0 || month < 1 || month > 12 || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth() || hour > 23 || minute > 59
                || second > 59) {
            return Instant.parse(text);
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static JsonElement parse(String json) {
        return JsonParser.parseString(json);
    }

    /** A JSON array's elements, each made into a {@code T}; the empty array (most lists stored) without parsing. */
    private static <T> List<T> list(String json, Function<JsonElement, T> element) {
        return json.equals("[]") ? List.of() : list(parse(json), element);
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
