package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.feedloom.canonical.CanonicalUrl;
import org.feedloom.canonical.MergedArticles;
import org.feedloom.canonical.PublishedIds;
import org.feedloom.canonical.RandomChanges;
import org.feedloom.model.Article;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13: the merged archive kept in the database ({@link ArticleStore#merging}) merges what a change affects as
 * the in-memory one does, and as a merge from scratch would; it survives closing and opening the store again, and a
 * change that fails leaves it as it was.
 */
class MergeStateTest extends StoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The store's archive, the store closed and opened again every few changes (a restart). */
    private final class Stored implements RandomChanges.Archive {
        private JdbcStore store = open();
        private int changes;

        @Override
        public MergedArticles.Change apply(Collection<Item> removed, Collection<Item> added, PublishedIds published,
                                           Function<String, Instant> firstSeen) {
            if (++changes % 7 == 0) {
                store.close();
                store = open();
            }
            return store.merging(state -> new MergedArticles(state).apply(removed, added, published, firstSeen));
        }

        @Override
        public List<Article> articles() {
            return store.merging(state -> new MergedArticles(state).articles());
        }

        @Override
        public List<String> keys() {
            return store.merging(state -> new MergedArticles(state).keys());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void randomChanges_inTheStore_giveWhatAMergeFromScratchGives(long seed) {
        Stored stored = new Stored();
        try {
            RandomChanges.check(seed, stored);
        } finally {
            stored.store.close();
        }
    }

    @Test
    void aChangeThatFails_leavesTheArchiveAsItWas() {
        try (JdbcStore store = open()) {
            PublishedIds published = new PublishedIds();
            Item first = item("https://news.example.org/a", "First");
            store.merging(state -> new MergedArticles(state).apply(List.of(), List.of(first), published, k -> T0));
            List<Article> before = store.merging(state -> new MergedArticles(state).articles());

            Item bridge = item("https://news.example.org/b", "Bridge");
            RuntimeException boom = new IllegalStateException("the caller failed after the merge");
            assertThrows(IllegalStateException.class, () -> store.merging(state -> {
                new MergedArticles(state).apply(List.of(first), List.of(bridge), published, k -> T0);
                throw boom;
            }));

            assertEquals(before, store.merging(state -> new MergedArticles(state).articles()));
            String a = CanonicalUrl.keyOf(first.preferredUrl());
            String b = CanonicalUrl.keyOf(bridge.preferredUrl());
            assertEquals("First", store.merging(state -> state.ownerOf(a)).title(), "the first item's article");
            assertEquals(List.of(first), store.merging(state -> state.members(state.ownerOf(a).key())));
            assertNull(store.merging(state -> state.ownerOf(b)), "the failed change left nothing");
        }
    }

    private static Item item(String url, String title) {
        return new Item(Origin.FEED, "source:a", List.of(url), title, null, null, T0, null, null, List.of(),
                List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }
}
