package org.feedloom.app;

import static org.feedloom.app.AggregatorTest.CLOCK;
import static org.feedloom.app.AggregatorTest.live;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store's writer hands each committed source's items to the aggregator ({@link Aggregator#setSourceItems});
 * a rebuild merges them under the aggregator's lock, for seconds on a first cycle of a thousand sources. The writer
 * must not wait for it (the fetch workers behind it would), and what it hands over during a rebuild must reach the
 * catalog at the next one.
 */
class SourceItemsDuringRebuildTest {
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void settingASourcesItems_doesNotWaitForARebuildUnderWay() throws Exception {
        Aggregator aggregator = new Aggregator(CLOCK);
        Future<?> set;
        synchronized (aggregator) { // what a rebuild holds while it merges
            set = threads.submit(() -> aggregator.setSourceItems("c", AggregatorTest.C));
            set.get(30, TimeUnit.SECONDS); // before this change: waited for the lock, and timed out here
            assertEquals(List.of("c"), aggregator.unmergedSources());
        }
        assertEquals(List.of("https://z.example.org/3"), aggregator.rebuild().all().stream()
                .map(Article::url).toList());
    }

    /**
     * One thread keeps rebuilding while another hands over the items of many sources, each written twice (its second
     * items replace its first); after a last rebuild the catalog is the one a fresh aggregator builds from the last
     * items handed over: no change is lost between a rebuild's reading of a source and its forgetting that the
     * source changed (a change lost there stays lost, as nothing marks the source changed again).
     */
    @Test
    void itemsHandedOverWhileRebuildsRun_allReachTheCatalog() throws Exception {
        Aggregator running = new Aggregator(CLOCK);
        AtomicBoolean writing = new AtomicBoolean(true);
        Future<?> rebuilds = threads.submit(() -> {
            while (writing.get()) {
                running.rebuild();
            }
        });
        int sources = 3000;
        Future<?> writer = threads.submit(() -> {
            for (int source = 0; source < sources; source++) {
                running.setSourceItems("s" + source, itemsOf(source, 0));
                running.setSourceItems("s" + source, itemsOf(source, 1));
            }
        });
        writer.get(120, TimeUnit.SECONDS);
        writing.set(false);
        rebuilds.get(120, TimeUnit.SECONDS);
        Catalog caughtUp = running.rebuild();

        Aggregator fresh = new Aggregator(CLOCK);
        for (int source = 0; source < sources; source++) {
            fresh.setSourceItems("s" + source, itemsOf(source, 1));
        }
        Catalog expected = fresh.rebuild();
        assertTrue(expected.all().size() > sources, "each source has items");
        assertEquals(expected.all().stream().map(Article::url).sorted().toList(),
                caughtUp.all().stream().map(Article::url).sorted().toList());
        assertEquals(List.of(), running.unmergedSources());
    }

    /** Source {@code source}'s items at {@code round}: a few that change every round, and one that stays. */
    private static List<Item> itemsOf(int source, int round) {
        List<Item> items = new ArrayList<>();
        items.add(live("s" + source, "Kept " + source, "https://s" + source + ".example.org/kept"));
        for (int i = 0; i < 1 + (round + source) % 3; i++) {
            items.add(live("s" + source, "Round " + round + " item " + i,
                    "https://s" + source + ".example.org/" + round + "/" + i));
        }
        return items;
    }
}
