package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.feedloom.canonical.MergeCheckpoint;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the store keeps the checkpoint of the merge a run left, for the next run to hold it again: given back once,
 * under the stamp it was written under, and never after a write of items, which it would no longer name.
 */
class MergeCheckpointStoreTest extends StoreContract {
    private static final String STAMP = "0.1 folding(on) anchors v1";

    private static MergeCheckpoint checkpoint() {
        return new MergeCheckpoint(5, 0x8000_0000_0000_0007L, List.of(
                new MergeCheckpoint.Entry("gazette.example/bridge", new int[] {0, 3, 4}, new int[] {2}),
                new MergeCheckpoint.Entry(null, new int[] {1}, new int[0]), // the key of its link
                new MergeCheckpoint.Entry("news.example.org/2026/dam", new int[] {2}, new int[0])));
    }

    @Test
    void aCheckpoint_isGivenBackOnce_acrossClosingAndOpening_underItsStampOnly() {
        try (JdbcStore store = open()) {
            assertEquals(Optional.empty(), store.takeCheckpoint(STAMP), "a new store has none");
            store.saveCheckpoint(STAMP, checkpoint());
        }
        try (JdbcStore store = open()) {
            MergeCheckpoint taken = store.takeCheckpoint(STAMP).orElseThrow();
            assertEquals(5, taken.items());
            assertEquals(0x8000_0000_0000_0007L, taken.fingerprint(), "the signed 64-bit fingerprint as written");
            assertEquals(java.util.Arrays.asList("gazette.example/bridge", null, "news.example.org/2026/dam"),
                    taken.articles().stream().map(MergeCheckpoint.Entry::key).toList(), "in order, a key omitted too");
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(checkpoint().articles().get(i).members(), taken.articles().get(i).members());
                assertArrayEquals(checkpoint().articles().get(i).copiesFrom(), taken.articles().get(i).copiesFrom());
            }
            assertEquals(Optional.empty(), store.takeCheckpoint(STAMP), "taken: none is kept after");

            store.saveCheckpoint(STAMP, checkpoint());
            assertEquals(Optional.empty(), store.takeCheckpoint("0.2 folding(on) anchors v1"), "another stamp");
            assertEquals(Optional.empty(), store.takeCheckpoint(STAMP), "and none kept after that either");
        }
    }

    @Test
    void aWriteOfItems_makesTheCheckpointUnusable_aWriteOfStatesAloneDoesNot() {
        try (JdbcStore store = open()) {
            store.saveCheckpoint(STAMP, checkpoint());
            Fixtures.saveState(store, Fixtures.state("s", 0)); // a 304: the items are as they were
            assertTrue(store.takeCheckpoint(STAMP).isPresent(), "kept through a fetch that changed no item");

            store.saveCheckpoint(STAMP, checkpoint());
            Fixtures.commitFetch(store, Fixtures.state("s", 1), List.of(Fixtures.item("https://s.example/1",
                    Fixtures.T0)), Fixtures.KEEP_ALL, Fixtures.T0);
            assertEquals(Optional.empty(), store.takeCheckpoint(STAMP), "gone with the fetch that wrote an item");
        }
    }
}
