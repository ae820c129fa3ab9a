package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A large merge reads its texts' fold anchors on several threads ({@link Parallelism}); the articles are the ones a
 * merge on one thread makes, whatever the number of threads. The texts are the labelled fold set's real pairs (754
 * items, copies among them), so the shares hold texts that fold with texts of other shares.
 */
class ParallelismTest {
    private static final Function<String, Instant> FIRST_SEEN = key -> Instant.parse("2026-01-01T00:00:00Z");
    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static List<Item> labelledItems() {
        List<Item> items = new ArrayList<>();
        for (FoldingSet.Pair pair : FoldingSet.load()) {
            items.add(item(pair.a()));
            items.add(item(pair.b()));
        }
        java.util.Collections.shuffle(items, new java.util.Random(13)); // a copy and its original in other shares
        return items;
    }

    private static Item item(FoldingSet.Side side) {
        return new Item(Origin.FEED, "source:" + side.provider(), List.of(side.url()), side.title(), Body.of(side.excerpt()),
                Body.of(side.content()), side.published(), null, new Provider(side.provider(), null, List.of()), List.of(),
                List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, side.url(), null);
    }

    @Test
    void everyIndexRunsOnce_onSeveralThreads_whenThereAreMany() {
        int n = Parallelism.MIN_SHARED * 3;
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();

        new Parallelism(pool, 4).forEach(n, i -> {
            runs.incrementAndGet(i);
            threads.add(Thread.currentThread());
        });

        for (int i = 0; i < n; i++) {
            assertEquals(1, runs.get(i), "index " + i);
        }
        // three shares go to the pool (which of its threads take them is the pool's business), one stays here
        assertTrue(threads.size() >= 2, "the calling thread and the pool's: " + threads);
        assertTrue(threads.contains(Thread.currentThread()));
    }

    @Test
    void shares_areContiguousRuns_thatCoverEveryIndexOnce() {
        int n = Parallelism.MIN_SHARED * 3 + 7;
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        Set<String> shares = ConcurrentHashMap.newKeySet();

        new Parallelism(pool, 4).forEachShare(n, (from, to) -> {
            shares.add(from + ".." + to);
            for (int i = from; i < to; i++) {
                runs.incrementAndGet(i);
            }
        });

        for (int i = 0; i < n; i++) {
            assertEquals(1, runs.get(i), "index " + i);
        }
        assertEquals(4, shares.size(), "one run a thread: " + shares);
        new Parallelism(pool, 4).forEachShare(Parallelism.MIN_SHARED - 1, (from, to) -> shares.add("few " + from
                + ".." + to));
        assertTrue(shares.contains("few 0.." + (Parallelism.MIN_SHARED - 1)), "a few: one run: " + shares);
    }

    @Test
    void aFewIndexes_orOneThread_runOnTheCallingThreadAlone() {
        Set<Thread> few = ConcurrentHashMap.newKeySet();
        new Parallelism(pool, 4).forEach(Parallelism.MIN_SHARED - 1, i -> few.add(Thread.currentThread()));
        Set<Thread> one = ConcurrentHashMap.newKeySet();
        Parallelism.NONE.forEach(Parallelism.MIN_SHARED * 3, i -> one.add(Thread.currentThread()));

        assertEquals(Set.of(Thread.currentThread()), few);
        assertEquals(Set.of(Thread.currentThread()), one);
    }

    @Test
    void whatAShareThrows_isThrownToTheCaller() {
        IllegalStateException thrown = new IllegalStateException("share failed");
        int last = Parallelism.MIN_SHARED * 2 - 1; // in the pool's share, not the caller's

        IllegalStateException caught = assertThrows(IllegalStateException.class,
                () -> new Parallelism(pool, 2).forEach(last + 1, i -> {
                    if (i == last) {
                        throw thrown;
                    }
                }));

        assertSame(thrown, caught);
    }

    @Test
    void aMergeOnSeveralThreads_isTheMergeOnOne() {
        List<Item> items = labelledItems();
        assertTrue(items.size() >= Parallelism.MIN_SHARED, "enough texts to be shared out");

        List<Article> one = ArticleMerger.merge(items, new PublishedIds(), FIRST_SEEN, FoldRule.DEFAULT);
        List<Article> three = ArticleMerger.merge(items, new PublishedIds(), FIRST_SEEN, FoldRule.DEFAULT,
                new Parallelism(pool, 3));

        assertNotEquals(items.size(), one.size(), "some copies fold, so the shares' texts are compared across");
        assertEquals(one, three);
    }

    @Test
    void aLargeChangeOnSeveralThreads_isTheChangeOnOne() {
        List<Item> items = labelledItems();
        List<Item> first = items.subList(0, items.size() / 2);
        List<Item> second = items.subList(items.size() / 2, items.size());
        MergedArticles serial = new MergedArticles(MergeState.inMemory(), FoldRule.DEFAULT);
        MergedArticles parallel = new MergedArticles(MergeState.inMemory(), FoldRule.DEFAULT,
                new Parallelism(pool, 3));
        PublishedIds serialIds = new PublishedIds();
        PublishedIds parallelIds = new PublishedIds();

        for (List<Item> change : List.of(first, second)) {
            serial.apply(List.of(), change, serialIds, FIRST_SEEN);
            parallel.apply(List.of(), change, parallelIds, FIRST_SEEN);
            serialIds.record(serial.articles(), Instant.parse("2026-01-02T00:00:00Z"));
            parallelIds.record(parallel.articles(), Instant.parse("2026-01-02T00:00:00Z"));
            assertEquals(serial.articles(), parallel.articles());
        }
        assertEquals(ArticleMerger.merge(items, serialIds, FIRST_SEEN, FoldRule.DEFAULT), parallel.articles());
    }
}
