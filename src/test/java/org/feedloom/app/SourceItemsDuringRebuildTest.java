package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's writer commits each batch of fetches with its merge ({@link StoreMerger#commit}), whose outcome the
 * merge's listener notes for the showing ({@link Aggregator#noteMerged}); a rebuild shows what was noted under the
 * aggregator's lock, for seconds on a first cycle of a thousand sources. The writer must not wait for it (the fetch
 * workers behind it would), and what is committed during a rebuild must reach the catalog by the next one.
 */
class SourceItemsDuringRebuildTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir Path dir;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aCommittedFetch_doesNotWaitForARebuildUnderWay() throws Exception {
        try (MergedStore merged = new MergedStore(dir, CLOCK)) {
            Aggregator aggregator = merged.aggregator;
            Future<?> committed;
            synchronized (aggregator) { // what a rebuild holds while it shows what changed
                committed = threads.submit(() -> merged.setSourceItems("c",
                        List.of(live("c", "Z three", "https://z.example.org/3"))));
                committed.get(30, TimeUnit.SECONDS); // had the merge's listener waited for the lock: timed out here
                assertTrue(aggregator.changesWaiting(), "the merge's outcome noted for the next rebuild");
            }
            assertEquals(List.of("https://z.example.org/3"), aggregator.rebuild().all().stream()
                    .map(Article::url).toList());
            assertFalse(aggregator.changesWaiting());
        }
    }

    /**
     * One thread keeps rebuilding while another commits the fetches of many sources, each fetched twice (its second
     * items replace its first); after a last rebuild the catalog shows exactly the items of the second fetches, as
     * a fresh showing of the store's merged archive does: no merge's outcome is lost between a rebuild's taking of
     * what was noted and its showing (one lost there stays lost: nothing notes those articles changed again).
     */
    @Test
    void fetchesCommittedWhileRebuildsRun_allReachTheCatalog() throws Exception {
        try (MergedStore merged = new MergedStore(dir, CLOCK)) {
            Aggregator running = merged.aggregator;
            AtomicBoolean writing = new AtomicBoolean(true);
            Future<?> rebuilds = threads.submit(() -> {
                while (writing.get()) {
                    running.rebuild();
                }
            });
            int sources = 300;
            Future<?> writer = threads.submit(() -> {
                for (int source = 0; source < sources; source++) {
                    merged.setSourceItems("s" + source, itemsOf(source, 0));
                    merged.setSourceItems("s" + source, itemsOf(source, 1));
                }
            });
            writer.get(120, TimeUnit.SECONDS);
            writing.set(false);
            rebuilds.get(120, TimeUnit.SECONDS);
            Catalog caughtUp = running.rebuild();

            List<String> expected = new ArrayList<>();
            for (int source = 0; source < sources; source++) {
                itemsOf(source, 1).forEach(item -> expected.add(item.webUrl()));
            }
            assertTrue(expected.size() > sources, "each source has items");
            assertEquals(expected.stream().sorted().toList(), urls(caughtUp));
            assertEquals(urls(MergedStore.shownInMemory(merged.showingAnew(), List.of())), urls(caughtUp),
                    "what a restart would show");
            assertFalse(running.changesWaiting());
        }
    }

    private static List<String> urls(Catalog catalog) {
        return catalog.all().stream().map(Article::url).sorted().toList();
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

    /** An item of source {@code source} at {@code url}, without texts or dates. */
    static Item live(String source, String title, String url) {
        return Item.ofFeed("source:" + source, url, title);
    }
}
