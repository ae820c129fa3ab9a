package org.feedloom.store;

import static org.feedloom.store.Fixtures.T0;
import static org.feedloom.store.Fixtures.commitFetch;
import static org.feedloom.store.Fixtures.day;
import static org.feedloom.store.Fixtures.item;
import static org.feedloom.store.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import org.feedloom.model.Item;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention of a source's items and the tombstones that keep removed items out while their feed lists them. */
class RetentionTest extends StoreContract {
    private static final ArticleStore.Retention TWO_ITEMS = new ArticleStore.Retention(100_000, 2);
    private static final ArticleStore.Retention NINETY_DAYS = new ArticleStore.Retention(90, 500);

    private JdbcStore store;

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void close() {
        if (store != null) { // null when the backend was not there to open (a PostgreSQL test skipped)
            store.close();
        }
    }

    private List<Item> fetch(ArticleStore.Retention retention, int day, Item... items) {
        return commitFetch(store, state("s", items.length), List.of(items), retention, day(day));
    }

    private long tombstones() throws SQLException {
        return backend().count("SELECT count(*) FROM tombstone WHERE source_id = 's'");
    }

    @Test
    void byCount_keepsTheNewest_andTombstonesTheRemovedItemsAliasKeys() throws SQLException {
        Item a = new Item(item("https://news.example.org/a", day(1)).origin(), "source:s",
                List.of("https://news.example.org/a", "https://news-example-org.cdn.ampproject.org/c/s/news.example.org/a/amp",
                        "https://news.example.org/a-elsewhere"), "A", null, null, day(1), null, null, null, null, null,
                null, null, null, null, "https://news.example.org/a", null);
        Item b = item("https://news.example.org/b", day(2));
        Item c = item("https://news.example.org/c", day(3));
        assertEquals(List.of(c, b), fetch(TWO_ITEMS, 3, a, b, c));
        assertEquals(List.of(c, b), store.load().sourceItems().get("s"));
        // a's two distinct alias keys (its AMP-cache URL folds into the first)
        assertEquals(2, tombstones());
        assertEquals(2, backend().count("SELECT count(*) FROM item_alias"), "removed item's alias rows cascade");
    }

    @Test
    void byCount_countsItemsAccumulatedOverFetches() {
        Item a = item("https://news.example.org/a", day(1));
        Item b = item("https://news.example.org/b", day(2));
        Item c = item("https://news.example.org/c", day(3));
        fetch(TWO_ITEMS, 1, a);
        fetch(TWO_ITEMS, 2, b);
        assertEquals(List.of(c, b), fetch(TWO_ITEMS, 3, c));
    }

    @Test
    void byAge_keepsItemsDatedLongAgo_whenFirstSeenNow() throws SQLException {
        Item twoYearsOld = item("https://news.example.org/old", day(-730));
        Item recent = item("https://news.example.org/recent", day(-1));
        Item undated = item("https://news.example.org/undated", null);
        assertEquals(List.of(undated, recent, twoYearsOld), fetch(NINETY_DAYS, 0, twoYearsOld, recent, undated));
        assertEquals(0, tombstones());
    }

    @Test
    void byAge_neverExpiresAnItemTheSourceStillLists() {
        Item old = item("https://news.example.org/old", day(-730));
        fetch(NINETY_DAYS, 0, old);
        assertEquals(List.of(old), fetch(NINETY_DAYS, 400, old), "still listed 400 days after first sight");
    }

    @Test
    void byAge_expiresAnUnlistedItem_maxAgeDaysAfterFirstSight_withoutATombstone() throws SQLException {
        Item old = item("https://news.example.org/old", day(-730));
        Item other = item("https://news.example.org/other", day(-700));
        fetch(NINETY_DAYS, 0, old, other);
        assertEquals(List.of(other, old), fetch(NINETY_DAYS, 10, other), "unlisted, but first seen 10 days ago");
        assertEquals(List.of(other, old), fetch(NINETY_DAYS, 90, other), "exactly 90 days: not yet");
        assertEquals(List.of(other), fetch(NINETY_DAYS, 91, other));
        assertEquals(List.of(other), store.load().sourceItems().get("s"));
        assertEquals(0, tombstones(), "age expiry leaves no tombstone");
        assertEquals(List.of(other), fetch(NINETY_DAYS, 92, other), "and it stays gone");
    }

    @Test
    void byCount_ordersByDateThenFirstSight() {
        Item first = item("https://news.example.org/a-first", day(0));
        Item second = item("https://news.example.org/z-second", day(0));
        fetch(new ArticleStore.Retention(90, 1), 1, first);
        assertEquals(List.of(second), fetch(new ArticleStore.Retention(90, 1), 2, first, second),
                "same date: the one first seen later is the newer");
    }

    @Test
    void tombstonedItem_staysOutWhileItsFeedListsIt_andComesBackWhenListedAgainAfterAFetchWithoutIt()
            throws SQLException {
        Item a = item("https://news.example.org/a", day(1));
        Item b = item("https://news.example.org/b", day(2));
        Item c = item("https://news.example.org/c", day(3));
        assertEquals(List.of(c, b), fetch(TWO_ITEMS, 3, a, b, c));

        // the feed still lists a, now even dated as the newest: the tombstone, not retention, keeps it out
        Item aRepublished = item("https://news.example.org/a", day(5));
        assertEquals(List.of(c, b), fetch(TWO_ITEMS, 5, aRepublished, b, c));
        assertEquals(1, tombstones());

        // the feed stops listing a: its tombstone goes
        assertEquals(List.of(c, b), fetch(TWO_ITEMS, 6, b, c));
        assertEquals(0, tombstones());

        // listed again later, it is a new item again
        assertEquals(List.of(aRepublished, c), fetch(TWO_ITEMS, 7, aRepublished, b, c));
    }

    @Test
    void tombstone_holdsBackAnItemListedUnderAnyOfItsAliases() {
        Item a = new Item(item("https://news.example.org/a", day(1)).origin(), "source:s",
                List.of("https://news.example.org/a", "https://mirror.example.net/a"), "A", null, null, day(1), null,
                null, null, null, null, null, null, null, null, "https://news.example.org/a", null);
        Item b = item("https://news.example.org/b", day(2));
        Item c = item("https://news.example.org/c", day(3));
        fetch(TWO_ITEMS, 3, a, b, c);
        Item aByMirror = item("http://mirror.example.net/a?utm_medium=rss", day(9));
        assertEquals(List.of(c, b), fetch(TWO_ITEMS, 9, aByMirror, b, c));
    }

    @Test
    void tombstones_areKeptPerSource() {
        Item a = item("https://news.example.org/a", day(1));
        Item b = item("https://news.example.org/b", day(2));
        Item c = item("https://news.example.org/c", day(3));
        fetch(TWO_ITEMS, 3, a, b, c);
        List<Item> other = commitFetch(store, state("other", 1), List.of(a), TWO_ITEMS, day(3));
        assertEquals(List.of(a), other);
    }

    @Test
    void tombstonesOfItemsTheFeedNoLongerLists_areClearedByItsNextFetch() throws SQLException {
        Item a = item("https://news.example.org/a", day(1));
        Item b = item("https://news.example.org/b", day(2));
        Item c = item("https://news.example.org/c", day(3));
        fetch(TWO_ITEMS, 1, a);
        fetch(TWO_ITEMS, 2, b);
        fetch(TWO_ITEMS, 3, c);
        assertEquals(1, tombstones(), "a, removed though not listed, is tombstoned until the next fetch");
        fetch(TWO_ITEMS, 4, c);
        assertEquals(0, tombstones());
    }
}
