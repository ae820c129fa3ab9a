package org.feedloom.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedLoaderTest {

    static Path realSeeds() throws URISyntaxException {
        return Path.of(SeedLoaderTest.class.getResource("/seeds").toURI());
    }

    @Test
    void load_realSeeds_readsEveryFieldOfTheFirstSeed() throws Exception {
        SeedResult result = SeedLoader.load(realSeeds());
        assertEquals(List.of(), result.problems());
        assertEquals(5, result.items().size());
        Item first = result.items().get(0);
        assertEquals(Origin.SEED, first.origin());
        assertEquals("seed:000_4269faadb3825ad2.txt", first.provenance());
        assertEquals("Why ‘facial expression recognition’ AI is a total scam", first.title());
        assertEquals(Instant.parse("2022-07-07T22:10:00Z"), first.published());
        assertEquals(List.of("https://thenextweb.com/news/why-facial-expression-recognition-ai-is-total-scam"), first.urls(),
                "webUrl and originalUrl are the same URL, kept once");
        assertEquals("The Next Web", first.provider().name());
        assertEquals("thenextweb.com", first.provider().domain());
        assertEquals(1, first.provider().images().size());
        assertEquals(List.of("Computer Vision", "AI"), first.topics());
        assertEquals(1280, first.images().get(0).width());
        assertEquals(640, first.images().get(0).height());
        assertTrue(first.images().get(0).cached());
        assertEquals("article", first.facts().type());
        assertEquals(69, first.facts().quality());
        assertEquals(-1, first.facts().heat());
        assertEquals(Boolean.FALSE, first.facts().published());
        assertEquals("news", first.facts().category());
        assertEquals(8, first.related().size());
        Item forbes = first.related().get(0);
        assertEquals(Origin.RELATED, forbes.origin());
        assertEquals(3, forbes.urls().size(), "webUrl, ampWebUrl and cdnAmpWebUrl");
        assertTrue(forbes.urls().get(0).endsWith("facial-recognition-tools/"), "webUrl is preferred");
        assertEquals(106, forbes.facts().quality());
        assertNull(first.content(), "no body after the closing fence");
    }

    @Test
    void load_bodyAfterFrontMatter_isTheContent(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.md"), "---\ntitle: T\nwebUrl: https://x.com/a\n---\n\n<p>Body text</p>\n");
        SeedResult result = SeedLoader.load(dir);
        assertEquals(List.of(), result.problems());
        assertEquals("<p>Body text</p>", result.items().get(0).content());
    }

    @Test
    void load_bodyAndExcerptWithScript_areSanitised(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.md"), "---\ntitle: T\nwebUrl: https://x.com/a/b\n"
                + "excerpt: \"Hi <img src=x onerror=alert(1)>\"\n---\n"
                + "<p onclick=\"alert(1)\">Body <a href=\"javascript:alert(1)\">j</a> <a href=\"../c\">rel</a></p>"
                + "<script>alert(1)</script>\n");
        Files.writeString(dir.resolve("y.md"), "---\ntitle: U\nwebUrl: https://x.com/u\nexcerpt: \"AT&T says 1 < 2\"\n---\n");
        SeedResult result = SeedLoader.load(dir);
        Item x = result.items().get(0);
        assertEquals("<p>Body <a rel=\"noopener noreferrer\">j</a> <a href=\"https://x.com/c\" rel=\"noopener noreferrer\">rel</a></p>",
                x.content());
        assertEquals("Hi <img src=\"https://x.com/a/x\">", x.excerpt());
        assertEquals("AT&T says 1 < 2", result.items().get(1).excerpt(), "a plain-text excerpt stays text");
    }

    @Test
    void load_brokenFiles_areReportedWithFileAndLine_andSkipped_whileGoodOnesLoad(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("1-good.txt"), "---\ntitle: Good\nwebUrl: https://x.com/good\n---\n");
        Files.writeString(dir.resolve("2-badyaml.yaml"), "---\ntitle: Bad\nwebUrl: [unclosed\nexcerpt: x\n---\n");
        Files.writeString(dir.resolve("3-notitle.txt"), "---\nexcerpt: no title here\nwebUrl: https://x.com/n\n---\n");
        Files.writeString(dir.resolve("4-nourl.txt"), "---\ntitle: No URL\nexcerpt: x\n---\n");
        Files.writeString(dir.resolve("5-baddate.txt"), "---\ntitle: Bad date\nwebUrl: https://x.com/d\n"
                + "publishedDateTime: yesterday\n---\n");
        Files.writeString(dir.resolve("6-badrelated.txt"), "---\ntitle: Has bad related\nwebUrl: https://x.com/r\n"
                + "related:\n  - title: fine\n    webUrl: https://y.com/1\n  - title: no url\n---\n");
        Files.writeString(dir.resolve("ignored.json"), "{}");
        SeedResult result = SeedLoader.load(dir);
        assertEquals(List.of("Good", "Has bad related"), result.items().stream().map(Item::title).toList());
        assertEquals(1, result.items().get(1).related().size(), "the good related mention is kept");
        List<String> messages = result.problems().stream().map(Problem::toString).toList();
        String d = dir.toString();
        assertTrue(messages.stream().anyMatch(m -> m.startsWith(d + "/2-badyaml.yaml:4: invalid YAML: ")), messages.toString());
        assertTrue(messages.contains(d + "/3-notitle.txt:2: seed: missing 'title'"), messages.toString());
        assertTrue(messages.contains(d + "/4-nourl.txt:2: seed: no URL (one of webUrl, originalUrl, ampWebUrl, cdnAmpWebUrl is required)"), messages.toString());
        assertTrue(messages.contains(d + "/5-baddate.txt:4: seed: 'publishedDateTime' is not a date: 'yesterday' "
                + "(expected ISO 8601, e.g. 2022-07-07T22:10:00Z)"), messages.toString());
        assertTrue(messages.contains(d + "/6-badrelated.txt:7: seed: related article skipped"), messages.toString());
        assertEquals(6, result.files().size());
    }

    @Test
    void load_yamlNullTopics_areNoTopics_andBlankEntriesAProblem_issue12(@TempDir Path dir) throws IOException {
        // read by the reader config uses: "topics: ~" was the topic "~", a blank entry was dropped without a word
        Files.writeString(dir.resolve("a.md"), "---\ntitle: T\nwebUrl: https://x.com/a\ntopics: ~\n---\n");
        Files.writeString(dir.resolve("b.md"), "---\ntitle: U\nwebUrl: https://x.com/b\ntopics: [AI, '']\n---\n");
        SeedResult result = SeedLoader.load(dir);
        assertEquals(List.of(), result.items().get(0).topics());
        assertEquals(List.of("AI"), result.items().get(1).topics());
        assertEquals(List.of(dir.resolve("b.md") + ":4: 'topics' must be a non-empty text value"),
                result.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void load_aFileNotInUtf8_isReportedAtItsLine_andSkipped(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("a.md"), "---\ntitle: T\nwebUrl: https://x.com/a\nexcerpt: caf\u00e9\n---\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        SeedResult result = SeedLoader.load(dir);
        assertEquals(List.of(), result.items());
        assertEquals(List.of(dir.resolve("a.md") + ":4: seed: not UTF-8 text: the byte 0xE9 at column 13 is not; "
                + "save the file as UTF-8; skipped"), result.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void load_missingFolder_isOneProblem(@TempDir Path dir) throws IOException {
        SeedResult result = SeedLoader.load(dir.resolve("nope"));
        assertEquals(1, result.problems().size());
        assertEquals("seed: cannot read the seeds folder: there is no such folder (--seeds DIR gives another)",
                result.problems().get(0).message());
        Files.writeString(dir.resolve("a-file"), "");
        assertEquals("seed: cannot read the seeds folder: it is a file, not a folder (--seeds DIR gives another)",
                SeedLoader.load(dir.resolve("a-file")).problems().get(0).message());
    }
}
