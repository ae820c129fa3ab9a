package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.feedloom.store.SqliteStore;
import org.feedloom.store.StoreException;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store that fails part-way loses nothing: random sequences of fetches over a small world of stories (AMP,
 * tracking, {@code www.} and another outlet's URLs of one story, items bridging two stories, copies of one text on
 * several hosts, items leaving), with about a quarter of the steps' merges refused by the store inside their commits
 * (rolled back with them: the fetch fails, and the source's next fetch lists what it lists then) and about a third
 * of the rebuilds failed on the store (their texts unreadable: the showing reads them to link coverage, and keeps what
 * was noted for the next rebuild), end in the catalog that merging everything stored from scratch makes (with the
 * published ids and first sights the store keeps), checked after every third rebuild that passes and at the end.
 */
class RebuildsThroughStoreFailuresTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    static final ArticleStore.Retention RETENTION = new ArticleStore.Retention(36_500, 6);
    static final int STORIES = 10;
    static final List<Source> SOURCES = List.of(MergedStore.source("s0", List.of()),
            MergedStore.source("s1", List.of()), MergedStore.source("s2", List.of()),
            MergedStore.source("s3", List.of()));
    /** Texts the items carry, whole or cut, so that stories on different hosts fold as copies of one piece. */
    static final List<String> PIECES = org.feedloom.canonical.RandomChanges.PIECES;

    @TempDir Path dir;
    private int copies;

    @ParameterizedTest(name = "sequence {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void fetchesAndRebuildsFailedOnTheStore_endInTheCatalogOfWhatIsStored(long seed) throws Exception {
        Path db = dir.resolve("feedloom.db");
        Random r = new Random(seed);
        MutableClock clock = new MutableClock(T0);
        int refused = 0;
        int failed = 0;
        int passed = 0;
        boolean aliased = false; // an article under three URLs or more: variants, or a bridge
        boolean folded = false; // an article that lists a copy of its text on another host
        try (SqliteStore store = SqliteStore.open(db, clock);
             MergedStore merged = new MergedStore(store, clock, FoldRule.DEFAULT, RelatedRule.DEFAULT);
             Rebuilder rebuilder = new Rebuilder(merged.aggregator, store, new MutableClock(T0),
                     Rebuilder.Listener.NONE)) {
            merged.configure(SOURCES);
            List<List<Item>> feeds = new ArrayList<>();
            for (int s = 0; s < SOURCES.size(); s++) {
                feeds.add(new ArrayList<>());
            }
            for (int step = 0; step < 40; step++) {
                clock.advance(Duration.ofMinutes(7));
                boolean refusing = r.nextInt(4) == 0;
                if (refusing) {
                    ChangeKeptThroughAFailedReadTest.refuseMerges(db, true);
                }
                for (int fetches = 1 + r.nextInt(3); fetches > 0; fetches--) {
                    int s = r.nextInt(feeds.size());
                    List<Item> feed = feeds.get(s);
                    if (!feed.isEmpty() && r.nextInt(4) == 0) {
                        feed.remove(r.nextInt(feed.size())); // kept by the store until retention drops it
                    }
                    for (int k = r.nextInt(3); k > 0; k--) {
                        feed.add(0, item(r, "s" + s, step));
                    }
                    try {
                        fetched(merged, "s" + s, feed, clock.instant());
                    } catch (StoreException e) {
                        refused++;
                    }
                }
                if (refusing) {
                    ChangeKeptThroughAFailedReadTest.refuseMerges(db, false);
                }
                if (r.nextInt(3) == 0) {
                    ChangeKeptThroughAFailedReadTest.unreadable(db, true);
                    try {
                        rebuilder.rebuildNow();
                    } catch (StoreException e) {
                        failed++;
                    } finally {
                        ChangeKeptThroughAFailedReadTest.unreadable(db, false);
                    }
                } else {
                    Catalog catalog = rebuilder.rebuildNow();
                    if (passed++ % 3 == 0) { // a merge from scratch costs a copy of the store: every third
                        assertEquals(fromScratch(db, clock), catalog.all(), "seed " + seed + ", step " + step);
                    }
                    aliased |= catalog.all().stream().anyMatch(a -> a.aliases().size() > 2);
                    folded |= catalog.all().stream().anyMatch(a -> a.related().stream()
                            .anyMatch(l -> l.title() != null && l.title().startsWith("Also published at")));
                }
            }
            assertEquals(fromScratch(db, clock), rebuilder.rebuildNow().all(), "seed " + seed + ", the end");
        }
        assertTrue(refused > 3 && failed > 3 && passed > 10,
                "refused " + refused + ", failed " + failed + ", passed " + passed);
        assertTrue(aliased && folded, "the sequence merges variants (" + aliased + ") and folds copies (" + folded
                + ")");
    }

    /**
     * Commits what a fetch of source {@code sourceId}'s {@code feed} parses at {@code now}, with its merge, as the
     * server's writer does.
     *
     * @throws StoreException when the store refuses it: nothing of it is stored
     */
    private static void fetched(MergedStore merged, String sourceId, List<Item> feed, Instant now) {
        merged.merger.commit(List.of(SourceWrite.fetched(
                SourceState.pending(sourceId, "https://" + sourceId + ".example.net/feed.xml"),
                feed.stream().map(MergedStore::parsedAgain).toList(), RETENTION, now)));
    }

    /**
     * The articles that merging everything stored from scratch makes, shown: a copy of the store merged again
     * ({@link StoreMerger#reindex}, which keeps the published ids and first sights the store recorded).
     */
    private List<Article> fromScratch(Path db, Clock clock) throws Exception {
        Path copy = dir.resolve("from-scratch-" + copies++ + ".db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("VACUUM INTO '" + copy + "'");
        }
        try (MergedStore scratch = new MergedStore(SqliteStore.open(copy, clock), clock, FoldRule.DEFAULT,
                RelatedRule.DEFAULT)) {
            scratch.merger.reindex(SOURCES, List.of(), done -> { });
            return List.copyOf(scratch.aggregator.rebuild().all()); // read before the store closes
        }
    }

    /** One URL of story {@code story} in variant {@code v}. */
    private static String url(int story, int v) {
        String path = "/2026/story-" + story;
        return switch (v % 5) {
            case 0 -> "https://news.example.org" + path;
            case 1 -> "https://www.news.example.org" + path + "?utm_source=feed";
            case 2 -> "https://news.example.org" + path + "/amp/";
            case 3 -> "https://mirror.example.com/s/" + story; // another outlet's URL of the same story
            default -> "http://news.example.org" + path + "/";
        };
    }

    /** An item of {@code sourceId} fetched at {@code step}: a story under one or two URLs, sometimes a bridge. */
    private static Item item(Random r, String sourceId, int step) {
        int story = r.nextInt(STORIES);
        LinkedHashSet<String> urls = new LinkedHashSet<>();
        urls.add(url(story, r.nextInt(5)));
        if (r.nextInt(4) == 0) {
            urls.add(url(story, r.nextInt(5)));
        }
        if (r.nextInt(10) == 0) {
            urls.add(url(r.nextInt(STORIES), r.nextInt(5))); // a bridge: two stories at once
        }
        String piece = PIECES.get(r.nextInt(PIECES.size()));
        String content = r.nextBoolean() ? piece : piece.substring(0, piece.indexOf("</p>") + 4);
        String first = urls.iterator().next();
        return new Item(Origin.FEED, "source:" + sourceId, List.copyOf(urls), "Story " + story + " at " + step,
                Body.of("Story " + story + ", as " + sourceId + " told it."), r.nextInt(3) == 0 ? null
                : Body.of(content), T0.plusSeconds(3600L * r.nextInt(48)), null, null, List.of(), List.of(),
                List.of(), List.of(), null, null, SeedFacts.NONE, first, null);
    }
}
