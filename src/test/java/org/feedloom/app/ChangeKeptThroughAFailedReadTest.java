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
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.store.SqliteStore;
import org.feedloom.store.StoreException;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that fails part-way loses nothing, and the server keeps publishing its last catalog: a rebuild that stops
 * because the store cannot give it a text (the showing reads the texts the store keeps once their bodies are let go)
 * keeps what was noted for the next rebuild, which shows it with nothing fetched since; and a fetch whose merge the
 * store fails inside the writer's commit is rolled back with it (its items are not left stored and unmerged), so the
 * next fetch of the same items merges them.
 */
class ChangeKeptThroughAFailedReadTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    static final String URL = "https://news.example.org/2026/12/06/harbour-bridge";

    @TempDir
    Path dir;
    Path db;
    SqliteStore store;
    MergedStore merged;
    final MutableClock pacing = new MutableClock(T0);
    Rebuilder rebuilder;

    @BeforeEach
    void open() {
        db = dir.resolve("feedloom.db");
        MutableClock clock = new MutableClock(T0);
        store = SqliteStore.open(db, clock);
        merged = new MergedStore(store, clock, FoldRule.DEFAULT, RelatedRule.DEFAULT);
        rebuilder = new Rebuilder(merged.aggregator, store, pacing, Rebuilder.Listener.NONE);
    }

    @AfterEach
    void close() {
        rebuilder.close();
        merged.close();
    }

    @Test
    void aChangeWhoseRebuildTheStoreFailed_isShownByTheNextRebuild() throws Exception {
        merged.setSourceItems("a", List.of(item("a", "Harbour bridge reopens", 40)));
        assertEquals(List.of("source:a"), only(rebuilder.rebuildNow()).provenance()); // its texts let go

        // the other source's copy, merged into the article; then the store's texts cannot be read
        merged.setSourceItems("b", List.of(item("b", "Harbour bridge reopens after repairs", 3)));
        unreadable(db, true);
        assertThrows(StoreException.class, rebuilder::rebuildNow);
        assertEquals(List.of("source:a"), only(merged.aggregator.catalog()).provenance(), "the last catalog stays");
        assertEquals(T0, rebuilder.failing().since(), "for /status and /healthz");
        assertThrows(StoreException.class, rebuilder::rebuildNow);
        assertEquals(2, rebuilder.failing().failures());
        assertEquals(T0, rebuilder.failing().since());
        assertTrue(rebuilder.failing().error().contains("no such table"), rebuilder.failing()::error);

        unreadable(db, false);
        Article shown = only(rebuilder.rebuildNow()); // nothing fetched since
        assertEquals(List.of("source:a", "source:b"), shown.provenance(), () -> "b's copy shown: " + shown);
        assertNull(rebuilder.failing(), "the rebuilds pass again");
    }

    @Test
    void theRebuilderTriesAgainOnItsOwn_afterARebuildTheStoreFailed() throws Exception {
        merged.setSourceItems("a", List.of(item("a", "Harbour bridge reopens", 40)));
        long version = rebuilder.rebuildNow().version();

        merged.setSourceItems("b", List.of(item("b", "Harbour bridge reopens after repairs", 3)));
        unreadable(db, true);
        rebuilder.request();
        RunningFeedloom.waitUntil("the failed rebuild sets its wait",
                () -> rebuilder.notBefore().equals(T0.plus(StoreRetry.FIRST)));
        assertEquals(version, merged.aggregator.catalog().version(), "the last catalog stays published");
        assertTrue(rebuilder.pending(), "a rebuild is asked for again, with nothing fetched since");

        unreadable(db, false);
        pacing.advance(StoreRetry.FIRST);
        RunningFeedloom.waitUntil("the rebuild tried again",
                () -> merged.aggregator.catalog().version() > version);
        Article shown = only(merged.aggregator.catalog());
        assertEquals(List.of("source:a", "source:b"), shown.provenance(), () -> "b's copy shown: " + shown);
        assertFalse(rebuilder.pending());
    }

    @Test
    void aFetchWhoseMergeTheStoreFailed_isRolledBack_andMergedWithTheNextFetchOfIt() throws Exception {
        merged.setSourceItems("a", List.of(item("a", "Harbour bridge reopens", 40)));
        rebuilder.rebuildNow();

        Item copy = item("b", "Harbour bridge reopens after repairs", 3);
        refuseMerges(db, true);
        assertThrows(StoreException.class, () -> merged.setSourceItems("b", List.of(copy)),
                "the commit fails as a whole (the writer fails the source with the store's error)");
        assertEquals(Set.of(), store.itemKeys("b"), "its items rolled back with the merge");
        assertEquals(List.of("source:a"), only(rebuilder.rebuildNow()).provenance(), "the server keeps publishing");
        assertNull(rebuilder.failing());

        refuseMerges(db, false);
        merged.setSourceItems("b", List.of(copy)); // the source's next fetch: the feed lists the same item
        Article shown = only(rebuilder.rebuildNow());
        assertEquals(List.of("source:a", "source:b"), shown.provenance(), () -> "b's copy shown: " + shown);
    }

    /**
     * An item of {@code sourceId} at {@link #URL} whose content is {@code sentences} sentences long: the longer
     * content is the one the merged article takes, and its text is read to show it.
     */
    private static Item item(String sourceId, String title, int sentences) {
        String content = ("<p>The harbour bridge reopened on Sunday after " + sourceId
                + " reported nine months of repairs to its deck and cables. </p>").repeat(sentences);
        return new Item(Origin.FEED, "source:" + sourceId, List.of(URL), title, Body.of(title + "."),
                Body.of(content), T0, null, null, List.of(), List.of(), List.of(), List.of(), null, null,
                SeedFacts.NONE, URL, null);
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
        sql(db, List.of("item", "story_terms", "topic_reading").stream()
                .map(table -> unreadable ? "ALTER TABLE " + table + " RENAME TO away_" + table
                        : "ALTER TABLE away_" + table + " RENAME TO " + table).toList());
    }

    /**
     * Has the store refuse (or take again) every write of the merged archive's articles, as a disk that fails part-way
     * through a commit: a fetch's own rows are written, then its merge fails.
     */
    static void refuseMerges(Path db, boolean refuse) throws Exception {
        sql(db, List.of("INSERT", "UPDATE", "DELETE").stream().map(write -> refuse
                ? "CREATE TRIGGER refuse_merged_" + write + " BEFORE " + write + " ON merged_article BEGIN "
                        + "SELECT RAISE(ABORT, 'disk I/O error: the merged archive was not written'); END"
                : "DROP TRIGGER refuse_merged_" + write).toList());
    }

    private static void sql(Path db, List<String> statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
