package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Fold;
import org.feedloom.model.Link;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.store.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the article page finds its article by any of its URLs (a copy's too, by canonical key) in the stored
 * snapshot, which every catalog served reads its pages from; with the evidence the store recorded.
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

    @Test
    void findsTheArticleByAnyUrl_inTheStoredSnapshot_withItsEvidence() {
        Fold fold = new Fold(ORIGINAL, COPY, "Wire", 0.9, 45, 50, "the city council voted on");
        try (SqliteStore store = SqliteStore.open(dir.resolve("feedloom.db"))) {
            store.saveFolds(List.of(fold), T);
            ArticleExplainer explainer = new ArticleExplainer(store);
            assertTrue(explainer.apply(COPY).isEmpty(), "nowhere yet");
            store.syncArticles(List.of(folded()));
            for (String url : List.of(ORIGINAL, COPY, "http://www.wire.example/bridge-copy/?utm_source=rss")) {
                var why = explainer.apply(url).orElseThrow();
                assertEquals(ORIGINAL, why.article().url(), url);
                assertEquals(List.of(fold), why.folds());
            }
            assertTrue(explainer.apply("https://elsewhere.example/x").isEmpty());
        }
    }
}
