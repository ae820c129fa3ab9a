package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SqliteStore;
import org.feedloom.store.StoreException;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rebuild that stops because the store cannot give it a text (a merge or a showing reads the texts the store keeps
 * once their bodies are let go) leaves what it had taken waiting: the next rebuild, with nothing fetched since,
 * merges and publishes it. Before, the sources it had taken were noted as merged, and their items stayed out of the
 * catalog until those sources changed again or the server restarted.
 */
class ChangeKeptThroughAFailedReadTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    static final String URL = "https://news.example.org/2026/12/06/harbour-bridge";
    static final ArticleStore.Retention KEEP_ALL = new ArticleStore.Retention(36_500, 1_000);

    @TempDir
    Path dir;

    /**
     * With folding on, the merge reads the stored text to fold the changed article; with it off, the merge reads no
     * text and the showing does (its story terms, for coverage links).
     */
    @ParameterizedTest(name = "folding {0}")
    @ValueSource(booleans = {true, false})
    void aChangeWhoseRebuildTheStoreFailed_isMergedAndShownByTheNextRebuild(boolean folding) throws Exception {
        Path db = dir.resolve("feedloom.db");
        Aggregator aggregator = new Aggregator(new MutableClock(T0),
                new FoldRule(folding, 0.8, Duration.ofDays(14), 20, Map.of()), RelatedRule.DEFAULT);
        try (SqliteStore store = SqliteStore.open(db)) {
            Rebuilder rebuilder = new Rebuilder(aggregator, store, new MutableClock(T0), Rebuilder.Listener.NONE);
            try {
                fetched(store, aggregator, "a", item("a", "Harbour bridge reopens", 40));
                assertEquals(List.of("source:a"), only(rebuilder.rebuildNow()).provenance());

                // the other source's copy, committed; then the store's texts cannot be read
                fetched(store, aggregator, "b", item("b", "Harbour bridge reopens after repairs", 3));
                unreadable(db, true);
                assertThrows(StoreException.class, rebuilder::rebuildNow);
                assertEquals(List.of("source:a"), only(aggregator.catalog()).provenance(), "the last catalog stays");
                assertEquals(T0, rebuilder.failing().since(), "for /status and /healthz");
                assertThrows(StoreException.class, rebuilder::rebuildNow);
                assertEquals(2, rebuilder.failing().failures());
                assertEquals(T0, rebuilder.failing().since());
                assertTrue(rebuilder.failing().error().contains("no such table"), rebuilder.failing()::error);
                if (folding) {
                    assertEquals(List.of("b"), aggregator.unmergedSources(), "b's change waits to be merged");
                }

                unreadable(db, false);
                Article merged = only(rebuilder.rebuildNow()); // nothing fetched since
                assertEquals(List.of("source:a", "source:b"), merged.provenance(), () -> "b's copy shown: " + merged);
                assertEquals(List.of(), aggregator.unmergedSources());
                assertNull(rebuilder.failing(), "the rebuilds pass again");
            } finally {
                rebuilder.close();
            }
        }
    }

    @Test
    void theRebuilderTriesAgainOnItsOwn_afterARebuildTheStoreFailed() throws Exception {
        Path db = dir.resolve("feedloom.db");
        Aggregator aggregator = new Aggregator(new MutableClock(T0));
        MutableClock pacing = new MutableClock(T0);
        try (SqliteStore store = SqliteStore.open(db)) {
            Rebuilder rebuilder = new Rebuilder(aggregator, store, pacing, Rebuilder.Listener.NONE);
            try {
                fetched(store, aggregator, "a", item("a", "Harbour bridge reopens", 40));
                long version = rebuilder.rebuildNow().version();

                fetched(store, aggregator, "b", item("b", "Harbour bridge reopens after repairs", 3));
                unreadable(db, true);
                rebuilder.request();
                RunningFeedloom.waitUntil("the failed rebuild sets its wait",
                        () -> rebuilder.notBefore().equals(T0.plus(StoreRetry.FIRST)));
                assertEquals(version, aggregator.catalog().version(), "the last catalog stays published");
                assertTrue(rebuilder.pending(), "a rebuild is asked for again, with nothing fetched since");

                unreadable(db, false);
                pacing.advance(StoreRetry.FIRST);
                RunningFeedloom.waitUntil("the rebuild tried again",
                        () -> aggregator.catalog().version() > version);
                Article merged = only(aggregator.catalog());
                assertEquals(List.of("source:a", "source:b"), merged.provenance(), () -> "b's copy shown: " + merged);
                assertFalse(rebuilder.pending());
            } finally {
                rebuilder.close();
            }
        }
    }

    /** Commits {@code item} as source {@code sourceId}'s one item and hands the aggregator what the store returns. */
    private static void fetched(SqliteStore store, Aggregator aggregator, String sourceId, Item item) {
        StoredFetches.fetched(store, aggregator, sourceId, List.of(item), KEEP_ALL, T0);
    }

    /**
     * An item of {@code sourceId} at {@link #URL} whose content is {@code sentences} sentences long: the longer
     * content is the one the merged article takes, and its text is read to fold and show it.
     */
    private static Item item(String sourceId, String title, int sentences) {
        return item(sourceId, title, sentences, URL);
    }

    /** An item of {@code sourceId} at {@code url} whose content is {@code sentences} sentences long. */
    static Item item(String sourceId, String title, int sentences, String url) {
        String content = ("<p>The harbour bridge reopened on Sunday after " + sourceId
                + " reported nine months of repairs to its deck and cables. </p>").repeat(sentences);
        return new Item(Origin.FEED, "source:" + sourceId, List.of(url), title, Body.of(title + "."),
                Body.of(content), T0, null, null, List.of(), List.of(), List.of(), List.of(), null, null,
                SeedFacts.NONE, url, null);
    }

    private static Article only(Catalog catalog) {
        assertEquals(1, catalog.all().size(), () -> "one article: " + catalog.all());
        return catalog.all().get(0);
    }

    /**
     * Makes the texts the store keeps unreadable (or readable again), with what it kept of them: the items' table
     * and the readings of their texts moved aside, as a lost disk or connection fails the reads of a running server.
     */
    static void unreadable(Path db, boolean unreadable) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String table : List.of("item", "text_anchors", "story_terms", "topic_reading")) {
                s.execute(unreadable ? "ALTER TABLE " + table + " RENAME TO away_" + table
                        : "ALTER TABLE away_" + table + " RENAME TO " + table);
            }
        }
    }
}
