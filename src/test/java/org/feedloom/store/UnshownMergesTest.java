package org.feedloom.store;

import static org.feedloom.store.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A merge notes the keys it changed in its own transaction, numbered in the order merges commit; a sync marked with
 * the merges it shows takes them off, in its own, and keeps the rule it showed by ({@link ArticleStore#unshown}). So a
 * restart knows what was merged and never shown, and whether the snapshot shows the rest as its rules would. On a
 * database shared with other instances nothing is noted (their merges are not this one's to show).
 */
class UnshownMergesTest extends StoreContract {
    private static final ArticleStore.Change NOTHING = new ArticleStore.Change(List.of(), Set.of());

    /** A merge that changed {@code keys}; returns its number. */
    static long merge(JdbcStore store, String... keys) {
        return store.merging(in -> {
            in.announce(List.of(keys), T0);
            return in.number();
        });
    }

    @Test
    void aSync_takesOffTheMergesItShows_andKeepsItsRule_laterMergesStayNoted() {
        try (JdbcStore store = open()) {
            assertEquals(new ArticleStore.Unshown(null, Set.of(), 0), store.unshown(), "a new store");
            assertEquals(new ArticleStore.ShownCheck(store.unshown(), 0, 0), store.checkShown(), "no article either way");
            long first = merge(store, "a", "b");
            long second = merge(store, "b", "c");
            assertTrue(second > first && first > 0, first + ", " + second);
            ArticleStore.Unshown unshown = store.unshown();
            assertEquals(Set.of("a", "b", "c"), unshown.keys());
            assertEquals(second, unshown.through());

            store.syncChange(NOTHING, new ArticleStore.Showing("rules 1", first));
            assertEquals(Set.of("b", "c"), store.unshown().keys(), "b merged again by the second merge stays");
            assertEquals("rules 1", store.unshown().rule());

            store.syncChange(NOTHING); // a sync that marks nothing leaves the notes and the rule
            assertEquals(Set.of("b", "c"), store.unshown().keys());
            assertEquals("rules 1", store.unshown().rule());

            store.syncChange(NOTHING, new ArticleStore.Showing(null, second)); // part way through changed rules
            assertEquals(Set.of(), store.unshown().keys());
            assertNull(store.unshown().rule(), "shown by no one rule");

            long third = merge(store, "d");
            store.rewriteArticles(List.of(), new ArticleStore.Showing("rules 2", third));
            assertEquals(new ArticleStore.Unshown("rules 2", Set.of(), 0), store.unshown());
            assertEquals(new ArticleStore.ShownCheck(store.unshown(), 0, 0), store.checkShown());
        }
    }

    @Test
    void aReopenedStore_numbersItsMergesAfterThoseNotedBefore() {
        long before;
        try (JdbcStore store = open()) {
            merge(store, "a");
            before = merge(store, "b");
        }
        try (JdbcStore store = open()) {
            long after = merge(store, "c");
            assertTrue(after > before, before + ", " + after);
            store.syncChange(NOTHING, new ArticleStore.Showing("r", before)); // the last run's merges only
            assertEquals(Set.of("c"), store.unshown().keys());
        }
    }
}
