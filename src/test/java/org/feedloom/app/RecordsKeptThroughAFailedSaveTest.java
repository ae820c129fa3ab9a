package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedloom.canonical.CanonicalUrl;
import org.feedloom.model.PublishedId;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SqliteStore;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild whose save the store refuses (a full disk, as SQLite words it) keeps the ids it published and the first
 * sights it recorded for the next rebuild's save: a restart reads them as they were first recorded, instead of
 * recording them again under its own time (an article's id and first sight never change once published).
 */
class RecordsKeptThroughAFailedSaveTest {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final String ONE = "https://one.example.org/2026/one";
    static final String TWO = "https://two.example.org/2026/two";

    @TempDir
    Path dir;

    @Test
    void idsAndFirstSightsOfAFailedSave_areSavedByTheNextRebuild() throws Exception {
        Path db = dir.resolve("feedloom.db");
        MutableClock clock = new MutableClock(T0);
        Aggregator aggregator = new Aggregator(clock);
        try (SqliteStore store = SqliteStore.open(db)) {
            Rebuilder rebuilder = new Rebuilder(aggregator, store, new MutableClock(T0), Rebuilder.Listener.NONE);
            try {
                refuseInserts(db, true);
                aggregator.setSourceItems("a", List.of(AggregatorTest.live("a", "One", ONE)));
                assertEquals(1, rebuilder.rebuildNow().all().size(), "published while its records are refused");
                assertEquals(List.of(), store.load().publishedIds(), "the store refused them");
                assertEquals(Map.of(), store.load().firstSeen());

                refuseInserts(db, false);
                clock.advance(Duration.ofHours(1));
                aggregator.setSourceItems("b", List.of(AggregatorTest.live("b", "Two", TWO)));
                assertEquals(2, rebuilder.rebuildNow().all().size());
            } finally {
                rebuilder.close();
            }
            ArticleStore.Snapshot stored = store.load();
            Map<String, PublishedId> ids = stored.publishedIds().stream()
                    .collect(Collectors.toMap(PublishedId::aliasKey, Function.identity()));
            assertEquals(T0, publishedAt(ids, ONE), () -> "the refused id, at its own time: " + ids);
            assertEquals(T0.plus(Duration.ofHours(1)), publishedAt(ids, TWO), ids::toString);
            assertEquals(Map.of(CanonicalUrl.keyOf(ONE), T0, CanonicalUrl.keyOf(TWO), T0.plus(Duration.ofHours(1))),
                    stored.firstSeen(), "the refused first sight at its own time, not the next save's");
            assertTrue(rebuilder.saved(), "the second rebuild's save took everything");
        }
    }

    @Test
    void idsAndFirstSightsOfAFailedSave_areSavedWhenTheRebuilderCloses_ifNoRebuildSavedThem() throws Exception {
        Path db = dir.resolve("feedloom.db");
        Aggregator aggregator = new Aggregator(new MutableClock(T0));
        try (SqliteStore store = SqliteStore.open(db)) {
            Rebuilder rebuilder = new Rebuilder(aggregator, store, new MutableClock(T0), Rebuilder.Listener.NONE);
            try {
                refuseInserts(db, true);
                aggregator.setSourceItems("a", List.of(AggregatorTest.live("a", "One", ONE)));
                rebuilder.rebuildNow();
                assertEquals(List.of(), store.load().publishedIds(), "the store refused them");
                refuseInserts(db, false); // the disk has room again; nothing more is fetched before the stop
            } finally {
                rebuilder.close();
            }
            ArticleStore.Snapshot stored = store.load();
            Map<String, PublishedId> ids = stored.publishedIds().stream()
                    .collect(Collectors.toMap(PublishedId::aliasKey, Function.identity()));
            assertEquals(T0, publishedAt(ids, ONE), ids::toString);
            assertEquals(Map.of(CanonicalUrl.keyOf(ONE), T0), stored.firstSeen());
        }
    }

    private static Instant publishedAt(Map<String, PublishedId> ids, String url) {
        PublishedId id = ids.get(CanonicalUrl.keyOf(url));
        return id == null ? null : id.publishedAt();
    }

    /** Has the database refuse (or take again) new published ids and first sights, as a full disk refuses writes. */
    private static void refuseInserts(Path db, boolean refuse) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String table : List.of("published_id", "first_seen")) {
                s.execute(refuse
                        ? "CREATE TRIGGER full_" + table + " BEFORE INSERT ON " + table
                                + " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
                        : "DROP TRIGGER full_" + table);
            }
        }
    }
}
