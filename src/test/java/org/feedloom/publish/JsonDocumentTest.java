package org.feedloom.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Link;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON that {@code publish} writes: HTML-safe, deterministic, and read back by gson as the values written. */
class JsonDocumentTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00.123456789Z");

    static Stream<String> awkwardStrings() {
        return Stream.of("plain", "", "\"quoted\" and \\backslashed\\", "</script><script>alert(1)</script>",
                "<!-- x --> & &amp; = 'a'", "line\u2028and\u2029paragraph separators", "\u0000\u0001\b\f\n\r\t\u001f\u007f",
                "ünïcödé — “typographic” 𝄞 😀");
    }

    private static String write(String value) {
        return new String(JsonDocument.write(json -> json.beginObject().name("v").value(value).endObject()),
                StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("awkwardStrings")
    void write_readsBackThroughGsonAsTheSameString(String value) {
        String json = write(value);
        assertEquals(value, JsonParser.parseString(json).getAsJsonObject().get("v").getAsString(), json);
    }

    @ParameterizedTest
    @MethodSource("awkwardStrings")
    void write_nothingHtmlOrAScriptCouldReadIsRaw(String value) {
        String json = write(value);
        for (char c : new char[] {'<', '>', '&', '\'', '\u2028', '\u2029'}) {
            assertFalse(json.indexOf(c) >= 0, "raw " + (int) c + " in " + json);
        }
        assertTrue(json.chars().limit(json.length() - 1).noneMatch(c -> c < 0x20), "a raw control character: " + json);
    }

    @Test
    void write_compactNullsKeptEndsWithNewline() {
        byte[] bytes = JsonDocument.write(json -> json.beginObject().name("a").value((String) null)
                .name("b").value(1).name("t").value(JsonDocument.text(T)).endObject());
        assertEquals("{\"a\":null,\"b\":1,\"t\":\"2026-01-01T00:00:00.123456789Z\"}\n",
                new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void jsonFeed_readsBackAsTheArticle_sameBytesEveryTime() {
        Topic ai = new Topic("ai", "AI");
        String html = "<p>A <a href=\"https://example.com/?a=1&amp;b=2\">link</a></p></script>\u2028";
        Article a = new Article("example.com/a", "https://example.com/a", List.of("example.com/a"),
                List.of("https://example.com/a"), "Title \"with\" <tags> & ünïcödé", Body.of("An excerpt"), Body.of(html), T, T.plusSeconds(60),
                new Provider("Example", "example.com", List.of()), List.of("AI"), List.of(), List.of(),
                List.of(new Link("https://other.example/b?x=1&y=2", "Other's story")), null, List.of(),
                List.of("source:x"), Origin.FEED, SeedFacts.NONE);
        Catalog catalog = AtomRendererTest.catalog(ai, List.of(a));
        JsonFeedRenderer renderer = new JsonFeedRenderer(new SiteInfo("Feedloom <Test>", "Editors & Co", "9.9", 50));
        byte[] bytes = renderer.render(catalog, ai, "http://127.0.0.1/");
        assertArrayEquals(bytes, renderer.render(catalog, ai, "http://127.0.0.1/"), "deterministic, for the ETag");

        JsonObject feed = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("https://jsonfeed.org/version/1.1", feed.get("version").getAsString());
        assertEquals("Feedloom <Test> — AI", feed.get("title").getAsString());
        assertEquals("Editors & Co", feed.getAsJsonArray("authors").get(0).getAsJsonObject().get("name").getAsString());
        JsonObject item = feed.getAsJsonArray("items").get(0).getAsJsonObject();
        assertEquals(a.title(), item.get("title").getAsString());
        assertEquals(html, item.get("content_html").getAsString());
        assertEquals(T.toString(), item.get("date_published").getAsString());
        assertEquals(T.plusSeconds(60).toString(), item.get("date_modified").getAsString());
        assertEquals("Example", item.getAsJsonArray("authors").get(0).getAsJsonObject().get("name").getAsString());
        assertEquals("https://other.example/b?x=1&y=2", item.getAsJsonObject("_feedloom").getAsJsonArray("related")
                .get(0).getAsJsonObject().get("url").getAsString());
        assertEquals("ai", item.getAsJsonObject("_feedloom").getAsJsonArray("topics").get(0).getAsString());
    }
}
