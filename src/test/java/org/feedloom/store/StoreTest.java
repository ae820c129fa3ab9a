package org.feedloom.store;

import static org.feedloom.store.Fixtures.KEEP_ALL;
import static org.feedloom.store.Fixtures.T0;
import static org.feedloom.store.Fixtures.commitFetch;
import static org.feedloom.store.Fixtures.day;
import static org.feedloom.store.Fixtures.fullItem;
import static org.feedloom.store.Fixtures.item;
import static org.feedloom.store.Fixtures.saveState;
import static org.feedloom.store.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.SourceState;
import org.junit.jupiter.api.Test;

/** The store's contract, on SQLite here and on PostgreSQL in {@link StoreOnPostgresTest}. */
class StoreTest extends StoreContract {

    @Test
    void commitFetch_itemWithEveryField_readsBackEqual() {
        Item full = fullItem("https://example.com/x");
        try (JdbcStore store = open()) {
            assertEquals(List.of(full), commitFetch(store, state("s", 1), List.of(full), KEEP_ALL, T0));
            assertEquals(Map.of("s", List.of(full)), store.load().sourceItems());
        }
    }

    @Test
    void load_theItemsOfASource_shareWhatTheyRepeat_asParsedItemsDo() {
        Item a = fullItem("https://example.com/a");
        Item b = fullItem("https://example.com/b");
        try (JdbcStore store = open()) {
            commitFetch(store, state("s", 1), List.of(a, b), KEEP_ALL, T0);
            List<Item> read = store.load().sourceItems().get("s");
            assertEquals(Set.of(a, b), Set.copyOf(read), "equal, field by field");
            Item x = read.get(0);
            Item y = read.get(1);
            assertSame(x.feed(), y.feed());
            assertSame(x.provider(), y.provider());
            assertSame(x.provenance(), y.provenance());
            assertSame(x.author(), y.author());
            assertSame(x.topics(), y.topics(), "equal lists: one list");
            assertSame(x.categories(), y.categories());
            assertSame(SeedFacts.NONE, commitAndReadMinimal(store), "no facts: the shared empty facts");
        }
    }

    /**
     * Issue 13: a provider's stored text is parsed once a read of the table and shared by every item that repeats
     * it; items of other providers, in one source or another, each read back their own.
     */
    @Test
    void load_providersReadOncePerText_eachItemWithItsOwn() {
        Provider one = new Provider("One", "one.example", List.of(Image.of("https://one.example/logo.png")));
        Provider two = new Provider("Two", "two.example", List.of());
        List<Item> s = List.of(withProvider(fullItem("https://example.com/a"), one),
                withProvider(fullItem("https://example.com/b"), two),
                withProvider(fullItem("https://example.com/c"), one),
                withProvider(fullItem("https://example.com/d"), null));
        List<Item> t = List.of(withProvider(fullItem("https://example.org/e"), two));
        try (JdbcStore store = open()) {
            commitFetch(store, state("s", 1), s, KEEP_ALL, T0);
            commitFetch(store, state("t", 1), t, KEEP_ALL, T0);
            Map<String, List<Item>> read = store.load().sourceItems();
            assertEquals(Set.copyOf(s), Set.copyOf(read.get("s")));
            assertEquals(t, read.get("t"));
            Map<String, Provider> byUrl = new java.util.HashMap<>();
            read.values().forEach(items -> items.forEach(i -> byUrl.put(i.urls().get(0), i.provider())));
            assertSame(byUrl.get("https://example.com/a"), byUrl.get("https://example.com/c"), "one text: one object");
            assertSame(byUrl.get("https://example.com/b"), byUrl.get("https://example.org/e"));
            assertEquals(null, byUrl.get("https://example.com/d"));
        }
    }

    private static Item withProvider(Item i, Provider provider) {
        return new Item(i.origin(), i.provenance(), i.urls(), i.title(), i.excerptBody(), i.body(), i.published(),
                i.updated(), provider, i.topics(), i.categories(), i.images(), i.related(), i.author(), i.feed(),
                i.facts(), i.webUrl(), i.originalUrl());
    }

    private static SeedFacts commitAndReadMinimal(JdbcStore store) {
        commitFetch(store, state("m", 1), List.of(Item.ofFeed("source:m", "urn:uuid:m", "t")), KEEP_ALL, T0);
        return store.load().sourceItems().get("m").get(0).facts();
    }

    @Test
    void commitFetch_minimalItem_readsBackEqual() {
        Item minimal = Item.ofFeed("source:s", "urn:uuid:1234", "t");
        try (JdbcStore store = open()) {
            commitFetch(store, state("s", 1), List.of(minimal), KEEP_ALL, T0);
            assertEquals(List.of(minimal), store.load().sourceItems().get("s"));
        }
    }

    @Test
    void load_keysFirstSeenTimesByThePublishedIdsAliasKeys_andSharesEqualTimes_notCopies() {
        try (JdbcStore store = open()) {
            store.savePublishedIds(List.of(new org.feedloom.model.PublishedId("a.example/1", "a.example/1", T0),
                    new org.feedloom.model.PublishedId("a.example/1-amp", "a.example/1", T0)));
            store.saveFirstSeen(Map.of("a.example/1", T0, "a.example/1-amp", T0, "b.example/2", T0));
        }
        try (JdbcStore store = open()) {
            ArticleStore.Snapshot loaded = store.load();
            Map<String, String> aliasKeys = new java.util.HashMap<>();
            loaded.publishedIds().forEach(id -> aliasKeys.put(id.aliasKey(), id.aliasKey()));
            assertEquals(Set.of("a.example/1", "a.example/1-amp"), aliasKeys.keySet());
            for (String key : loaded.firstSeen().keySet()) {
                if (aliasKeys.containsKey(key)) {
                    assertSame(aliasKeys.get(key), key, key + ": the published id's string");
                }
            }
            assertEquals(3, loaded.firstSeen().size());
            assertSame(loaded.firstSeen().get("a.example/1"), loaded.firstSeen().get("b.example/2"),
                    "one time, one object");
            assertSame(loaded.publishedIds().get(0).publishedAt(), loaded.publishedIds().get(1).publishedAt(),
                    "ids published at one time: one object");
        }
    }

    @Test
    void restart_loadGivesEqualItemsStatesAndFirstSeen() {
        ArticleStore.Snapshot before;
        try (JdbcStore store = open()) {
            commitFetch(store, state("a", 2), List.of(fullItem("https://example.com/1"),
                    item("https://a.example/2", day(-1))), KEEP_ALL, T0);
            commitFetch(store, state("b", 1), List.of(item("https://b.example/1", null)), KEEP_ALL, T0);
            saveState(store, SourceState.pending("c", "https://c.example/"));
            store.saveFirstSeen(Map.of("a.example/2", T0, "b.example/1", T0.plusNanos(3)));
            before = store.load();
        }
        try (JdbcStore store = open()) {
            ArticleStore.Snapshot after = store.load();
            assertEquals(before, after);
            assertEquals(Map.of("a", 2, "b", 1), Map.of("a", after.sourceItems().get("a").size(),
                    "b", after.sourceItems().get("b").size()));
            assertEquals(3, after.states().size());
            assertEquals(T0.plusNanos(3), after.firstSeen().get("b.example/1"));
        }
    }

    @Test
    void saveState_everyFieldAndEveryNull_roundTrip() {
        SourceState full = new SourceState("full", "https://f/", "https://f/rss", "W/\"e\"", "Fri, 01 Mar 2024",
                SourceState.Status.BACKING_OFF, 3, T0, T0.minusNanos(1), T0.plusSeconds(60), 503, 7, 2, "fetch: 503");
        SourceState nulls = new SourceState("nulls", null, null, null, null, SourceState.Status.PENDING, 0, null,
                null, null, 0, 0, 0, null);
        try (JdbcStore store = open()) {
            saveState(store, full);
            saveState(store, nulls);
            saveState(store, full);
            assertEquals(Map.of("full", full, "nulls", nulls), store.load().states());
        }
    }

    @Test
    void saveFirstSeen_keyAlreadyStored_keepsItsTime() {
        try (JdbcStore store = open()) {
            store.saveFirstSeen(Map.of("k", T0));
            store.saveFirstSeen(Map.of("k", day(1), "l", day(2)));
            assertEquals(Map.of("k", T0, "l", day(2)), store.load().firstSeen());
        }
    }

    @Test
    void commitFetch_sameKeyAgain_replacesTheItem_butKeepsItsFirstSeenTime() {
        ArticleStore.Retention ninetyDays = new ArticleStore.Retention(90, 500);
        Item first = item("https://example.com/undated", null);
        Item second = new Item(first.origin(), first.provenance(), List.of("http://www.example.com/undated/"),
                "New title", null, null, null, null, null, null, null, null, null, null, null, null, "http://www.example.com/undated/", null);
        try (JdbcStore store = open()) {
            commitFetch(store, state("s", 1), List.of(first), ninetyDays, T0);
            assertEquals(List.of(second), commitFetch(store, state("s", 0), List.of(second), ninetyDays, day(80)));
            // first seen at T0, not day 80: 95 days later it is past the 90-day retention
            assertEquals(List.of(), commitFetch(store, state("s", 0), List.of(), ninetyDays, day(95)));
        }
    }

    @Test
    void commitFetch_returnsItemsNewestFirst_byPublicationElseFirstSeen() {
        Item old = item("https://s/old", day(-10));
        Item undated = item("https://s/undated", null);
        Item recent = item("https://s/recent", day(-1));
        Item later = item("https://s/later", null);
        try (JdbcStore store = open()) {
            commitFetch(store, state("s", 3), List.of(old, undated, recent), KEEP_ALL, T0);
            List<Item> items = commitFetch(store, state("s", 1), List.of(later), KEEP_ALL, day(1));
            assertEquals(List.of(later, undated, recent, old), items);
            assertEquals(items, store.load().sourceItems().get("s"));
        }
    }

    @Test
    void commitFetch_twoItemsWithOneKey_keepsTheFirst() {
        Item a = item("https://news.example.org/x", day(1));
        Item b = item("http://www.news.example.org/x/?utm_source=feed", day(2));
        try (JdbcStore store = open()) {
            assertEquals(List.of(a), commitFetch(store, state("s", 1), List.of(a, b), KEEP_ALL, T0));
        }
    }

    @Test
    void commitFetch_savesTheState() {
        try (JdbcStore store = open()) {
            commitFetch(store, state("s", 4), List.of(), KEEP_ALL, T0);
            assertEquals(Map.of("s", state("s", 4)), store.load().states());
        }
    }

    @Test
    void close_isIdempotent_andLaterCallsFail() {
        JdbcStore store = open();
        store.close();
        store.close();
        StoreException e = assertThrows(StoreException.class, store::load);
        assertTrue(e.getMessage().startsWith("store: ") && e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void commitFetch_failingAtItsLastWrite_leavesNothingOfIt() throws SQLException {
        try (JdbcStore store = open()) {
            commitFetch(store, state("s", 1), List.of(item("https://s.example/1", day(1))), KEEP_ALL, T0);
            backend().refuse("source_state", "true");
            StoreException e = assertThrows(StoreException.class, () -> commitFetch(store, state("s", 2),
                    List.of(item("https://s.example/2", day(2))), new ArticleStore.Retention(1000, 1), day(2)));
            assertTrue(e.getMessage().startsWith("store: commit fetch of source s failed on " + backend().name()),
                    e.getMessage());
            // neither the new item, nor the retention of the old one, nor the state
            assertEquals(List.of(item("https://s.example/1", day(1))), store.load().sourceItems().get("s"));
            assertEquals(state("s", 1), store.load().states().get("s"));
            assertEquals(0, backend().count("SELECT count(*) FROM tombstone"));
        }
    }

    @Test
    void syncArticles_twoWithOneKey_isRefusedAndWritesNothing() {
        Instant now = T0;
        try (JdbcStore store = open()) {
            commitFetch(store, state("s", 1), List.of(item("https://s/1", null)), KEEP_ALL, now);
            List<org.feedloom.model.Article> clash = List.of(Fixtures.minimalArticle("k", now),
                    Fixtures.fullArticle("new", "x"), Fixtures.minimalArticle("k", now.plusSeconds(1)));
            assertThrows(IllegalArgumentException.class, () -> store.syncArticles(clash));
            assertEquals(List.of(), store.articles());
            assertEquals(1, store.load().sourceItems().get("s").size());
        }
    }
}
