package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Fold;
import org.feedloom.model.Link;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Topic;
import org.feedloom.store.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the article page finds its article by any of its URLs (a copy's too, by canonical key) in the catalog
 * being served, and else in the stored snapshot, as a restarted server serves pages from it before everything stored
 * is merged again; with the evidence the store recorded.
 */
class ArticleExplainerTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final String ORIGINAL = "https://gazette.example/bridge";
    private static final String COPY = "https://wire.example/bridge-copy";

    @TempDir Path dir;

    private static Article folded() {
        return new Article("gazette.example/bridge", ORIGINAL, List.of("gazette.example/bridge",
                "wire.example/bridge-copy"), List.of(ORIGINAL, COPY), "Bridge to close", null, null, T, T, null,
                List.of(), List.of(), List.of(), List.of(new Link(COPY, "Also published at Wire")), null, List.of(),
                List.of("source:gazette", "source:wire"), Origin.FEED, SeedFacts.NONE);
    }

    private static Catalog catalogOf(List<Article> articles) {
        return new Catalog(1, List.of(new Topic(Topic.ALL_SLUG, "All articles")), Map.of(Topic.ALL_SLUG, articles),
                Map.of(), Map.of());
    }

    @Test
    void findsTheArticleByAnyUrl_inTheCatalog_elseInTheStoredSnapshot_withItsEvidence() {
        Fold fold = new Fold(ORIGINAL, COPY, "Wire", 0.9, 45, 50, "the city council voted on");
        try (SqliteStore store = SqliteStore.open(dir.resolve("feedloom.db"))) {
            store.saveFolds(List.of(fold), T);
            ArticleExplainer inCatalog = new ArticleExplainer(() -> catalogOf(List.of(folded())), store);
            for (String url : List.of(ORIGINAL, "http://www.wire.example/bridge-copy/?utm_source=rss")) {
                var why = inCatalog.apply(url).orElseThrow();
                assertEquals(ORIGINAL, why.article().url(), url);
                assertEquals(List.of(fold), why.folds());
            }

            ArticleExplainer starting = new ArticleExplainer(Catalog::empty, store); // the catalog lacks it yet
            assertTrue(starting.apply(COPY).isEmpty(), "nowhere yet");
            store.syncArticles(List.of(folded()));
            var why = starting.apply(COPY).orElseThrow();
            assertEquals(ORIGINAL, why.article().url(), "from the stored snapshot");
            assertEquals(List.of(fold), why.folds());
            assertTrue(starting.apply("https://elsewhere.example/x").isEmpty());
        }
    }
}
