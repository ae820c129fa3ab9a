package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SqliteStore;
import org.feedloom.store.StoreException;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rebuilds that the store fails part-way (their texts unreadable: a merge reads them to fold, a showing to link
 * coverage) lose nothing: random sequences of fetches over a small world of stories (AMP, tracking, {@code www.} and
 * another outlet's URLs of one story, items bridging two stories, copies of one text on several hosts, items
 * leaving), with about a third of the rebuilds failed on the store and the merge in parts of a few items (so a
 * rebuild fails after some of its parts merged), end in the catalog a new aggregator builds from what is stored, with
 * the same published ids and first sights, after every rebuild that passes.
 */
class RebuildsThroughStoreFailuresTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    static final ArticleStore.Retention RETENTION = new ArticleStore.Retention(36_500, 6);
    static final int STORIES = 10;
    /** Texts the items carry, whole or cut, so that stories on different hosts fold as copies of one piece. */
    static final List<String> PIECES = org.feedloom.canonical.RandomChanges.PIECES;

    @TempDir Path dir;

    @ParameterizedTest(name = "sequence {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void rebuildsFailedOnTheStore_endInTheCatalogOfWhatIsStored(long seed) throws Exception {
        Path db = dir.resolve("feedloom.db");
        Random r = new Random(seed);
        MutableClock clock = new MutableClock(T0);
        Aggregator aggregator = new Aggregator(clock);
        aggregator.mergeInParts(3);
        int failed = 0;
        int passed = 0;
        boolean aliased = false; // an article under three URLs or more: variants, or a bridge
        boolean folded = false; // an article that lists a copy of its text on another host
        try (SqliteStore store = SqliteStore.open(db, clock)) {
            Rebuilder rebuilder = new Rebuilder(aggregator, store, new MutableClock(T0), Rebuilder.Listener.NONE);
            try {
                List<List<Item>> feeds = new ArrayList<>();
                for (int s = 0; s < 4; s++) {
                    feeds.add(new ArrayList<>());
                }
                for (int step = 0; step < 40; step++) {
                    clock.advance(Duration.ofMinutes(7));
                    for (int fetches = 1 + r.nextInt(3); fetches > 0; fetches--) {
                        int s = r.nextInt(feeds.size());
                        List<Item> feed = feeds.get(s);
                        if (!feed.isEmpty() && r.nextInt(4) == 0) {
                            feed.remove(r.nextInt(feed.size())); // kept by the store until retention drops it
                        }
                        for (int k = r.nextInt(3); k > 0; k--) {
                            feed.add(0, item(r, "s" + s, step));
                        }
                        StoredFetches.fetched(store, aggregator, "s" + s, feed, RETENTION, clock.instant());
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
                        passed++;
                        assertEquals(StoredFetches.fromScratch(store, clock), catalog.all(), "seed " + seed + ", step " + step);
                        assertEquals(List.of(), aggregator.unmergedSources());
                        aliased |= catalog.all().stream().anyMatch(a -> a.aliases().size() > 2);
                        folded |= catalog.all().stream().anyMatch(a -> a.related().stream()
                                .anyMatch(l -> l.title() != null && l.title().startsWith("Also published at")));
                    }
                }
                assertEquals(StoredFetches.fromScratch(store, clock), rebuilder.rebuildNow().all(), "seed " + seed + ", the end");
            } finally {
                rebuilder.close();
            }
        }
        assertTrue(failed > 3 && passed > 10, "failed " + failed + ", passed " + passed);
        assertTrue(aliased && folded, "the sequence merges variants (" + aliased + ") and folds copies (" + folded
                + ")");
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
