package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.feedloom.canonical.CanonicalUrl;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SqliteStore;
import org.feedloom.testing.MutableClock;
import org.feedloom.testing.SqliteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first-seen times and published ids of articles that left the archive are forgotten {@code forgetAfterDays}
 * after they left the merged archive the store keeps: the store's tables then follow its archive, not every article it
 * ever published. Articles in the archive keep theirs, including one whose id is the key of a URL it no
 * longer has; an article that left and came back within the time keeps its own.
 */
class ForgettingGoneArticlesTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    static final Duration AFTER = Duration.ofDays(30);
    /** An item its feed no longer lists leaves a day after it was first seen. */
    static final ArticleStore.Retention A_DAY = new ArticleStore.Retention(1, 1_000);
    static final String A = "https://s.example.net/2026/a-story";
    static final String B = "https://s.example.net/2026/b-story";
    static final String X = "https://s.example.net/2026/x-story";
    static final String X_OLD = "https://s.example.net/x-story-first-address";

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(T0);

    @Test
    void theIdsAndFirstSightsOfArticlesGoneForTheTime_areForgotten_theOthersKept() throws Exception {
        Path db = dir.resolve("feedloom.db");
        try (Running running = new Running(db, clock)) {
            Aggregator aggregator = running.aggregator;
            Rebuilder rebuilder = running.rebuilder;
            assertEquals(-1, rebuilder.forgetGone(AFTER), "nothing shown yet: no pass");
            fetched(running, undated(A), undated(B), undated(X, X_OLD));
            rebuilder.rebuildNow();
            assertEquals(T0, published(aggregator.catalog(), A), "undated: dated by its first sight");
            assertEquals(0, rebuilder.forgetGone(AFTER));
            assertEquals(Set.of(), goneKeys(db), "every record is held");

            // two days later A and B leave the archive, and X's item no longer has the address its id was made of
            clock.advance(Duration.ofDays(2));
            fetched(running, undated(X_OLD));
            Catalog after = rebuilder.rebuildNow();
            assertEquals(key(X), article(after, X_OLD).key(), "X keeps its id, the key of an address it lost");
            assertEquals(0, rebuilder.forgetGone(AFTER));
            assertEquals(new TreeSet<>(List.of(key(A), key(B))), goneKeys(db),
                    "noted gone; X's id key is held, as the key of its article");

            // B comes back within the time: off the note
            clock.advance(Duration.ofDays(9));
            fetched(running, undated(B), undated(X_OLD));
            rebuilder.rebuildNow();
            assertEquals(0, rebuilder.forgetGone(AFTER));
            assertEquals(new TreeSet<>(List.of(key(A))), goneKeys(db));

            clock.advance(Duration.ofDays(20)); // 29 days after A left
            assertEquals(0, rebuilder.forgetGone(AFTER), "not yet");
            clock.advance(Duration.ofDays(2));
            assertEquals(1, rebuilder.forgetGone(AFTER), "A, gone for 31 days");
            assertEquals(Set.of(), goneKeys(db));
            assertEquals(new TreeSet<>(List.of(key(B), key(X), key(X_OLD))), keys(db, "SELECT key FROM first_seen"
                    + " UNION SELECT alias_key FROM published_id"), "B's and X's records kept");

            // A comes back: a new article to this store, first seen now
            clock.advance(Duration.ofDays(1));
            fetched(running, undated(A), undated(B), undated(X_OLD));
            Catalog back = rebuilder.rebuildNow();
            assertEquals(clock.instant(), published(back, A), "A is new again: dated by this sight");
            assertEquals(T0, published(back, B), "B kept its first sight");
            assertEquals(T0, published(back, X_OLD), "so did X");
            assertEquals(key(X), article(back, X_OLD).key(), "and its id");
        }
        // a restart reads what the store kept: A's new first sight, and no more than the archive's records
        try (SqliteStore store = SqliteStore.open(db)) {
            ArticleStore.Snapshot stored = store.load();
            assertEquals(T0.plus(Duration.ofDays(34)), stored.firstSeen().get(key(A)));
            assertEquals(T0, stored.firstSeen().get(key(B)));
            assertEquals(3, stored.firstSeen().size(), () -> "A, B and X: " + stored.firstSeen());
        }
    }

    /**
     * A fetch committed before a pass, not shown yet, may bring a gone article back: it was merged in its commit, so
     * the pass finds it held (a busy server always has a rebuild pending, and a pass that waited for none would not
     * run for days).
     */
    @Test
    void anArticleFetchedBackBeforeAPass_notShownYet_keepsItsRecords() throws Exception {
        Path db = dir.resolve("feedloom.db");
        try (Running running = new Running(db, clock)) {
            listedThenLeaving(running, undated(B));
            assertEquals(new TreeSet<>(List.of(key(A))), goneKeys(db), "A noted gone");

            clock.advance(Duration.ofDays(31));
            fetched(running, undated(A), undated(B)); // A is back, not shown yet
            assertEquals(0, running.rebuilder.forgetGone(AFTER), "A held by the archive");
            assertEquals(T0, published(running.rebuilder.rebuildNow(), A), "A keeps its first sight");
            assertEquals(Set.of(), goneKeys(db), "taken off the note");
            assertTrue(keys(db, "SELECT key FROM first_seen").contains(key(A)));
        }
    }

    /**
     * A pass finds the keys no article holds, notes them, and later forgets each run of them in a transaction that
     * reads again which keys the archive holds: an article that comes back in between is merged, and the run does
     * not forget its keys.
     */
    @Test
    void anArticleBackBetweenThePassesParts_isNotForgotten() throws Exception {
        Path db = dir.resolve("feedloom.db");
        try (Running running = new Running(db, clock)) {
            listedThenLeaving(running, undated(X));
            assertEquals(new TreeSet<>(List.of(key(A), key(B))), goneKeys(db), "A and B noted gone");

            clock.advance(Duration.ofDays(31));
            List<String> due = running.rebuilder.noteGone(AFTER);
            assertEquals(List.of(key(A), key(B)), due);
            fetched(running, undated(A), undated(X)); // A comes back meanwhile
            running.rebuilder.rebuildNow();
            assertEquals(1, running.rebuilder.forget(due), "B alone");
            assertEquals(new TreeSet<>(List.of(key(A), key(X))), keys(db, "SELECT key FROM first_seen"),
                    "A's first sight kept in the store");
            assertEquals(Set.of(), goneKeys(db), "A off the note: held again when its run was forgotten");
            assertEquals(T0, published(running.aggregator.catalog(), A), "and shown with it");
            clock.advance(Duration.ofDays(1));
            assertEquals(0, running.rebuilder.forgetGone(AFTER));
            assertEquals(Set.of(), goneKeys(db));
            fetched(running, undated(A), undated(B), undated(X));
            assertEquals(T0.plus(Duration.ofDays(34)), published(running.rebuilder.rebuildNow(), B),
                    "B, forgotten, is new again");
            assertEquals(T0, published(running.aggregator.catalog(), A));
        }
    }

    /** The merge kept in a SQLite store at {@code db}, an aggregator showing it and its rebuilder. */
    private static final class Running implements AutoCloseable {
        final MergedStore merged;
        final Aggregator aggregator;
        final Rebuilder rebuilder;

        Running(Path db, MutableClock clock) {
            merged = new MergedStore(SqliteStore.open(db, clock), clock, FoldRule.DEFAULT, RelatedRule.DEFAULT);
            aggregator = merged.aggregator;
            rebuilder = new Rebuilder(aggregator, merged.store, clock, Rebuilder.Listener.NONE);
        }

        @Override
        public void close() {
            try (MergedStore m = merged) {
                rebuilder.close();
            }
        }
    }

    /**
     * A and B fetched and merged; two days later the feed lists {@code listed} instead, and a pass notes the keys of
     * those that left gone.
     */
    private void listedThenLeaving(Running running, Item... listed) {
        fetched(running, undated(A), undated(B));
        running.rebuilder.rebuildNow();
        clock.advance(Duration.ofDays(2));
        fetched(running, listed);
        running.rebuilder.rebuildNow();
        assertEquals(0, running.rebuilder.forgetGone(AFTER), "noted only");
    }

    /** Commits {@code items} as source s's items now, merging what changed. */
    private void fetched(Running running, Item... items) {
        running.merged.fetched("s", List.of(items), A_DAY, clock.instant());
    }

    /** An undated item of source s at {@code urls} (the first its link): dated by its first sight. */
    private static Item undated(String... urls) {
        return new Item(Origin.FEED, "source:s", List.of(urls), "Story at " + urls[0], null, null, null, null, null,
                List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, urls[0], null);
    }

    private static String key(String url) {
        return CanonicalUrl.keyOf(url);
    }

    private static Article article(Catalog catalog, String url) {
        return catalog.all().stream().filter(a -> a.aliasKeys().contains(key(url))).findFirst()
                .orElseThrow(() -> new AssertionError("no article of " + url + " in " + catalog.all()));
    }

    private static Instant published(Catalog catalog, String url) {
        return article(catalog, url).published();
    }

    private static TreeSet<String> goneKeys(Path db) throws Exception {
        return keys(db, "SELECT key FROM gone_key");
    }

    private static TreeSet<String> keys(Path db, String sql) throws Exception {
        List<String> keys = SqliteFiles.column(db, sql);
        assertTrue(keys.size() == new TreeSet<>(keys).size(), "distinct");
        return new TreeSet<>(keys);
    }
}
