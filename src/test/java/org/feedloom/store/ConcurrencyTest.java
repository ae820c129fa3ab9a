package org.feedloom.store;

import static org.feedloom.store.Fixtures.KEEP_ALL;
import static org.feedloom.store.Fixtures.T0;
import static org.feedloom.store.Fixtures.commitFetch;
import static org.feedloom.store.Fixtures.item;
import static org.feedloom.store.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.feedloom.model.Item;
import org.feedloom.model.SourceState;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends StoreContract {
    private static final int COMMITS = 60;
    private static final int ITEMS_PER_COMMIT = 5;
    private static final int READERS = 3;

    @Test
    void loadsDuringCommits_seeEachCommitWholeOrNotAtAll() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        try (JdbcStore store = open()) {
            Future<?> writer = pool.submit(() -> {
                try {
                    for (int n = 1; n <= COMMITS; n++) {
                        List<Item> items = new ArrayList<>();
                        for (int i = 0; i < ITEMS_PER_COMMIT; i++) {
                            items.add(item("https://news.example.org/" + n + "/" + i, null));
                        }
                        // the state records the commit number, so a reader can tell which commit it saw
                        commitFetch(store, state("s", n), items, KEEP_ALL, T0.plusSeconds(n));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> {
                    int loads = 0;
                    do {
                        ArticleStore.Snapshot s = store.load();
                        SourceState state = s.states().get("s");
                        int items = s.sourceItems().getOrDefault("s", List.of()).size();
                        int commits = state == null ? 0 : state.newItems();
                        assertEquals(commits * ITEMS_PER_COMMIT, items, "items and state of one commit");
                        loads++;
                    } while (writing.get());
                    return loads;
                }));
            }
            writer.get();
            for (Future<Integer> r : readers) {
                assertTrue(r.get() >= 1);
            }
            ArticleStore.Snapshot last = store.load();
            assertEquals(COMMITS * ITEMS_PER_COMMIT, last.sourceItems().get("s").size());
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
    }
}
