package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.PublishedId;
import org.feedloom.model.SeedFacts;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SqliteStore;
import org.feedloom.store.StoreException;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An article is never published without its id and first sight recorded: they are written in the transaction that
 * merges it. When the store refuses them (a full disk, as SQLite words it), the fetch's commit fails whole, so
 * nothing of it is merged or shown; the next fetch once the store takes writes again publishes the article with the
 * id and first sight recorded then, which a restart reads as they were (they never change once published).
 */
class RecordsCommittedWithTheirMergeTest {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final String ONE = "https://one.example.org/2026/one";
    static final ArticleStore.Retention KEEP = new ArticleStore.Retention(365, 100);

    @TempDir
    Path dir;

    @Test
    void aFetchWhoseRecordsTheStoreRefuses_isNeitherStoredNorShown_andTheNextPublishesItWithItsRecords()
            throws Exception {
        Path db = dir.resolve("feedloom.db");
        MutableClock clock = new MutableClock(T0);
        try (MergedStore merged = new MergedStore(SqliteStore.open(db, clock), clock, FoldRule.DEFAULT,
                RelatedRule.DEFAULT)) {
            refuseInserts(db, true);
            assertThrows(StoreException.class, () -> merged.fetched("a", List.of(undated(ONE)), KEEP, T0));
            assertEquals(List.of(), merged.aggregator.rebuild().all(), "nothing merged, nothing shown");
            assertEquals(Map.of(), merged.store.load().sourceItems(), "nor stored: the commit failed whole");

            refuseInserts(db, false);
            clock.advance(Duration.ofHours(1));
            Instant later = clock.instant();
            merged.fetched("a", List.of(undated(ONE)), KEEP, later);
            assertEquals(later, merged.aggregator.rebuild().all().get(0).published(), "dated by its first sight");
        }
        try (SqliteStore store = SqliteStore.open(db)) { // a restart reads the records as published
            ArticleStore.Snapshot stored = store.load();
            Map<String, PublishedId> ids = stored.publishedIds().stream()
                    .collect(Collectors.toMap(PublishedId::aliasKey, Function.identity()));
            assertEquals(T0.plus(Duration.ofHours(1)), ids.get(CanonicalUrl.keyOf(ONE)).publishedAt());
            assertEquals(Map.of(CanonicalUrl.keyOf(ONE), T0.plus(Duration.ofHours(1))), stored.firstSeen());
        }
    }

    private static Item undated(String url) {
        return new Item(Origin.FEED, "source:a", List.of(url), "One", null, null, null, null, null, List.of(),
                List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
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
