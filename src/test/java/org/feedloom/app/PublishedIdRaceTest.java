package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Item;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: two instances sharing a store merge, each from its own source, the same article before either hears of
 * the other: each records its own id for their shared alias key, and the store keeps the first. The second learns
 * so when it saves, adopts the first's id and merges the article again at once, so both publish one id.
 */
class PublishedIdRaceTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String A = "https://alpha.example/2026/story";
    static final String B = "https://beta.example/2026/story";

    @TempDir Path dir;

    private static Item item(String provenance, List<String> urls) {
        Item i = Item.ofFeed(provenance, urls.get(0), "One story told twice");
        return new Item(i.origin(), i.provenance(), urls, i.title(), null, null, T0, null, null, List.of(),
                List.of(), List.of(), List.of(), null, null, i.facts(), urls.get(0), null);
    }

    @Test
    void theInstanceThatRecordsSecond_adoptsTheFirstsId_andMergesTheArticleAgain() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        try (ArticleStore one = SqliteStore.open(dir.resolve("feedloom.db"));
             ArticleStore two = SqliteStore.open(dir.resolve("feedloom.db"))) {
            Aggregator first = new Aggregator(clock);
            Aggregator second = new Aggregator(clock);
            try (Rebuilder r1 = new Rebuilder(first, one, Rebuilder.REAL_TIME, Rebuilder.Listener.NONE);
                 Rebuilder r2 = new Rebuilder(second, two, Rebuilder.REAL_TIME, Rebuilder.Listener.NONE)) {
                first.setSourceItems("s1", List.of(item("source:s1", List.of(A, B))));
                Article published = only(r1.rebuildNow().all());

                second.setSourceItems("s2", List.of(item("source:s2", List.of(B))));
                Aggregator alone = new Aggregator(clock); // what the second would publish had it the store alone
                alone.setSourceItems("s2", List.of(item("source:s2", List.of(B))));
                assertNotEquals(published.key(), only(alone.rebuild(Integer.MAX_VALUE).all()).key(),
                        "the second's own merge gives another id");

                assertEquals(published.key(), only(r2.rebuildNow().all()).key(),
                        "the second publishes the first's id, in the rebuild that found it");
            }
        }
    }

    private static Article only(List<Article> articles) {
        assertEquals(1, articles.size(), articles.toString());
        return articles.get(0);
    }
}
