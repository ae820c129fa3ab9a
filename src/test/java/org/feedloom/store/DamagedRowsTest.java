package org.feedloom.store;

import static org.feedloom.store.CommitBatchTest.fetched;
import static org.feedloom.store.Fixtures.T0;
import static org.feedloom.store.Fixtures.fullArticle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.feedloom.model.Article;
import org.feedloom.model.Fold;
import org.feedloom.model.Item;
import org.feedloom.model.PublishedId;
import org.feedloom.model.SourceState;
import org.junit.jupiter.api.Test;

/**
 * A stored row whose values are not what Feedloom writes (edited by hand or by another program, a part of a backup
 * restored) is skipped with an error in the log: a start reads every other row, a page lists every other article, and
 * the next write of the row puts it right (an item row is deleted by its source's next fetch and written anew if the
 * feed lists the item). Before, one such row stopped every start with a JSON parser's exception.
 * When most rows of a table cannot be read, the read fails as the store's, naming the first.
 */
class DamagedRowsTest extends StoreContract {
    static final String GOOD = "https://news.example.org/2026/good";
    static final String DAMAGED = "https://news.example.org/2026/damaged";

    @Test
    void aDamagedRowOfEachTable_isSkipped_theOthersRead() throws Exception {
        Article good = fullArticle("news.example.org/2026/good", "Good");
        Article damaged = fullArticle("news.example.org/2026/damaged", "Damaged");
        try (JdbcStore store = open()) {
            store.commitBatch(List.of(fetched("a", GOOD, DAMAGED), fetched("b", GOOD)));
            store.saveFirstSeen(Map.of("news.example.org/2026/good", T0, "news.example.org/2026/damaged", T0));
            store.savePublishedIds(List.of(new PublishedId("news.example.org/2026/good", "news.example.org/2026/good",
                    T0), new PublishedId("news.example.org/2026/damaged", "news.example.org/2026/damaged", T0)));
            store.syncArticles(List.of(good, damaged));
            store.saveFolds(List.of(new Fold(GOOD, "https://wire.example/good", "Wire", 0.9, 45, 50, null),
                    new Fold(DAMAGED, "https://wire.example/damaged", "Wire", 0.9, 45, 50, null)), T0);
        }
        backend().execute("UPDATE fold SET containment = 'ninety' WHERE url = '" + DAMAGED + "'",
                "INSERT INTO gone_key (key, gone_at) VALUES ('news.example.org/2026/left', 'last spring')",
                "UPDATE item SET urls = '[\"" + DAMAGED + "\", 3' WHERE source_id = 'a' AND urls LIKE '%damaged%'",
                "UPDATE source_state SET last_attempt = 'yesterday' WHERE source_id = 'b'",
                "UPDATE first_seen SET first_seen = 'not a time' WHERE key = 'news.example.org/2026/damaged'",
                "UPDATE published_id SET published_at = '' WHERE alias_key = 'news.example.org/2026/damaged'",
                "UPDATE article SET related = '{' WHERE key = 'news.example.org/2026/damaged'");

        try (JdbcStore store = open()) {
            ArticleStore.Snapshot stored = store.load();
            assertEquals(List.of(GOOD), urls(stored.sourceItems().get("a")), "a's damaged item skipped");
            assertEquals(List.of(GOOD), urls(stored.sourceItems().get("b")));
            assertEquals(Set.of("a"), stored.states().keySet(), "b's state skipped: b is fetched as new");
            SourceState a = stored.states().get("a");
            assertEquals(java.util.Arrays.asList(null, null, null), java.util.Arrays.asList(a.etag(), a.lastModified(),
                    a.bodyHash()), "a fetches its whole feed next: the item is written again even if it is the same");
            assertEquals(Map.of("news.example.org/2026/good", T0), stored.firstSeen());
            assertEquals(List.of("news.example.org/2026/good"),
                    stored.publishedIds().stream().map(PublishedId::aliasKey).toList());
            assertEquals(List.of(good), store.topicPage(List.of(), 0, 10), "the page without the damaged article");
            assertEquals(List.of(good), store.articles());
            assertEquals(List.of(GOOD), store.latestFolds(10).stream().map(Fold::url).toList(), "the status page's");
            assertEquals(List.of(), store.noteGone(Set.of("news.example.org/2026/good"), T0, T0),
                    "a forgetting pass goes on past the damaged note");

            // the next fetch of a that lists the item writes it anew; the next sync that changes the article rewrites
            // its row (a sync writes only articles that changed; reindex rewrites every row)
            store.commitBatch(List.of(fetched("a", GOOD, DAMAGED), fetched("b", GOOD)));
            store.syncArticles(List.of(good, fullArticle("news.example.org/2026/damaged", "Damaged, corrected")));
            assertEquals(new TreeSet<>(List.of(DAMAGED, GOOD)), new TreeSet<>(urls(store.load().sourceItems()
                    .get("a"))), "the item read again");
            assertEquals(Set.of("a", "b"), store.load().states().keySet(), "b's state written over the damaged row");

            // the damaged article's id and first sight, recorded again by the next rebuild, are written over the rows
            Instant later = T0.plusSeconds(3600);
            assertEquals(List.of(), store.savePublishedIds(List.of(new PublishedId("news.example.org/2026/damaged",
                    "news.example.org/2026/damaged", later))));
            store.saveFirstSeen(Map.of("news.example.org/2026/damaged", later, "news.example.org/2026/good", later));
            ArticleStore.Snapshot again = store.load();
            assertEquals(Map.of("news.example.org/2026/good", T0, "news.example.org/2026/damaged", later),
                    again.firstSeen(), "the good one keeps its time");
            assertEquals(2, again.publishedIds().size());
            assertEquals(2, store.topicPage(List.of(), 0, 10).size(), "the article read again");
        }
    }

    @Test
    void whenMostRowsCannotBeRead_theReadFails_namingTheFirst() throws Exception {
        String[] urls = new String[DamagedRows.FEW + 2];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = "https://news.example.org/2026/story-" + i;
        }
        try (JdbcStore store = open()) {
            store.commitBatch(List.of(fetched("a", urls)));
        }
        backend().execute("UPDATE item SET urls = '['");
        try (JdbcStore store = open()) {
            StoreException e = assertThrows(StoreException.class, store::load);
            assertTrue(e.getMessage().startsWith("store: " + (DamagedRows.FEW + 1) + " of the first "
                    + (DamagedRows.FEW + 1) + " rows of item read cannot be read (the first, the item row of source a "
                    + "under key news.example.org/2026/story-"), e.getMessage());
        }
    }

    private static List<String> urls(List<Item> items) {
        return items.stream().map(i -> i.urls().get(0)).toList();
    }
}
