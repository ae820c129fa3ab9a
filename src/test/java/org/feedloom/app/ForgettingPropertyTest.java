package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.MergeState;
import org.feedloom.canonical.PublishedIds;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SqliteStore;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forgetting the records of articles gone from the archive changes nothing of the articles in it: random sequences of
 * daily fetches over a world of stories (variants of one URL, items bridging two stories, undated items dated by
 * their first sight, items leaving by retention and coming back) go to two servers, one running a forgetting pass a
 * day with a short time ({@link #FORGET_AFTER}), the other never forgetting. Until an article comes back with a key
 * the first forgot, both publish the same articles under the same ids and dates; and after every pass the first's
 * merged archive is what a merge from scratch of its stored items gives, with the ids and first sights the pass left.
 */
class ForgettingPropertyTest {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    /** Items a feed no longer lists leave two days after their first sight. */
    static final ArticleStore.Retention RETENTION = new ArticleStore.Retention(2, 8);
    static final Duration FORGET_AFTER = Duration.ofDays(3);
    static final int STORIES = 40;

    @TempDir Path dir;

    @ParameterizedTest(name = "sequence {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void forgettingTheGone_changesNoArticleInTheArchive(long seed) throws Exception {
        Random r = new Random(seed);
        MutableClock clock = new MutableClock(T0);
        Set<String> forgotten = new HashSet<>();
        int compared = 0;
        try (MergedStore f = new MergedStore(SqliteStore.open(dir.resolve("f.db"), clock), clock, FoldRule.DEFAULT,
                RelatedRule.DEFAULT);
             MergedStore r2 = new MergedStore(SqliteStore.open(dir.resolve("r.db"), clock), clock, FoldRule.DEFAULT,
                     RelatedRule.DEFAULT)) {
            Aggregator forgetting = f.aggregator;
            Aggregator remembering = r2.aggregator;
            ArticleStore storeF = f.store;
            ArticleStore storeR = r2.store;
            Rebuilder rebuilderF = new Rebuilder(forgetting, storeF, new MutableClock(T0), Rebuilder.Listener.NONE);
            Rebuilder rebuilderR = new Rebuilder(remembering, storeR, new MutableClock(T0), Rebuilder.Listener.NONE);
            try {
                List<List<Item>> feeds = new ArrayList<>();
                for (int s = 0; s < 3; s++) {
                    feeds.add(new ArrayList<>());
                }
                boolean cameBack = false;
                for (int step = 0; step < 40; step++) {
                    clock.advance(Duration.ofDays(1));
                    for (int s = 0; s < feeds.size(); s++) {
                        List<Item> feed = feeds.get(s);
                        feed.removeIf(i -> r.nextInt(3) == 0); // no longer listed: gone two days after first sight
                        for (int k = r.nextInt(3); k > 0; k--) {
                            feed.add(0, item(r, "s" + s, step));
                        }
                        f.fetched("s" + s, feed, RETENTION, clock.instant());
                        r2.fetched("s" + s, feed, RETENTION, clock.instant());
                        // each commit is merged: an article between two sources' commits may hold a key forgotten
                        cameBack |= holdsAny(storeF, forgotten);
                    }
                    Catalog shown = rebuilderF.rebuildNow();
                    Catalog kept = rebuilderR.rebuildNow();
                    if (!cameBack) {
                        assertEquals(kept.all(), shown.all(), "seed " + seed + ", step " + step);
                        compared++;
                    }
                    int before = forgotten.size();
                    forgotten.addAll(pass(storeF, rebuilderF));
                    assertEquals(fromScratch(storeF), storeF.readMerged(MergeState::articles),
                            "seed " + seed + ", step " + step + ": a merge from scratch gives the same, "
                                    + (forgotten.size() - before) + " keys forgotten");
                }
            } finally {
                rebuilderF.close();
                rebuilderR.close();
            }
        }
        assertTrue(!forgotten.isEmpty() && compared >= 8, "forgot " + forgotten.size() + " keys, compared "
                + compared + " steps");
    }

    /** What a merge from scratch gives of {@code store}'s stored items, with the ids and first sights it records. */
    private static List<Article> fromScratch(ArticleStore store) {
        ArticleStore.Snapshot stored = store.load();
        List<Item> all = new ArrayList<>();
        stored.sourceItems().values().forEach(all::addAll);
        return ArticleMerger.merge(all, new PublishedIds(stored.publishedIds()), stored.firstSeen()::get,
                FoldRule.DEFAULT);
    }

    /** Whether an article of {@code store}'s merged archive holds one of {@code keys}, as its key or an alias key. */
    private static boolean holdsAny(ArticleStore store, Set<String> keys) {
        return store.readMerged(state -> state.articles()).stream().anyMatch(
                a -> forgottenIn(a, keys));
    }

    private static boolean forgottenIn(Article a, Set<String> keys) {
        return keys.contains(a.key()) || a.aliasKeys().stream().anyMatch(keys::contains);
    }

    /** Runs a pass on the forgetting server; returns the keys it forgot (as the store's tables lost them). */
    private static Set<String> pass(ArticleStore store, Rebuilder rebuilder) {
        Set<String> before = recordedKeys(store);
        assertTrue(rebuilder.forgetGone(FORGET_AFTER) >= 0, "the pass ran");
        Set<String> after = recordedKeys(store);
        before.removeAll(after);
        return before;
    }

    private static Set<String> recordedKeys(ArticleStore store) {
        ArticleStore.Snapshot stored = store.load();
        Set<String> keys = new HashSet<>(stored.firstSeen().keySet());
        stored.publishedIds().forEach(id -> keys.add(id.aliasKey()));
        return keys;
    }

    /** One URL of story {@code story} in variant {@code v}. */
    private static String url(int story, int v) {
        String path = "/2026/story-" + story;
        return switch (v % 4) {
            case 0 -> "https://news.example.org" + path;
            case 1 -> "https://www.news.example.org" + path + "?utm_source=feed";
            case 2 -> "https://mirror.example.com/s/" + story; // another outlet's URL of the same story
            default -> "http://news.example.org" + path + "/";
        };
    }

    /** An item of a story under one or two URLs, sometimes a bridge of two, one in three undated. */
    private static Item item(Random r, String sourceId, int step) {
        int story = r.nextInt(STORIES);
        LinkedHashSet<String> urls = new LinkedHashSet<>();
        urls.add(url(story, r.nextInt(4)));
        if (r.nextInt(3) == 0) {
            urls.add(url(story, r.nextInt(4)));
        }
        if (r.nextInt(10) == 0) {
            urls.add(url(r.nextInt(STORIES), r.nextInt(4))); // a bridge: two stories at once
        }
        String first = urls.iterator().next();
        return new Item(Origin.FEED, "source:" + sourceId, List.copyOf(urls), "Story " + story + " at " + step,
                null, null, r.nextInt(3) == 0 ? null : T0.plusSeconds(3600L * r.nextInt(48)), null, null, List.of(),
                List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, first, null);
    }
}
