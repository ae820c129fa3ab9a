package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;
import org.feedloom.seed.SeedLoader;
import org.feedloom.seed.SeedResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five real seed documents, end to end through dedupe (the merge kept in the store) and topics (no configured
 * topic rules).
 */
class SeedArticlesTest {
    @TempDir Path dir;

    Catalog seedCatalog() throws Exception {
        SeedResult seeds = SeedLoader.load(Path.of(SeedArticlesTest.class.getResource("/seeds").toURI()));
        try (MergedStore merged = new MergedStore(dir,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC))) {
            merged.setSeeds(seeds.items());
            return Catalogs.held(merged.aggregator.rebuild());
        }
    }

    @Test
    void realSeeds_recordsArticlesAndTopicCounts() throws Exception {
        SeedResult seeds = SeedLoader.load(Path.of(getClass().getResource("/seeds").toURI()));
        // Records: each seed's own record plus its related mentions:
        // 000 (1 + 8) + 001 (1 + 7) + 002 (1 + 6) + 003 (1 + 5) + 004 (1 + 1) = 32.
        assertEquals(32, seeds.recordCount());

        Catalog catalog = seedCatalog();
        // Unique articles: the 5 seeds, plus the related articles that are not seeds:
        // from 000: forbes/korihale, computerworld, apnews, asiaone, geekwire, datacenterdynamics, finanznachrichten (7;
        //   its itbusinessedge mention is seed 001);
        // 001 repeats 000's seven; from 002: forbes/quickerbettertech, nbcnews, innovationaus, exchangewire, zawya (5;
        //   its extremetech mention is seed 003); 003 repeats 002's (its popsci mention is seed 002);
        // from 004: theconversation (1). 5 + 7 + 5 + 1 = 18.
        assertEquals(18, catalog.all().size());

        Map<String, Integer> counts = new LinkedHashMap<>();
        catalog.topics().forEach(t -> counts.put(t.slug(), catalog.articlesOf(t.slug()).size()));
        // Related mentions carry no topics, so only the five seeds are in topic feeds:
        // AI: all five seeds; Computer Vision: 000, 001, 002, 003; Microsoft AI: 001, 002, 003;
        // Natural Language Processing: 001; AI in Sales: 003; AI Ethics: 004.
        assertEquals(Map.of("all", 18, "ai", 5, "computer-vision", 4, "microsoft-ai", 3,
                "natural-language-processing", 1, "ai-in-sales", 1, "ai-ethics", 1), counts);
        assertEquals("all", catalog.topics().get(0).slug());
        assertEquals(List.of("AI", "AI Ethics", "AI in Sales", "Computer Vision", "Microsoft AI",
                "Natural Language Processing"), catalog.topics().stream().skip(1).map(Topic::name).toList());
    }

    @Test
    void realSeeds_relatedMentionOfAnotherSeed_mergesIntoIt() throws Exception {
        Catalog catalog = seedCatalog();
        Article popsci = catalog.all().stream().filter(a -> a.url().contains("popsci.com")).findFirst().orElseThrow();
        // seed 002's own record and seed 003's related mention (webUrl, ?amp and AMP-cache forms) are one article
        assertEquals(List.of("popsci.com/technology/microsoft-removes-facial-recognition-tools"), popsci.aliasKeys());
        assertEquals(List.of("seed:002_466e3b4511a2998c.txt", "seed:003_dbfeb7893265a28a.txt"), popsci.provenance());
        assertEquals(List.of("Computer Vision", "AI", "Microsoft AI"), popsci.topics());
        assertEquals(6, popsci.related().size(), "002 names six related articles");
        assertEquals("Microsoft Halts Sales of Emotion-Reading Tech, Limits Facial Recognition Access",
                popsci.related().get(2).title(), "the related link to seed 003 carries 003's title");
        // newest first: the AI feed starts with 000 (2022-07-07) and ends with 004 (2021-04-18)
        List<Article> ai = catalog.articlesOf("ai");
        assertEquals("https://thenextweb.com/news/why-facial-expression-recognition-ai-is-total-scam", ai.get(0).url());
        assertEquals("https://thenextweb.com/news/heres-why-we-should-never-trust-ai-to-identify-our-emotions-syndication",
                ai.get(4).url());
    }
}
