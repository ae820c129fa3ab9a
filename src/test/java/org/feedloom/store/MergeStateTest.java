package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.feedloom.canonical.RandomStories.editedSeeds;
import static org.feedloom.canonical.RandomStories.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.canonical.CanonicalUrl;
import org.feedloom.canonical.FoldStamp;
import org.feedloom.canonical.MergeState;
import org.feedloom.canonical.MergedArticles;
import org.feedloom.canonical.PublishedIds;
import org.feedloom.canonical.RandomStories;
import org.feedloom.canonical.RandomChanges;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.SourceState;
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

    /**
     * The store's archive, the store closed and opened again every few changes (a restart); with {@code storingItems},
     * each added item is stored first in an item row of its own, as a fetch stores it, and merged as the store gives
     * it back (its texts located there, so the members name them rather than copy them), and the articles are read
     * with their texts read from the rows; with {@code idsInStore}, the ids published so far are recorded in the
     * store, and the merge reads them from there ({@link StoreMerge#ids}), not from the table it is given.
     */
    private final class Stored implements RandomChanges.Archive {
        private final boolean storingItems;
        private final boolean idsInStore;
        private JdbcStore store = open();
        private int changes;
        private int stored;

        Stored(boolean storingItems) {
            this(storingItems, false);
        }

        Stored(boolean storingItems, boolean idsInStore) {
            this.storingItems = storingItems;
            this.idsInStore = idsInStore;
        }

        @Override
        public MergedArticles.Change apply(Collection<Item> removed, Collection<Item> added, PublishedIds published,
                                           Function<String, Instant> firstSeen) {
            if (++changes % 7 == 0) {
                store.close();
                store = open();
            }
            Collection<Item> merged = storingItems ? added.stream().map(this::stored).toList() : added;
            if (idsInStore) { // as a rebuild records what it publishes; the store keeps a key's first record
                store.savePublishedIds(published.aliasKeys().stream().map(published::of).toList());
            }
            return store.merging(in -> new MergedArticles(in.state())
                    .apply(removed, merged, idsInStore ? in.ids() : published, firstSeen));
        }

        /** {@code item} stored under a source of its own, as the store gives it back. */
        private Item stored(Item item) {
            String source = "item-" + ++stored;
            return store.commitBatch(List.of(SourceWrite.fetched(SourceState.pending(source,
                    "https://feeds.example.org/" + source), List.of(item), new ArticleStore.Retention(36_500, 1_000),
                    T0))).get(0).get(0);
        }

        @Override
        public List<Article> articles() {
            List<Article> articles = store.merging(in -> new MergedArticles(in.state()).articles());
            return storingItems ? articles.stream().map(RandomStories::textsRead).toList() : articles;
        }

        @Override
        public List<String> keys() {
            return store.merging(in -> new MergedArticles(in.state()).keys());
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void randomChanges_inTheStore_giveWhatAMergeFromScratchGives(long seed) {
        Stored stored = new Stored(false);
        try {
            RandomChanges.check(seed, stored);
        } finally {
            stored.store.close();
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomChanges_ofStoredItems_giveWhatAMergeFromScratchGives_theirTextsReadFromTheItemRows(long seed) {
        Stored stored = new Stored(true);
        try {
            RandomChanges.check(seed, stored);
            assertTrue(stored.store.merging(in -> in.state().articles()).stream()
                    .anyMatch(a -> a.excerptBody() != null && !a.excerptBody().held()), "texts named, not copied");
        } finally {
            stored.store.close();
        }
    }

    /**
     * The ids the merge reads from the store in its transaction give the ids the table they were recorded from gives:
     * the earliest published id kept by the article that holds its keys, articles that come to hold keys of one id
     * merged again together, whatever a change's part is.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void randomChanges_withTheIdsReadFromTheStore_giveWhatAMergeFromScratchGives(long seed) {
        Stored stored = new Stored(false, true);
        try {
            RandomChanges.check(seed, stored);
        } finally {
            stored.store.close();
        }
    }

    /**
     * A read of the archive sees what is committed, not what a merge under way has written, and does not wait for
     * that merge; it writes nothing.
     */
    @Test
    void aReadOfTheArchive_seesWhatIsCommitted_whileAMergeRuns_andWritesNothing() throws Exception {
        try (JdbcStore store = open()) {
            Item first = item("https://news.example.org/a", "First");
            Item second = item("https://news.example.org/b", "Second");
            store.merging(in -> new MergedArticles(in.state()).apply(List.of(), List.of(first), new PublishedIds(),
                    k -> T0));
            java.util.concurrent.CountDownLatch merged = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
            Thread writer = new Thread(() -> store.merging(in -> {
                new MergedArticles(in.state()).apply(List.of(), List.of(second), new PublishedIds(), k -> T0);
                merged.countDown();
                try {
                    read.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            writer.start();
            assertTrue(merged.await(30, java.util.concurrent.TimeUnit.SECONDS));
            String b = CanonicalUrl.keyOf(second.preferredUrl());
            assertEquals(1, (int) store.readMerged(MergeState::size), "the merge under way is not seen");
            assertNull(store.readMerged(state -> state.ownerOf(b)));
            read.countDown();
            writer.join(30_000);
            assertEquals(2, (int) store.readMerged(MergeState::size), "seen once committed");
            assertEquals("Second", store.readMerged(state -> state.ownerOf(b)).title());

            Article third = ArticleMerger.merge(List.of(item("https://news.example.org/c", "Third")), k -> T0).get(0);
            assertThrows(StoreException.class, () -> store.readMerged(state -> {
                state.put(third, List.of(), Set.of(), new long[0]);
                return null;
            }));
            assertEquals(2, (int) store.readMerged(MergeState::size));
        }
    }

    @Test
    void aChangeThatFails_leavesTheArchiveAsItWas() {
        try (JdbcStore store = open()) {
            PublishedIds published = new PublishedIds();
            Item first = item("https://news.example.org/a", "First");
            store.merging(in -> new MergedArticles(in.state()).apply(List.of(), List.of(first), published, k -> T0));
            List<Article> before = store.merging(in -> new MergedArticles(in.state()).articles());

            Item bridge = item("https://news.example.org/b", "Bridge");
            RuntimeException boom = new IllegalStateException("the caller failed after the merge");
            assertThrows(IllegalStateException.class, () -> store.merging(in -> {
                new MergedArticles(in.state()).apply(List.of(first), List.of(bridge), published, k -> T0);
                throw boom;
            }));

            assertEquals(before, store.merging(in -> new MergedArticles(in.state()).articles()));
            String a = CanonicalUrl.keyOf(first.preferredUrl());
            String b = CanonicalUrl.keyOf(bridge.preferredUrl());
            assertEquals("First", store.merging(in -> in.state().ownerOf(a)).title(), "the first item's article");
            assertEquals(List.of(first), store.merging(in -> in.state().members(in.state().ownerOf(a).key())));
            assertNull(store.merging(in -> in.state().ownerOf(b)), "the failed change left nothing");
        }
    }

    @Test
    void membersOfStoredItems_nameWhereTheirTextsAreKept_andReadThemBackFromThere() {
        try (JdbcStore store = open()) {
            String words = "<p>Words only the item row keeps, once.</p>";
            Item first = item("https://news.example.org/a", "First", words, "<p>All of the first story.</p>");
            Item second = item("https://news.example.org/b", "Second", "<p>The second story, short.</p>", null);
            List<Item> stored = store.commitBatch(List.of(SourceWrite.fetched(
                    SourceState.pending("feed", "https://news.example.org/feed"), List.of(first, second),
                    new ArticleStore.Retention(36_500, 1_000), T0))).get(0);
            store.merging(in -> new MergedArticles(in.state()).apply(List.of(), stored, new PublishedIds(), k -> T0));

            List<String> rows = store.transaction("read the rows", false,
                    c -> Sql.rows(c.prepareStatement("SELECT item FROM merged_member UNION ALL "
                            + "SELECT coalesce(excerpt, '') || coalesce(content, '') FROM merged_article"),
                            r -> r.getString(1)));
            assertEquals(4, rows.size(), "two members, two articles");
            rows.forEach(row -> assertFalse(row.contains("only the item row keeps"), row));

            MergedArticles inMemory = new MergedArticles();
            inMemory.apply(List.of(), List.of(first, second), new PublishedIds(), k -> T0);
            List<Article> read = store.merging(in -> new MergedArticles(in.state()).articles());
            assertEquals(inMemory.articles(), read);
            Article a = read.stream().filter(x -> x.title().equals("First")).findFirst().orElseThrow();
            assertFalse(a.excerptBody().held(), "read where the item row keeps it");
            assertEquals(words, a.excerpt());
            List<Item> members = store.merging(in -> in.state().members(a.key()));
            assertEquals(List.of(first), members);
            assertEquals("<p>All of the first story.</p>", members.get(0).content());
        }
    }

    @Test
    void aBatchAndItsMerge_areCommittedTogether_orNotAtAll() {
        try (JdbcStore store = open()) {
            Item item = item("https://news.example.org/a", "First", "<p>Words the item row keeps.</p>", null);
            SourceWrite write = SourceWrite.fetched(SourceState.pending("feed", "https://news.example.org/feed"),
                    List.of(item), new ArticleStore.Retention(36_500, 1_000), T0);
            IllegalStateException boom = new IllegalStateException("the merge failed");
            assertThrows(IllegalStateException.class, () -> store.commitBatch(List.of(write), (changes, in) -> {
                new MergedArticles(in.state()).apply(List.of(), changes.get(0).added(), new PublishedIds(), k -> T0);
                throw boom;
            }));
            ArticleStore.Snapshot none = store.load();
            assertFalse(none.states().containsKey("feed"), "the batch rolled back with its merge");
            assertTrue(none.sourceItems().getOrDefault("feed", List.of()).isEmpty());
            assertEquals(0, (int) store.merging(in -> in.state().size()));

            List<Item> stored = store.commitBatch(List.of(write), (changes, in) -> {
                new MergedArticles(in.state()).apply(List.of(), changes.get(0).added(), new PublishedIds(), k -> T0);
                return changes.get(0).stored();
            });
            assertEquals(stored, store.load().sourceItems().get("feed"));
            Article a = store.merging(in -> in.state().ownerOf(CanonicalUrl.keyOf(item.preferredUrl())));
            assertEquals(stored, store.merging(in -> in.state().members(a.key())));
            assertFalse(a.excerptBody().held(), "named where the batch stored it");
            assertEquals("<p>Words the item row keeps.</p>", a.excerpt());
        }
    }

    @Test
    void aBatchSaysWhatItsFetchesChanged_andMergingThatKeepsTheArchiveAMergeOfWhatIsStored() {
        try (JdbcStore store = open()) {
            ArticleStore.Retention keepTwo = new ArticleStore.Retention(36_500, 2);
            Item a = item("https://news.example.org/a", "A", "<p>The first story.</p>", null);
            Item b = item("https://news.example.org/b", "B", "<p>The second story.</p>", null);
            SourceChange first = mergedBatch(store, "feed", List.of(a, b), keepTwo);
            assertEquals(List.of(), first.gone());
            assertEquals(Set.of(a, b), Set.copyOf(first.added()));

            Item b2 = item("https://news.example.org/b", "B, corrected", "<p>The second story.</p>", null);
            SourceChange second = mergedBatch(store, "feed", List.of(a, b2), keepTwo);
            assertEquals(List.of(b), second.gone(), "replaced by its other version");
            assertEquals(List.of(b2), second.added(), "a listed again unchanged is in neither");

            Item c = fetched("feed", "https://news.example.org/c", "C", "<p>The newest story.</p>",
                    T0.plusSeconds(7_200));
            SourceChange third = mergedBatch(store, "feed", List.of(c), keepTwo); // a, b2 no longer listed: one capped
            assertEquals(2, third.stored().size());
            assertEquals(1, third.gone().size(), "the oldest of three, capped");
            assertEquals(List.of(c), third.added());

            assertArchiveIsAMergeOf(third.stored(), store, "after the third fetch");
        }
    }

    /**
     * An item row that cannot be read is deleted by its source's next fetch, and that fetch's change has it gone as
     * the merged archive holds it, so the archive stays a merge of what is stored; listed again, it comes back new.
     */
    @Test
    void anItemRowThatCannotBeRead_isGoneInTheNextFetchsChange_asTheArchiveHoldsIt() throws Exception {
        ArticleStore.Retention keepAll = new ArticleStore.Retention(36_500, 1_000);
        Item a = fetched("feed", "https://news.example.org/a", "A", "<p>The first story.</p>", T0);
        Item b = fetched("feed", "https://news.example.org/b", "B", "<p>The second story.</p>", T0);
        try (JdbcStore store = open()) {
            mergedBatch(store, "feed", List.of(a, b), keepAll);
            backend().execute("UPDATE item SET urls = '[\"https://news.example.org/a\", 3' WHERE source_id = 'feed' "
                    + "AND key = '" + CanonicalUrl.keyOf(a.preferredUrl()) + "'");
            SourceChange next = mergedBatch(store, "feed", List.of(b), keepAll);
            assertEquals(List.of(a.preferredUrl()), next.gone().stream().map(Item::preferredUrl).toList());
            assertEquals(List.of(), next.added());
            assertArchiveIsAMergeOf(next.stored(), store, "without the damaged row's item");

            SourceChange back = mergedBatch(store, "feed", List.of(a, b), keepAll);
            assertEquals(List.of(a), back.added());
            assertArchiveIsAMergeOf(back.stored(), store, "listed again");
        }
    }

    /**
     * A merge in a batch's transaction reads the published ids and first-seen times the store keeps, not tables in
     * memory, and what it adds to them is committed with the batch or rolled back with it: an undated article keeps
     * the date it was first seen, and two published articles an item bridges become one under the id published
     * first, as a merge from scratch with the stored ids gives.
     */
    @Test
    void theIdsAndFirstSightsOfAMergeInTheStore_areReadThere_andWrittenWithItsBatch_orNotAtAll() {
        Instant t1 = T0.plusSeconds(3_600);
        Instant t2 = T0.plusSeconds(7_200);
        String a = "https://news.example.org/a";
        String b = "https://news.example.org/b";
        try (JdbcStore store = open()) {
            assertThrows(IllegalStateException.class, () -> publishedBatch(store, "one", List.of(
                    fetched("one", a, "A", "<p>The first story.</p>", null)), t1, true));
            assertEquals(List.of(), store.load().publishedIds(), "rolled back with the batch");
            assertEquals(Map.of(), store.load().firstSeen());

            Article first = publishedBatch(store, "one", List.of(fetched("one", a, "A", "<p>The first story.</p>",
                    null)), t1, false).get(0);
            assertEquals(t1, first.published(), "undated: first seen now");
            assertEquals(Map.of(first.key(), t1), store.load().firstSeen());
            assertEquals(first.aliasKeys().stream().map(k -> new org.feedloom.model.PublishedId(k, first.key(), t1))
                    .collect(java.util.stream.Collectors.toSet()), Set.copyOf(store.load().publishedIds()));

            Article again = publishedBatch(store, "two", List.of(fetched("two",
                    "https://www.news.example.org/a?utm_source=feed", "A", "<p>The first story.</p>", null)), t2,
                    false).get(0);
            assertEquals(first.key(), again.key(), "its published id");
            assertEquals(t1, again.published(), "the first sight the store kept");

            Article other = publishedBatch(store, "three", List.of(fetched("three", b, "B", "<p>The same story.</p>",
                    null)), t2, false).get(0);
            assertEquals(CanonicalUrl.keyOf(b), other.key());
            Item bridge = new Item(Origin.FEED, "source:four", List.of(b, a), "A and B", Body.of("<p>Both.</p>"),
                    null, null, null, null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, b,
                    null);
            List<Article> bridged = publishedBatch(store, "four", List.of(bridge), t2, false);
            assertEquals(List.of(first.key()), bridged.stream().map(Article::key).toList(),
                    "one article under the id published first, though its link is b's");

            ArticleStore.Snapshot now = store.load();
            List<Item> all = now.sourceItems().values().stream().flatMap(List::stream).toList();
            assertEquals(ArticleMerger.merge(all, new PublishedIds(now.publishedIds()), now.firstSeen()::get).stream()
                            .map(RandomStories::textsRead).toList(),
                    store.merging(in -> new MergedArticles(in.state()).articles()).stream()
                            .map(RandomStories::textsRead).toList());
        }
    }

    /**
     * A fetch of {@code items} committed at {@code now} with its merge, which reads ids and first sights from the
     * store and records the ids of the articles it changed, as a rebuild publishes them; returns those articles, or
     * throws after recording them when {@code fail}.
     */
    private static List<Article> publishedBatch(JdbcStore store, String source, List<Item> items, Instant now,
                                                boolean fail) {
        SourceWrite write = SourceWrite.fetched(SourceState.pending(source, "https://news.example.org/" + source),
                items, new ArticleStore.Retention(36_500, 1_000), now);
        return store.commitBatch(List.of(write), (changes, in) -> {
            MergedArticles.Change change = new MergedArticles(in.state()).apply(changes.get(0).gone(),
                    changes.get(0).added(), in.ids(), in.firstSeenOr(now));
            in.ids().record(change.changed(), now);
            if (fail) {
                throw new IllegalStateException("the merge failed after recording its ids");
            }
            return change.changed();
        });
    }

    /**
     * The seeds kept in the store say what a load of them changed since the last (a restart included): an edited
     * item gone in its old form and added in its new, one dropped gone, one new added, the rest in neither; a merge
     * that fails keeps neither the seeds nor what it merged.
     */
    @Test
    void theSeedsKept_sayWhatALoadOfThemChanged_andAreKeptOnlyWithTheirMerge() {
        Item a = seedItem("https://news.example.org/a", "A");
        Item b = seedItem("https://news.example.org/b", "B");
        Item c = seedItem("https://news.example.org/c", "C");
        Item b2 = seedItem("https://news.example.org/b", "B, edited");
        Item d = seedItem("https://news.example.org/d", "D");
        JdbcStore store = open();
        try {
            SourceChange first = mergedSeeds(store, List.of(a, b, c), false);
            assertEquals(List.of(), first.gone());
            assertEquals(List.of(a, b, c), first.added(), "all new the first time");
            store.close();
            store = open();

            SourceChange again = mergedSeeds(store, List.of(a, b, c), false);
            assertEquals(List.of(), again.gone(), "the same seeds after a restart");
            assertEquals(List.of(), again.added());

            JdbcStore failing = store;
            assertThrows(IllegalStateException.class, () -> mergedSeeds(failing, List.of(d), true));
            SourceChange edited = mergedSeeds(store, List.of(a, b2, d), false);
            assertEquals(List.of(b, c), edited.gone(), "against the seeds last merged, not the failed load");
            assertEquals(List.of(b2, d), edited.added());
            assertArchiveIsAMergeOf(List.of(a, b2, d), store, "after the edit");
        } finally {
            store.close();
        }
    }

    /** {@code seeds} kept with their merge, which throws after merging when {@code fail}; returns the change. */
    private static SourceChange mergedSeeds(JdbcStore store, List<Item> seeds, boolean fail) {
        return store.commitSeeds(seeds, (change, in) -> {
            new MergedArticles(in.state()).apply(change.gone(), change.added(), new PublishedIds(), k -> T0);
            if (fail) {
                throw new IllegalStateException("the merge failed");
            }
            return change;
        });
    }

    private static Item seedItem(String url, String title) {
        return new Item(Origin.SEED, "seed:doc", List.of(url), title, Body.of("<p>" + title + "'s words.</p>"), null,
                T0, null, null, List.of("science"), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url,
                null);
    }

    /**
     * Random fetches of three sources (each listing up to four of eight stories, in one of four URL variants, some
     * titles corrected, retention keeping each source's three newest), random edits of the seeds (seed items of the
     * same stories, some with a related mention of another) and random changes of the configuration (a source
     * removed, back, or excluding corrected titles), each merged by what it changed, a fetch only where its source is
     * merged, the store closed and opened again now and then: after each, the archive is what a merge of the seeds
     * and of what each merged source's excludes keep of its stored items, from scratch, gives.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomFetchesSeedEditsAndSourceChangesMergedByWhatTheyChanged_giveAMergeOfWhatIsStored(long seed) {
        java.util.Random random = new java.util.Random(seed);
        ArticleStore.Retention keepThree = new ArticleStore.Retention(36_500, 3);
        List<Item> seeds = List.of();
        Map<String, List<String>> merged = new java.util.TreeMap<>(Map.of("feed-0", List.of(), "feed-1", List.of(),
                "feed-2", List.of()));
        JdbcStore store = open();
        try {
            mergedSources(store, merged, false);
            for (int step = 0; step < 50; step++) {
                if (step % 10 == 9) { // a restart: the seeds and sources merged last are read back from the store
                    store.close();
                    store = open();
                }
                int op = random.nextInt(6);
                if (op == 0) {
                    seeds = editedSeeds(random, seeds, step, 8);
                    assertEquals(seeds, mergedSeeds(store, seeds, false).stored());
                } else if (op == 1) {
                    String source = "feed-" + random.nextInt(3);
                    switch (random.nextInt(3)) {
                        case 0 -> merged.remove(source);
                        case 1 -> merged.put(source, List.of());
                        default -> merged.put(source, List.of("corrected"));
                    }
                    mergedSources(store, merged, false);
                } else {
                    String source = "feed-" + random.nextInt(3);
                    List<Item> listed = new java.util.ArrayList<>();
                    for (int n = random.nextInt(5); n > 0; n--) {
                        int story = random.nextInt(8);
                        String title = "Story " + story + (random.nextBoolean() ? "" : ", corrected");
                        listed.add(fetched(source, variant(random, story), title,
                                "<p>The words of story " + story + ".</p>", T0.plusSeconds(60L * random.nextInt(100))));
                    }
                    List<String> excludes = merged.get(source);
                    SourceWrite write = SourceWrite.fetched(SourceState.pending(source,
                            "https://news.example.org/" + source), listed, keepThree, T0);
                    store.commitBatch(List.of(write), (changes, in) -> {
                        SourceChange change = changes.get(0);
                        assertEquals(excludes, in.excludesOf(source), "as the store holds the source");
                        if (excludes != null) { // a source not merged has its items stored all the same
                            new MergedArticles(in.state()).apply(kept(excludes, change.gone()),
                                    kept(excludes, change.added()), new PublishedIds(), k -> T0);
                        }
                        return null;
                    });
                }
                List<Item> all = new java.util.ArrayList<>(seeds);
                store.load().sourceItems().forEach((source, items) -> {
                    if (merged.containsKey(source)) {
                        all.addAll(kept(merged.get(source), items));
                    }
                });
                assertArchiveIsAMergeOf(all, store, "after step " + step + " of seed " + seed);
            }
        } finally {
            store.close();
        }
    }

    /**
     * Sources come, go and change their excludes, their stored items merged in and out as they do; the archive keeps
     * what the sources kept merge, through a restart, and a merge that fails changes nothing.
     */
    @Test
    void theSourcesMerged_comeGoAndChangeTheirExcludes_theirStoredItemsMergedInAndOut() {
        Item x = fetched("a", "https://news.example.org/x", "X", "<p>X.</p>", T0);
        Item y = fetched("a", "https://news.example.org/y", "Y, sponsored", "<p>Y.</p>", T0.plusSeconds(60));
        Item z = fetched("b", "https://news.example.org/z", "Z", "<p>Z.</p>", T0.plusSeconds(120));
        ArticleStore.Retention keepAll = new ArticleStore.Retention(36_500, 1_000);
        JdbcStore store = open();
        try {
            store.commitBatch(List.of(
                    SourceWrite.fetched(SourceState.pending("a", "https://news.example.org/a"), List.of(x, y), keepAll,
                            T0),
                    SourceWrite.fetched(SourceState.pending("b", "https://news.example.org/b"), List.of(z), keepAll,
                            T0)));
            List<MergedSourceChange> came = mergedSources(store, Map.of("a", List.of(), "b", List.of()), false);
            assertEquals(List.of("a", "b"), came.stream().map(MergedSourceChange::sourceId).toList());
            assertArchiveIsAMergeOf(List.of(x, y, z), store, "both sources came");

            List<MergedSourceChange> excluding = mergedSources(store, Map.of("a", List.of("sponsored"), "b",
                    List.of()), false);
            assertEquals(List.of("a"), excluding.stream().map(MergedSourceChange::sourceId).toList());
            assertEquals(List.of(y), excluding.get(0).change(MergeStateTest::kept).gone());
            assertArchiveIsAMergeOf(List.of(x, z), store, "a's sponsored item excluded");

            JdbcStore failing = store;
            assertThrows(IllegalStateException.class, () -> mergedSources(failing, Map.of(), true));
            assertEquals(List.of(), mergedSources(store, Map.of("a", List.of("sponsored"), "b", List.of()), false),
                    "the failed change kept nothing");

            mergedSources(store, Map.of("a", List.of("sponsored")), false);
            assertArchiveIsAMergeOf(List.of(x), store, "b removed");
            assertEquals(List.of(z), store.load().sourceItems().get("b"), "its items kept");
            store.close();
            store = open();
            List<MergedSourceChange> back = mergedSources(store, Map.of("a", List.of("sponsored"), "b", List.of()),
                    false);
            assertEquals(List.of(z), back.get(0).change(MergeStateTest::kept).added(), "b back after a restart");
            assertArchiveIsAMergeOf(List.of(x, z), store, "b back");
        } finally {
            store.close();
        }
    }

    /**
     * {@code sources} made the sources merged, each change merged by what its excludes keep ({@link #kept}); the
     * merge throws after merging when {@code fail}. Returns the changes.
     */
    private static List<MergedSourceChange> mergedSources(JdbcStore store, Map<String, List<String>> sources,
                                                          boolean fail) {
        return store.mergeSources(sources, (changes, in) -> {
            for (MergedSourceChange c : changes) {
                SourceChange change = c.change(MergeStateTest::kept);
                new MergedArticles(in.state()).apply(change.gone(), change.added(), new PublishedIds(), k -> T0);
            }
            if (fail) {
                throw new IllegalStateException("the merge failed");
            }
            return changes;
        });
    }

    /** The items whose titles have none of {@code excludes}, as a source's excludes keep them (in the test). */
    private static List<Item> kept(List<String> excludes, List<Item> items) {
        return items.stream().filter(i -> excludes.stream().noneMatch(word -> i.title().toLowerCase(
                java.util.Locale.ROOT).contains(word))).toList();
    }

    /** That the store's archive is what a merge of {@code stored} from scratch gives, texts read from the rows. */
    private static void assertArchiveIsAMergeOf(List<Item> stored, JdbcStore store, String when) {
        MergedArticles fromScratch = new MergedArticles();
        fromScratch.apply(List.of(), stored, new PublishedIds(), k -> T0);
        assertEquals(fromScratch.articles().stream().map(RandomStories::textsRead).toList(),
                store.merging(in -> new MergedArticles(in.state()).articles()).stream()
                        .map(RandomStories::textsRead).toList(), when);
    }

    /** An item of source {@code source}'s feed, published at {@code published}. */
    private static Item fetched(String source, String url, String title, String excerpt, Instant published) {
        return new Item(Origin.FEED, "source:" + source, List.of(url), title, Body.of(excerpt), null, published, null,
                null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }

    /** A fetch of {@code items} committed with its merge: its change's gone items merged out and added ones in. */
    private static SourceChange mergedBatch(JdbcStore store, String source, List<Item> items,
                                            ArticleStore.Retention retention) {
        SourceWrite write = SourceWrite.fetched(SourceState.pending(source, "https://news.example.org/" + source),
                items, retention, T0);
        return store.commitBatch(List.of(write), (changes, in) -> {
            SourceChange change = changes.get(0);
            new MergedArticles(in.state()).apply(change.gone(), change.added(), new PublishedIds(), k -> T0);
            return change;
        });
    }

    /**
     * The archive read back whole (a restart's showing) holds each value once: an article's link and its one alias are
     * its key's (written out from it: {@code LinkForms}), its key its alias key and its texts' item key, its date of update its date of publication when they are equal,
     * and the articles of one source one list of provenance and one feed list.
     */
    @Test
    void theArchiveReadBack_holdsEachRepeatedValueOnce() {
        try (JdbcStore store = open()) {
            Instant published = T0.minusSeconds(3600);
            mergedBatch(store, "wire", List.of(
                    fetched("wire", "https://news.example.org/one", "One", "<p>One's words.</p>", published),
                    fetched("wire", "https://news.example.org/two", "Two", "<p>Two's words.</p>", published)),
                    new ArticleStore.Retention(36_500, 1_000));
            List<Article> read = store.readMerged(MergeState::articles);
            assertEquals(2, read.size());
            for (Article a : read) {
                assertEquals(a.url(), a.aliases().get(0), "the link is the first alias (both written out from the key)");
                assertEquals(List.of(a.key()), a.aliasKeys());
                assertSame(a.key(), a.aliasKeys().get(0), "the key is the alias key");
                assertEquals(a.key(), a.excerptBody().ref().itemKey());
                assertSame(a.key(), a.excerptBody().ref().itemKey(), "the key is its text's item key");
                assertEquals(a.published(), a.updated());
                assertSame(a.published(), a.updated(), "one date");
            }
            assertSame(read.get(0).provenance(), read.get(1).provenance(), "one source: one provenance list");
            assertSame(read.get(0).feeds(), read.get(1).feeds());
            assertSame(read.get(0).published(), read.get(1).published(), "one date for both");
        }
    }

    @Test
    void anArticleWhoseTextsItemRowsKeep_isWrittenWithoutReadingThem() {
        try (JdbcStore store = open()) {
            Item item = item("https://news.example.org/a", "First", "<p>Kept by the item row.</p>", "<p>Also.</p>");
            List<Item> stored = store.commitBatch(List.of(SourceWrite.fetched(
                    SourceState.pending("feed", "https://news.example.org/feed"), List.of(item),
                    new ArticleStore.Retention(36_500, 1_000), T0))).get(0);
            Article article = ArticleMerger.merge(stored, k -> T0).get(0);
            stored.forEach(i -> {
                i.excerptBody().release();
                i.body().release();
            });
            ArticleStore.TextsRead before = store.textsRead();
            store.merging(in -> {
                in.state().put(article, stored, Set.of(), new long[0]);
                return null;
            });
            assertEquals(before, store.textsRead(), "named, not read to be written");
            assertEquals("<p>Kept by the item row.</p>", store.merging(in -> in.state().article(article.key())).excerpt());
        }
    }

    @Test
    void anArticleTakenOut_readsAsGoneInItsChange_andWhatItHeldGoesOrMovesAtTheEnd() {
        Item a = item("https://news.example.org/a", "A");
        Item moving = item("https://news.example.org/moving", "Moving");
        Item b = item("https://news.example.org/b", "B");
        Article articleA = ArticleMerger.merge(List.of(a, item(List.of("https://news.example.org/a",
                "https://news.example.org/moving"), "A")), k -> T0).get(0);
        Article articleB = ArticleMerger.merge(List.of(b), k -> T0).get(0);
        String keyA = articleA.key();
        String movingKey = CanonicalUrl.keyOf("https://news.example.org/moving");
        String related = CanonicalUrl.keyOf("https://elsewhere.example.org/r");
        try (JdbcStore store = open()) {
            store.merging(in -> {
                MergeState state = in.state();
                state.put(articleA, List.of(a), Set.of(related), new long[] {3, 1, 2});
                state.put(articleB, List.of(b), Set.of(), new long[] {3});
                return null;
            });
            Article articleC = ArticleMerger.merge(List.of(moving), k -> T0).get(0);
            store.merging(in -> {
                MergeState state = in.state();
                state.remove(keyA);
                assertNull(state.article(keyA));
                assertNull(state.ownerOf(movingKey));
                assertEquals(List.of(), state.members(keyA));
                assertArrayEquals(new long[0], state.anchors(keyA));
                assertEquals(Set.of(), state.referrers(related));
                assertEquals(Set.of(articleB.key()), state.anchoredBy(3, 10));
                assertEquals(Set.of(), state.anchoredBy(1, 10));
                assertEquals(Map.of(1L, Set.of(), 3L, Set.of(articleB.key())),
                        holders(state, new long[] {1, 3, 1}, 10));
                state.put(articleC, List.of(moving), Set.of(), new long[] {2});
                assertEquals(articleC.key(), state.ownerOf(movingKey).key(), "taken by another in the change");
                return null;
            });
            store.merging(in -> {
                MergeState state = in.state();
                assertEquals(List.of(articleB.key(), articleC.key()).stream().sorted().toList(), state.keys());
                assertNull(state.ownerOf(CanonicalUrl.keyOf("https://news.example.org/a")));
                assertEquals(articleC.key(), state.ownerOf(movingKey).key());
                assertEquals(Set.of(), state.referrers(related));
                assertEquals(Set.of(), state.anchoredBy(1, 10));
                assertEquals(Set.of(articleC.key()), state.anchoredBy(2, 10));
                assertEquals(Set.of(articleB.key()), state.anchoredBy(3, 10));
                return null;
            });
        }
    }

    @Test
    void anArticlePutBackChanged_holdsWhatItBecame_withNothingOfWhatItLost() {
        Item a = item("https://news.example.org/a", "A");
        Item more = item("https://news.example.org/a?utm_source=x", "A again");
        Item wider = item(List.of("https://news.example.org/a", "https://news.example.org/amp/a"), "A");
        Article before = ArticleMerger.merge(List.of(a), k -> T0).get(0);
        Article after = ArticleMerger.merge(List.of(more, wider), k -> T0).get(0);
        assertEquals(before.key(), after.key());
        String ampKey = CanonicalUrl.keyOf("https://news.example.org/amp/a");
        String oldRelated = CanonicalUrl.keyOf("https://elsewhere.example.org/old");
        String newRelated = CanonicalUrl.keyOf("https://elsewhere.example.org/new");
        try (JdbcStore store = open()) {
            store.merging(in -> {
                in.state().put(before, List.of(a), Set.of(oldRelated), new long[] {1, 2});
                return null;
            });
            store.merging(in -> {
                MergeState state = in.state();
                state.remove(before.key());
                state.put(after, List.of(more, wider), Set.of(newRelated), new long[] {2, 4});
                return null;
            });
            store.merging(in -> {
                MergeState state = in.state();
                assertEquals(after, state.article(before.key()));
                assertEquals(List.of(more, wider), state.members(before.key()), "the first member written again");
                assertEquals(before.key(), state.ownerOf(ampKey).key());
                assertEquals(Set.of(), state.referrers(oldRelated));
                assertEquals(Set.of(before.key()), state.referrers(newRelated));
                assertArrayEquals(new long[] {2, 4}, state.anchors(before.key()));
                assertEquals(Set.of(), state.anchoredBy(1, 10));
                assertEquals(Set.of(before.key()), state.anchoredBy(4, 10));
                state.remove(before.key());
                state.put(after, List.of(more, wider, a), Set.of(newRelated), new long[] {2, 4});
                return null;
            });
            assertEquals(List.of(more, wider, a), store.merging(in -> in.state().members(before.key())), "appended");
        }
    }

    @Test
    void manyAnchorsLookedUpAtOnce_giveWhatEachLookedUpAloneGives() {
        try (JdbcStore store = open()) {
            List<Long> anchors = new java.util.ArrayList<>();
            store.merging(in -> {
                MergeState state = in.state();
                for (int i = 0; i < 30; i++) {
                    Item item = item("https://news.example.org/" + i, "Story " + i);
                    // article i holds anchors i to i + 9: anchor 29 has one holder, anchor 9 ten
                    long[] held = java.util.stream.LongStream.range(i, i + 10).toArray();
                    state.put(ArticleMerger.merge(List.of(item), k -> T0).get(0), List.of(item), Set.of(), held);
                }
                return null;
            });
            for (long a = 0; a < 250; a++) {
                anchors.add(a % 145); // more than one statement's worth, with repeats and anchors no article has
            }
            long[] asked = anchors.stream().mapToLong(Long::longValue).toArray();
            store.merging(in -> {
                MergeState state = in.state();
                Map<Long, Set<String>> atOnce = holders(state, asked, 3);
                assertEquals(145, atOnce.size());
                for (long a = 0; a < 145; a++) {
                    Set<String> alone = state.anchoredBy(a, 3);
                    Set<String> inBulk = atOnce.get(a);
                    assertEquals(Math.min(alone.size(), 4), Math.min(inBulk.size(), 4), "anchor " + a);
                    if (alone.size() <= 3) {
                        assertEquals(alone, inBulk, "anchor " + a);
                    }
                }
                assertEquals(1, atOnce.get(0L).size());
                assertEquals(4, Math.min(atOnce.get(9L).size(), 4), "more than the limit: at least one more");
                return null;
            });
        }
    }

    /** Every 64-bit anchor comes back from the anchor index as it went in, and its neighbours find nothing. */
    @Test
    void anchorsAtTheEndsOfTheirRange_areIndexedExactly() {
        Item a = item("https://news.example.org/a", "A");
        Article articleA = ArticleMerger.merge(List.of(a), k -> T0).get(0);
        long[] extremes = {Long.MIN_VALUE, -9_216_262_319_047_113_787L, -1, 0, 9_007_199_254_740_993L, Long.MAX_VALUE};
        try (JdbcStore store = open()) {
            store.merging(in -> {
                in.state().put(articleA, List.of(a), Set.of(), extremes);
                return null;
            });
            store.merging(in -> {
                for (long anchor : extremes) {
                    assertEquals(Set.of(articleA.key()), in.state().anchoredBy(anchor, 10), "anchor " + anchor);
                    assertEquals(Set.of(), in.state().anchoredBy(anchor ^ 1, 10), "next to " + anchor);
                }
                assertArrayEquals(extremes, in.state().anchors(articleA.key()));
                return null;
            });
        }
    }

    @Test
    void anchorsAskedBefore_areNotAskedAgain_andTheRestAreAdded() {
        Item a = item("https://news.example.org/a", "A");
        Article articleA = ArticleMerger.merge(List.of(a), k -> T0).get(0);
        try (JdbcStore store = open()) {
            store.merging(in -> {
                in.state().put(articleA, List.of(a), Set.of(), new long[] {1, 2});
                return null;
            });
            store.merging(in -> {
                org.feedloom.canonical.AnchorHolders into = new org.feedloom.canonical.AnchorHolders();
                into.ask(1); // asked before (the holders an earlier look-up of the change found): kept as it is
                in.state().anchoredBy(new long[] {1, 2, 3}, 10, into);
                assertEquals(Map.of(1L, Set.of(), 2L, Set.of(articleA.key()), 3L, Set.of()), into.toMap());
                return null;
            });
        }
    }

    @Test
    void holdersLookedUpByNumber_nameTheArticlesTheChangeLeft_withTheirFoldStamps() {
        Item a = item("https://news.example.org/a", "A", "An excerpt of A", "The text of story A.");
        Item b = item("https://news.example.org/b", "B", "An excerpt of B", "The text of story B.");
        Item c = item("https://news.example.org/c", "C", "An excerpt of C", "The text of story C.");
        Article articleA = ArticleMerger.merge(List.of(a), k -> T0).get(0);
        Article articleB = ArticleMerger.merge(List.of(b), k -> T0).get(0);
        Article articleC = ArticleMerger.merge(List.of(c), k -> T0).get(0);
        try (JdbcStore store = open()) {
            store.merging(in -> {
                in.state().put(articleA, List.of(a), Set.of(), new long[] {1, 2});
                in.state().put(articleB, List.of(b), Set.of(), new long[] {2}); // numbered last
                return null;
            });
            store.merging(in -> {
                MergeState state = in.state();
                assertEquals(Map.of(1L, Set.of(articleA.key()), 2L, Set.of(articleA.key(), articleB.key()),
                        5L, Set.of()), holders(state, new long[] {1, 2, 5}, 10));
                assertEquals(FoldStamp.of(List.of(b)), state.foldStamps(articleB.key()));
                state.remove(articleB.key());
                assertEquals(Map.of(2L, Set.of(articleA.key())), holders(state, new long[] {2}, 10));
                assertEquals(1, state.size()); // B's row deleted: a new article may take its number
                state.put(articleC, List.of(c), Set.of(), new long[] {2});
                assertEquals(Map.of(2L, Set.of(articleA.key(), articleC.key())),
                        holders(state, new long[] {2}, 10), "the number's article as it is now");
                assertEquals(FoldStamp.of(List.of(c)), state.foldStamps(articleC.key()));
                return null;
            });
            assertEquals(FoldStamp.of(List.of(a)), store.merging(in -> {
                holders(in.state(), new long[] {1}, 10);
                return in.state().foldStamps(articleA.key());
            }), "read with the holders in a change of its own");
        }
    }

    private static Item item(String url, String title, String excerpt, String content) {
        return new Item(Origin.FEED, "source:feed", List.of(url), title, Body.of(excerpt), Body.of(content), T0, null,
                null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }

    private static Item item(List<String> urls, String title) {
        return new Item(Origin.FEED, "source:a", urls, title, null, null, T0, null, null, List.of(), List.of(),
                List.of(), List.of(), null, null, SeedFacts.NONE, urls.get(0), null);
    }

    private static Item item(String url, String title) {
        return new Item(Origin.FEED, "source:a", List.of(url), title, null, null, T0, null, null, List.of(),
                List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }

    /** The holders of {@code anchors} as one look-up at once gives them, every anchor asked. */
    private static Map<Long, Set<String>> holders(MergeState state, long[] anchors, int limit) {
        org.feedloom.canonical.AnchorHolders into = new org.feedloom.canonical.AnchorHolders();
        state.anchoredBy(anchors, limit, into);
        return into.toMap();
    }
}
