package org.feedloom.store;

import static org.feedloom.store.Fixtures.KEEP_ALL;
import static org.feedloom.store.Fixtures.T0;
import static org.feedloom.store.Fixtures.day;
import static org.feedloom.store.Fixtures.item;
import static org.feedloom.store.Fixtures.saveState;
import static org.feedloom.store.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedloom.model.Item;
import org.feedloom.model.SourceState;
import org.junit.jupiter.api.Test;

/** Several sources' writes in one transaction, and the one rule for writing a state: only what changed. */
class CommitBatchTest extends StoreContract {
    static final List<String> STATE_COLUMNS = List.of("url", "feed_url", "etag", "last_modified", "status",
            "failures", "last_attempt", "last_success", "next_fetch", "http_status", "items_in_last", "new_items",
            "error");

    static SourceWrite fetched(String source, String... urls) {
        List<Item> items = Arrays.stream(urls).map(u -> item(u, day(1))).toList();
        return SourceWrite.fetched(state(source, items.size()), items, KEEP_ALL, T0);
    }

    /** The state after a 304 following {@link Fixtures#state}: validators kept, times, status and counts new. */
    static SourceState notModified(SourceState prev, int minutesLater) {
        return new SourceState(prev.sourceId(), prev.url(), prev.feedUrl(), prev.etag(), prev.lastModified(),
                SourceState.Status.NOT_MODIFIED, 0, T0.plusSeconds(60L * minutesLater),
                T0.plusSeconds(60L * minutesLater), T0.plusSeconds(60L * minutesLater + 1800), 304, 0, 0, null);
    }

    /**
     * An item whose text was let go to its row is refused for another commit: that row may hold another version of
     * the item by then (a newer one listed under the same key), whose text it would be written back with under its own
     * length and hash. A fetch's items are parsed anew, each holding its text.
     */
    @Test
    void anItemWhoseTextWasLetGoToItsRow_isNotStoredAgain() {
        try (JdbcStore store = open()) {
            java.util.function.Supplier<Item> parse = () -> new Item(org.feedloom.model.Origin.FEED, "source:a",
                    List.of("https://a.example/1"), "One", null,
                    org.feedloom.model.Body.of("<p>The first version.</p>"), day(1), null, null, List.of(), List.of(),
                    List.of(), List.of(), null, null, org.feedloom.model.SeedFacts.NONE, "https://a.example/1", null);
            Item stored = store.commitBatch(List.of(SourceWrite.fetched(state("a", 1), List.of(parse.get()),
                    KEEP_ALL, T0))).get(0).get(0);
            SourceWrite.fetched(state("a", 1), List.of(stored), KEEP_ALL, T0); // held until let go: it is its text
            stored.body().release();
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> SourceWrite.fetched(state("a", 1), List.of(stored), KEEP_ALL, T0));
            assertTrue(refused.getMessage().contains("https://a.example/1"), refused.getMessage());
            store.commitBatch(List.of(SourceWrite.fetched(state("a", 1), List.of(parse.get()), KEEP_ALL, T0)));
        }
    }

    @Test
    void severalSources_inOneCall_areEachStoredWithTheirState_andStateAloneLeavesTheItems() {
        try (JdbcStore store = open()) {
            store.commitBatch(List.of(fetched("b", "https://b.example/old")));
            SourceWrite a = fetched("a", "https://a.example/1", "https://a.example/2");
            SourceWrite b = SourceWrite.stateOnly(notModified(state("b", 1), 5));
            SourceWrite c = fetched("c", "https://c.example/1");

            List<List<Item>> stored = store.commitBatch(List.of(a, b, c));

            assertEquals(2, stored.get(0).size());
            assertNull(stored.get(1), "a state alone reads no items");
            assertEquals(List.of(item("https://c.example/1", day(1))), stored.get(2));
            ArticleStore.Snapshot snapshot = store.load();
            assertEquals(Map.of("a", state("a", 2), "b", b.state(), "c", state("c", 1)), snapshot.states());
            assertEquals(stored.get(0), snapshot.sourceItems().get("a"));
            assertEquals(List.of(item("https://b.example/old", day(1))), snapshot.sourceItems().get("b"));
            assertEquals(stored.get(2), snapshot.sourceItems().get("c"));
        }
    }

    @Test
    void oneWriteTheDatabaseRefuses_leavesNothingOfTheWholeBatch() throws SQLException {
        try (JdbcStore store = open()) {
            refuseItemsOf("bad");
            StoreException e = assertThrows(StoreException.class, () -> store.commitBatch(List.of(
                    fetched("a", "https://a.example/1"), fetched("bad", "https://bad.example/1"),
                    fetched("c", "https://c.example/1"))));
            assertTrue(e.getMessage().startsWith("store: commit a batch of 3 sources (a, bad, c) failed on "
                    + backend().name()), e.getMessage());
            assertEquals(Map.of(), store.load().states());
            assertEquals(Map.of(), store.load().sourceItems());
        }
    }

    @Test
    void oneSourceTwiceInABatch_leavesWhatTheSecondSays() {
        try (JdbcStore store = open()) {
            SourceState later = notModified(state("s", 1), 10);
            store.commitBatch(List.of(fetched("s", "https://s.example/1"), SourceWrite.stateOnly(later)));
            assertEquals(later, store.load().states().get("s"));
            assertEquals(1, store.load().sourceItems().get("s").size());
        }
    }

    @Test
    void oneSourceFetchedTwiceInABatch_keepsTheSecondFetch_andWhatTheFirstStored() {
        try (JdbcStore store = open()) {
            SourceWrite first = fetched("s", "https://s.example/1");
            Item updated = item("https://s.example/1", day(2)); // the same item, published again
            SourceWrite second = SourceWrite.fetched(state("s", 1),
                    List.of(updated, item("https://s.example/2", day(1))), KEEP_ALL, T0.plusSeconds(60));

            List<List<Item>> stored = store.commitBatch(List.of(first, fetched("t", "https://t.example/1"), second));

            assertEquals(Set.of(updated, item("https://s.example/2", day(1))), Set.copyOf(stored.get(2)),
                    "the second fetch reads the rows the first wrote in the same transaction");
            assertEquals(Set.copyOf(stored.get(2)), Set.copyOf(store.load().sourceItems().get("s")));
            assertEquals(1, store.load().sourceItems().get("t").size());
        }
    }

    @Test
    void stateOfANewSource_isInserted_everyColumn() throws SQLException {
        try (JdbcStore store = open()) {
            logStateWrites();
            saveState(store, state("s", 1));
            assertEquals(List.of("s insert"), stateWrites());
        }
    }

    @Test
    void sameStateAgain_writesNothing() throws SQLException {
        try (JdbcStore store = open()) {
            saveState(store, state("s", 1));
            logStateWrites();
            saveState(store, state("s", 1));
            store.commitBatch(List.of(SourceWrite.stateOnly(state("s", 1))));
            assertEquals(List.of(), stateWrites());
        }
    }

    @Test
    void a304_writesOnlyTheColumnsItChanges() throws SQLException {
        try (JdbcStore store = open()) {
            saveState(store, state("s", 1));
            logStateWrites();
            SourceState first = notModified(state("s", 1), 30);
            saveState(store, first);
            List<String> written = stateWrites();
            assertEquals(Set.of("s status", "s last_attempt", "s last_success", "s next_fetch", "s http_status",
                    "s items_in_last", "s new_items"), Set.copyOf(written), "validators, URLs, failures, error stay");
            assertEquals(7, written.size(), "one update, each column once");
            assertEquals(first, store.load().states().get("s"));

            saveState(store, notModified(state("s", 1), 60));
            written = stateWrites();
            assertEquals(Set.of("s last_attempt", "s last_success", "s next_fetch"),
                    Set.copyOf(written.subList(7, written.size())), "a second 304: only its times");
            assertEquals(10, written.size());
            saveState(store, notModified(state("s", 1), 60));
            assertEquals(10, stateWrites().size(), "the same 304 again writes nothing");
        }
    }

    /** Makes the database itself refuse any item of {@code source}: a real failure in the middle of a batch. */
    void refuseItemsOf(String source) throws SQLException {
        backend().refuse("item", "NEW.source_id = '" + source + "'");
    }

    /**
     * Logs every write to {@code source_state}: an insert as {@code insert}, an update as each column it sets
     * (whether or not the value differs, which is the point).
     */
    void logStateWrites() throws SQLException {
        backend().logWrites("source_state", "source_id", STATE_COLUMNS);
    }

    /** What {@link #logStateWrites} logged, statement by statement (the columns of one in no set order). */
    List<String> stateWrites() throws SQLException {
        return backend().logged();
    }
}
