package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The store's text forms of lists and instants read back what they wrote, as the libraries would read them. */
class ModelJsonTest {

    @Test
    void foldStamps_readBackAsWritten_withOrWithoutAPublication_whateverTheLinkHolds() {
        List<org.feedloom.canonical.FoldStamp> stamps = List.of(
                new org.feedloom.canonical.FoldStamp("https://example.com/a", Instant.parse("2026-12-01T10:15:30.123Z")),
                new org.feedloom.canonical.FoldStamp("https://example.com/a b?c=\"d\"", null),
                new org.feedloom.canonical.FoldStamp("urn:x", Instant.parse("0999-01-01T00:00:00Z")));
        assertEquals(stamps, ModelJson.foldStamps(ModelJson.foldStamps(stamps)));
        assertEquals(List.of(), ModelJson.foldStamps(ModelJson.foldStamps(List.of())));
    }

    @Test
    void instant_readsBackEveryInstantWritten_likeInstantParse() {
        Random random = new Random(5);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("2024-02-29T23:59:59Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T00:00:00Z"),
                Instant.parse("2026-12-01T18:00:00.100Z"), Instant.parse("2026-12-01T18:00:00.000100Z"),
                Instant.parse("0999-12-31T23:59:59.999Z"), Instant.parse("1000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.000000001Z"), Instant.parse("2026-12-01T18:00:00.120Z")));
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-70_000_000_000L, 300_000_000_000L);
            int nanos = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(second, nanos));
        }
        for (Instant t : instants) {
            String text = ModelJson.instant(t);
            assertEquals(t.toString(), text, "written as Instant.toString writes it");
            assertEquals(Instant.parse(text), ModelJson.instant(text), text);
            assertEquals(t, ModelJson.instant(text), text);
        }
        assertEquals(null, ModelJson.instant((String) null));
    }

    @Test
    void instant_oddTexts_areReadAsInstantParseReadsThem_orRefusedAsItRefusesThem() {
        for (String odd : List.of("2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z",
                "2026-12-31T23:59:60Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:61Z", "2026-01-01T00:00:00.1234Z",
                "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1Z", "2026-0a-01T00:00:00Z", "2026-01-01 00:00:00Z",
                "2026-01-01T00:00:00", "2026-01-01T00:00:00+01:00")) {
            Instant expected;
            try {
                expected = Instant.parse(odd);
            } catch (java.time.format.DateTimeParseException e) {
                assertThrows(java.time.format.DateTimeParseException.class, () -> ModelJson.instant(odd), odd);
                continue;
            }
            assertEquals(expected, ModelJson.instant(odd), odd);
        }
    }

    @Test
    void strings_readBackWhatWasWritten() {
        for (List<String> values : List.of(List.<String>of(), List.of(""), List.of("a", "b \"quoted\" \\ é \u2028"),
                List.of("[]", ",", "\n\t\u0000"))) {
            assertEquals(values, ModelJson.strings(ModelJson.strings(values)));
        }
        assertThrows(com.google.gson.JsonParseException.class, () -> ModelJson.strings("{\"a\":1}"));
    }

    @Test
    void strings_writeWhatGsonsTreeWrites_soStoredHashesStayValid() {
        Random random = new Random(8);
        String alphabet = "ab\"\\/<>&='\u0000\u001f\u007f\u2028\u2029é\ud83d\ude00\n\t ";
        for (int i = 0; i < 5_000; i++) {
            List<String> values = new ArrayList<>();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                StringBuilder value = new StringBuilder();
                for (int k = random.nextInt(12); k > 0; k--) {
                    value.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                values.add(value.toString());
            }
            com.google.gson.JsonArray tree = new com.google.gson.JsonArray();
            values.forEach(tree::add);
            assertEquals(tree.toString(), ModelJson.strings(values), values.toString());
            assertEquals(values, ModelJson.strings(ModelJson.strings(values)));
        }
    }

    /**
     * The nested values of a row (images, links, feed refs, providers, related items) are written on gson's streaming
     * writer as the tree of them wrote them ({@code JsonElement.toString()}, built as {@link Tree} builds it): stored
     * rows were hashed by that text, so any other text would rewrite every stored article once.
     */
    @Test
    void nestedValues_writeWhatGsonsTreeWrote_soStoredHashesStayValid() {
        Random random = new Random(13);
        for (int i = 0; i < 2_000; i++) {
            List<org.feedloom.model.Image> images = list(random, () -> image(random));
            List<org.feedloom.model.Link> links = list(random, () -> new org.feedloom.model.Link(text(random),
                    random.nextBoolean() ? null : text(random)));
            List<org.feedloom.model.FeedRef> feeds = list(random, () -> feed(random));
            org.feedloom.model.Provider provider = provider(random);
            List<org.feedloom.model.Item> items = list(random, () -> item(random, 1));
            assertEquals(Tree.array(images, Tree::image).toString(), ModelJson.images(images));
            assertEquals(Tree.array(links, Tree::link).toString(), ModelJson.links(links));
            assertEquals(Tree.array(feeds, Tree::feed).toString(), ModelJson.feeds(feeds));
            assertEquals(provider == null ? null : Tree.provider(provider).toString(), ModelJson.provider(provider));
            assertEquals(Tree.array(items, Tree::item).toString(), ModelJson.items(items));
            assertEquals(images, ModelJson.images(ModelJson.images(images)));
            assertEquals(links, ModelJson.links(ModelJson.links(links)));
            assertEquals(feeds, ModelJson.feeds(ModelJson.feeds(feeds)));
            assertEquals(provider, ModelJson.provider(ModelJson.provider(provider)));
        }
    }

    /**
     * A member (an item as a merged article keeps it: a text an item row keeps named by its place) reads back, as it
     * streams, as the item written: every field, nested provider, images, related items and feed, texts held or
     * kept; and a member read is the item gson's tree of the same text gives, texts held.
     */
    @Test
    void members_readBackAsWritten_asTheTreeOfTheSameTextReads() {
        Random random = new Random(29);
        org.feedloom.model.Body.Source rows = (sourceId, itemKey, part) -> "<p>" + itemKey + " " + part + "</p>";
        for (int i = 0; i < 2_000; i++) {
            org.feedloom.model.Item held = item(random, 1);
            assertEquals(held, ModelJson.member(ModelJson.member(held), rows));
            assertEquals(ModelJson.items(ModelJson.items(List.of(held))), List.of(ModelJson.member(
                    ModelJson.member(held), rows)), "the tree's reading");
            String key = "example.com/" + i;
            List<String> urls = List.of(held.urls().get(0), held.urls().get(0) + "/amp/");
            org.feedloom.model.Item kept = new org.feedloom.model.Item(held.origin(), held.provenance(), urls,
                    held.title(), org.feedloom.model.Body.stored(rows, "wire", key,
                    org.feedloom.model.Body.Part.EXCERPT, 10 + i, i * 31L),
                    random.nextBoolean() ? null : org.feedloom.model.Body.stored(rows, "wire", key,
                            org.feedloom.model.Body.Part.CONTENT, 20 + i, -i), held.published(), held.updated(),
                    held.provider(), held.topics(), held.categories(), held.images(), held.related(), held.author(),
                    held.feed(), held.facts(), urls.get(random.nextInt(2)),
                    held.originalUrl());
            org.feedloom.model.Item read = ModelJson.member(ModelJson.member(kept), rows);
            assertEquals(kept, read);
            assertEquals(kept.webUrl(), read.webUrl());
            assertEquals(kept.excerptBody().ref(), read.excerptBody().ref(), "kept where it was");
            assertEquals(ModelJson.member(kept), ModelJson.member(read), "written again the same");
        }
    }

    private static String text(Random random) {
        String alphabet = "ab\"\\/<>&='\u0000\u001f\u007f\u2028\u2029é\ud83d\ude00\n\t ";
        StringBuilder value = new StringBuilder("x");
        for (int k = random.nextInt(10); k > 0; k--) {
            value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return value.toString();
    }

    private static <T> List<T> list(Random random, java.util.function.Supplier<T> each) {
        List<T> out = new ArrayList<>();
        for (int n = random.nextInt(3); n > 0; n--) {
            out.add(each.get());
        }
        return out;
    }

    private static Integer number(Random random) {
        return random.nextBoolean() ? null : random.nextInt(5_000) - 10;
    }

    private static org.feedloom.model.Image image(Random random) {
        return new org.feedloom.model.Image(text(random), number(random), number(random), random.nextBoolean());
    }

    private static org.feedloom.model.FeedRef feed(Random random) {
        return new org.feedloom.model.FeedRef(text(random), random.nextBoolean() ? null : text(random),
                random.nextBoolean() ? null : text(random));
    }

    private static org.feedloom.model.Provider provider(Random random) {
        return random.nextInt(4) == 0 ? null : new org.feedloom.model.Provider(text(random),
                random.nextBoolean() ? null : text(random), list(random, () -> image(random)));
    }

    private static org.feedloom.model.Item item(Random random, int depth) {
        Instant t = Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000));
        String url = "https://example.com/" + random.nextInt(100);
        return new org.feedloom.model.Item(org.feedloom.model.Origin.values()[random.nextInt(2)], text(random),
                List.of(url), text(random),
                org.feedloom.model.Body.of(random.nextBoolean() ? null : text(random)),
                org.feedloom.model.Body.of(random.nextBoolean() ? null : text(random)), t,
                random.nextBoolean() ? null : t.plusMillis(1), provider(random), list(random, () -> text(random)),
                list(random, () -> text(random)), list(random, () -> image(random)),
                depth == 0 ? List.of() : list(random, () -> item(random, depth - 1)),
                random.nextBoolean() ? null : text(random), random.nextBoolean() ? null : feed(random),
                new org.feedloom.model.SeedFacts(random.nextBoolean() ? null : text(random), null, number(random),
                        number(random), random.nextBoolean() ? null : random.nextBoolean()),
                null, random.nextBoolean() ? null : url);
    }

    /** The tree of a value as the store built it to write its text, before it wrote the text directly. */
    private static final class Tree {
        static <T> com.google.gson.JsonArray array(List<T> values,
                                                  java.util.function.Function<T, com.google.gson.JsonElement> each) {
            com.google.gson.JsonArray a = new com.google.gson.JsonArray();
            values.forEach(v -> a.add(each.apply(v)));
            return a;
        }

        static com.google.gson.JsonArray strings(List<String> values) {
            com.google.gson.JsonArray a = new com.google.gson.JsonArray();
            values.forEach(a::add);
            return a;
        }

        static void put(com.google.gson.JsonObject o, String name, Object value) {
            if (value instanceof String text) {
                o.addProperty(name, text);
            } else if (value instanceof Number n) {
                o.addProperty(name, n);
            } else if (value instanceof Boolean b) {
                o.addProperty(name, b);
            }
        }

        static com.google.gson.JsonElement image(org.feedloom.model.Image i) {
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            put(o, "url", i.url());
            put(o, "width", i.width());
            put(o, "height", i.height());
            o.addProperty("cached", i.cached());
            return o;
        }

        static com.google.gson.JsonElement link(org.feedloom.model.Link l) {
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            put(o, "url", l.url());
            put(o, "title", l.title());
            return o;
        }

        static com.google.gson.JsonElement feed(org.feedloom.model.FeedRef f) {
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            put(o, "id", f.id());
            put(o, "title", f.title());
            put(o, "link", f.link());
            return o;
        }

        static Object provider(org.feedloom.model.Provider p) {
            if (p == null) {
                return null;
            }
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            put(o, "name", p.name());
            put(o, "domain", p.domain());
            o.add("images", array(p.images(), Tree::image));
            return o;
        }

        static com.google.gson.JsonElement item(org.feedloom.model.Item i) {
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            put(o, "origin", i.origin().name());
            put(o, "provenance", i.provenance());
            o.add("urls", strings(i.urls()));
            put(o, "title", i.title());
            put(o, "excerpt", i.excerpt());
            put(o, "content", i.content());
            put(o, "published", ModelJson.instant(i.published()));
            put(o, "updated", ModelJson.instant(i.updated()));
            if (i.provider() != null) {
                o.add("provider", (com.google.gson.JsonElement) provider(i.provider()));
            }
            o.add("topics", strings(i.topics()));
            o.add("categories", strings(i.categories()));
            o.add("images", array(i.images(), Tree::image));
            o.add("related", array(i.related(), Tree::item));
            put(o, "author", i.author());
            put(o, "webUrl", i.webUrl());
            put(o, "originalUrl", i.originalUrl());
            if (i.feed() != null) {
                o.add("feed", feed(i.feed()));
            }
            put(o, "category", i.facts().category());
            put(o, "type", i.facts().type());
            put(o, "quality", i.facts().quality());
            put(o, "heat", i.facts().heat());
            put(o, "publishedFlag", i.facts().published());
            return o;
        }
    }

    /**
     * Issue 13: a list of strings without escapes is read by a shortcut, the same strings gson reads; any other text
     * is left to gson. Random lists of strings drawn from quotes, backslashes, commas, brackets, control characters
     * and letters beyond ASCII, written by the store's writer, and texts cut or changed at random, some of them not
     * JSON at all.
     */
    @Test
    void strings_readByTheShortcut_areTheStringsGsonReads_andWhatItCannotReadIsLeftToGson() {
        Random random = new Random(17);
        String alphabet = "ab/:?=&.,[]\"\\ \u00e9\u4e2d\t\n\u0001\ud83d\ude80";
        int shortcut = 0;
        for (int i = 0; i < 5_000; i++) {
            List<String> values = new ArrayList<>();
            for (int n = random.nextInt(4); n > 0; n--) {
                StringBuilder value = new StringBuilder();
                for (int k = random.nextInt(random.nextBoolean() ? 3 : 40); k > 0; k--) {
                    value.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                            : (char) ('a' + random.nextInt(26)));
                }
                values.add(value.toString());
            }
            String json = ModelJson.strings(values);
            assertEquals(values, ModelJson.strings(json), json);
            List<String> plain = ModelJson.plainStrings(json);
            if (plain != null) {
                shortcut++;
                assertEquals(ModelJson.stringsByGson(json), plain, json);
            }
            String changed = switch (random.nextInt(4)) { // not as written: the shortcut reads it as gson or not at all
                case 0 -> json.substring(0, random.nextInt(json.length() + 1));
                case 1 -> json.replace(",", random.nextBoolean() ? ", " : ",,");
                case 2 -> json + (random.nextBoolean() ? "]" : ",\"x\"]");
                default -> json.replace("\"", random.nextBoolean() ? "'" : "");
            };
            List<String> read = ModelJson.plainStrings(changed);
            if (read != null) {
                assertEquals(ModelJson.stringsByGson(changed), read, changed);
            }
        }
        assertEquals(true, shortcut > 1_000, "lists read by the shortcut: " + shortcut);
        assertEquals(List.of("https://example.com/a", "", "caf\u00e9"),
                ModelJson.plainStrings("[\"https://example.com/a\",\"\",\"caf\u00e9\"]"));
        for (String other : List.of("[]", "[\"a\",]", "[\"a\"] ", "[\"a\" ]", "[1]", "[null]", "[\"a\\\"b\"]",
                "[\"a\"][\"b\"]", "[\"a\u0001\"]")) {
            assertEquals(null, ModelJson.plainStrings(other), other);
        }
    }
}
