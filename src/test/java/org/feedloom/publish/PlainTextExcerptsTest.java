package org.feedloom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonParser;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Topic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An excerpt is plain text (seeds) or sanitised HTML (feeds). Atom says which with the summary's type; JSON Feed's
 * summary is always plain text. An entity in a tag-free excerpt must reach readers decoded, not as {@code &amp;}.
 */
class PlainTextExcerptsTest {
    static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final SiteInfo SITE = new SiteInfo("Feedloom Test", "Editors", "9.9", 50);

    static Article withExcerpt(String excerpt) {
        return new Article("example.com/a", "https://example.com/a", List.of("example.com/a"),
                List.of("https://example.com/a"), "A", Body.of(excerpt), null, T, T, null, List.of(), List.of(), List.of(),
                List.of(), null, List.of(), List.of("source:x"), Origin.FEED, SeedFacts.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "AT&amp;T buys a robot          | text | AT&T buys a robot",
            "AT&T buys a robot              | text | AT&T buys a robot",
            "Caf&eacute; &#8220;AI&#8221;   | text | Café “AI”",
            "<p>A <b>bold</b> claim</p>     | html | <p>A <b>bold</b> claim</p>"})
    void atomSummary_typeAndValue(String excerpt, String type, String expected) throws Exception {
        Topic all = new Topic("all", "All");
        byte[] xml = new AtomRenderer(SITE).render(
                AtomRendererTest.catalog(all, List.of(withExcerpt(excerpt.strip()))), all, "http://127.0.0.1/");
        Entry e = (Entry) AtomRendererTest.parse(xml).getEntries().get(0);
        Content summary = e.getSummary();
        assertEquals(type, summary.getType());
        assertEquals(expected.strip(), summary.getValue().strip());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "AT&amp;T buys a robot      | AT&T buys a robot",
            "<p>A <b>bold</b> claim</p> | A bold claim"})
    void jsonFeedSummary_isPlainText(String excerpt, String expected) {
        Topic all = new Topic("all", "All");
        String json = new String(new JsonFeedRenderer(SITE).render(
                AtomRendererTest.catalog(all, List.of(withExcerpt(excerpt.strip()))), all, "http://127.0.0.1/"),
                StandardCharsets.UTF_8);
        String summary = JsonParser.parseString(json).getAsJsonObject().getAsJsonArray("items").get(0)
                .getAsJsonObject().get("summary").getAsString();
        assertEquals(expected.strip(), summary, json);
        assertFalse(summary.contains("&amp;") || summary.contains("<b>"), json);
    }
}
