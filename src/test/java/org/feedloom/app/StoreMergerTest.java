package org.feedloom.app;

import static org.feedloom.canonical.RandomStories.editedSeeds;
import static org.feedloom.canonical.RandomStories.textsRead;
import static org.feedloom.canonical.RandomStories.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.MergedArticles;
import org.feedloom.canonical.Parallelism;
import org.feedloom.canonical.PublishedIds;
import org.feedloom.canonical.RandomStories;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.feedloom.store.SqliteStore;
import org.feedloom.topic.SourceExcludes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13's property for the merge kept in the store: random sequences of configuration changes (sources removed,
 * back, their {@code exclude} changed), seed edits and batches of fetches (stories in {@code www.}, tracking, AMP and
 * {@code http} variants, items bridging two stories, sponsored titles, retention capping), some of the articles
 * published between them, merged by {@link StoreMerger} into a SQLite file closed and opened again now and then (a
 * new merger, which learns the sources merged from the store, not from being configured again). After
 * each step the store's archive is what {@link ArticleMerger} gives from scratch for the seeds and what each
 * configured source's excludes keep of its stored items, with the ids the store recorded; and what each step said it
 * changed is what changed, told to the listener in the order of the steps. Every merged article's alias keys have
 * their ids recorded by the merge that made it.
 */
class StoreMergerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String[] SOURCES = {"wire", "daily", "weekly"};
    private static final ArticleStore.Retention KEEP_FOUR = new ArticleStore.Retention(36_500, 4);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void randomConfigurationsSeedsAndFetches_mergedInTheStore_giveWhatAMergeFromScratchGives(long seed) {
        Random random = new Random(seed);
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        Path db = dir.resolve("feedloom-" + seed + ".db");
        Map<String, Source> configured = new LinkedHashMap<>();
        for (String id : SOURCES) {
            configured.put(id, source(id, List.of()));
        }
        List<Item> seeds = List.of();
        SqliteStore store = SqliteStore.open(db, clock);
        List<StoreMerger.Merged> told = new ArrayList<>();
        StoreMerger merger = new StoreMerger(store, FoldRule.DEFAULT, Parallelism.NONE, clock, told::add);
        try {
            merger.configure(List.copyOf(configured.values()));
            for (int step = 0; step < 40; step++) {
                List<Article> before = archive(store);
                if (step % 12 == 11) { // a restart: the configuration unchanged, what was merged is in the store
                    store.close();
                    store = SqliteStore.open(db, clock);
                    merger = new StoreMerger(store, FoldRule.DEFAULT, Parallelism.NONE, clock, told::add);
                }
                int op = random.nextInt(8);
                MergedArticles.Change change;
                if (op == 0) {
                    String id = SOURCES[random.nextInt(SOURCES.length)];
                    switch (random.nextInt(3)) {
                        case 0 -> configured.remove(id);
                        case 1 -> configured.put(id, source(id, List.of()));
                        default -> configured.put(id, source(id, List.of("sponsored")));
                    }
                    change = merger.configure(List.copyOf(configured.values())).change();
                } else if (op == 1) {
                    seeds = editedSeeds(random, seeds, step, 10);
                    change = merger.seeds(seeds).change();
                } else {
                    List<SourceWrite> writes = new ArrayList<>();
                    for (int n = 1 + random.nextInt(3); n > 0; n--) {
                        String id = SOURCES[random.nextInt(SOURCES.length)];
                        writes.add(SourceWrite.fetched(SourceState.pending(id, "https://" + id + ".example/feed"),
                                fetched(random, id, step), KEEP_FOUR, T0.plusSeconds(step)));
                    }
                    change = merger.commit(writes).merged().change();
                }
                assertEquals(change, told.get(told.size() - 1).change(), "the listener told the step's change");
                List<Article> after = archive(store);
                assertIdsRecorded(store, after, "step " + step + " of seed " + seed);
                assertEquals(fromScratch(store, seeds, configured), after, "step " + step + " of seed " + seed);
                assertChangeSays(before, after, change, "step " + step + " of seed " + seed);
                if (step == 25 && !after.isEmpty()) { // a reindex merges a damaged archive again from scratch
                    List<Article> held = after;
                    store.merging(in -> {
                        in.state().remove(held.get(0).key());
                        in.state().remove(held.get(held.size() - 1).key());
                        return null;
                    });
                    java.util.concurrent.atomic.AtomicInteger progress = new java.util.concurrent.atomic.AtomicInteger();
                    merger.reindex(List.copyOf(configured.values()), seeds, progress::set);
                    assertEquals(configured.size(), progress.get());
                    assertEquals(after, archive(store), "the same archive again, step " + step + " of seed " + seed);
                }
            }
            assertTrue(store.load().publishedIds().size() > 0);
        } finally {
            store.close();
        }
    }

    /**
     * A batch's merge records the ids of the articles it made in its transaction, and tells the listener once, after
     * the commit; a batch whose merge fails records nothing and tells nothing.
     */
    @Test
    void aBatchsMerge_recordsItsArticlesIds_andTellsTheListenerOnceCommitted() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        try (SqliteStore store = SqliteStore.open(dir.resolve("feedloom.db"), clock)) {
            List<StoreMerger.Merged> told = new ArrayList<>();
            StoreMerger merger = new StoreMerger(store, FoldRule.DEFAULT, Parallelism.NONE, clock, told::add);
            merger.configure(List.of(source("wire", List.of())));
            told.clear();
            String url = "https://news.example.org/story-1";
            Item story = new Item(Origin.FEED, "source:wire", List.of(url, "https://news.example.org/story-1/amp/"),
                    "Story 1", null, null, T0, null, null, List.of(), List.of(), List.of(), List.of(), null, null,
                    SeedFacts.NONE, url, null);
            StoreMerger.Committed committed = merger.commit(List.of(SourceWrite.fetched(
                    SourceState.pending("wire", "https://wire.example/feed"), List.of(story), KEEP_FOUR, T0)));
            assertEquals(List.of(committed.merged()), told);
            List<Article> archive = archive(store);
            assertEquals(1, archive.size());
            assertIdsRecorded(store, archive, "after the commit");
            assertEquals(Set.copyOf(archive.get(0).aliasKeys()), store.load().publishedIds().stream()
                    .map(org.feedloom.model.PublishedId::aliasKey).collect(java.util.stream.Collectors.toSet()));

            StoreMerger failing = new StoreMerger(store, null, Parallelism.NONE, clock, told::add); // no fold rule
            Item other = new Item(Origin.FEED, "source:wire", List.of("https://news.example.org/story-2"), "Story 2",
                    null, null, T0, null, null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE,
                    "https://news.example.org/story-2", null);
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> failing.commit(List.of(
                    SourceWrite.fetched(SourceState.pending("wire", "https://wire.example/feed"),
                            List.of(story, other), KEEP_FOUR, T0.plusSeconds(60)))));
            assertEquals(1, told.size(), "a failed merge tells nothing");
            assertEquals(archive, archive(store));
            assertEquals(archive.get(0).aliasKeys().size(), store.load().publishedIds().size(), "nor records ids");
        }
    }

    /** Every alias key of every article has an id recorded. */
    private static void assertIdsRecorded(ArticleStore store, List<Article> archive, String when) {
        Set<String> recorded = new HashSet<>();
        store.load().publishedIds().forEach(id -> recorded.add(id.aliasKey()));
        for (Article a : archive) {
            for (String aliasKey : a.aliasKeys()) {
                assertTrue(recorded.contains(aliasKey), when + ": no id recorded for " + aliasKey + " of " + a.key());
            }
        }
    }

    /** The store's archive, texts read. */
    private static List<Article> archive(ArticleStore store) {
        return store.merging(in -> new MergedArticles(in.state()).articles()).stream()
                .map(RandomStories::textsRead).toList();
    }

    /** What a merge from scratch gives for the seeds and what the configured sources' excludes keep of their items. */
    private static List<Article> fromScratch(ArticleStore store, List<Item> seeds, Map<String, Source> configured) {
        ArticleStore.Snapshot snapshot = store.load();
        List<Item> all = new ArrayList<>(seeds);
        snapshot.sourceItems().forEach((id, items) -> {
            Source source = configured.get(id);
            if (source != null) {
                all.addAll(SourceExcludes.kept(source.exclude(), items));
            }
        });
        return ArticleMerger.merge(all, new PublishedIds(snapshot.publishedIds()), snapshot.firstSeen()::get,
                FoldRule.DEFAULT).stream().map(RandomStories::textsRead).toList();
    }

    /** Every article that changed or went is in the change, and what it says changed is there as it says. */
    private static void assertChangeSays(List<Article> before, List<Article> after, MergedArticles.Change change,
                                         String when) {
        Map<String, Article> now = new LinkedHashMap<>();
        after.forEach(a -> now.put(a.key(), a));
        Set<String> said = new HashSet<>(change.removed());
        change.changed().forEach(a -> {
            said.add(a.key());
            assertEquals(now.get(a.key()), textsRead(a), when + ": changed as said");
        });
        for (Article a : before) {
            if (!a.equals(now.get(a.key()))) {
                assertTrue(said.contains(a.key()), when + ": " + a.key() + " changed or went, unsaid");
            }
        }
        change.removed().forEach(key -> assertTrue(!now.containsKey(key)
                || change.changed().stream().anyMatch(a -> a.key().equals(key)), when + ": removed " + key));
        for (Article a : after) {
            if (before.stream().noneMatch(b -> b.key().equals(a.key()))) {
                assertTrue(said.contains(a.key()), when + ": " + a.key() + " new, unsaid");
            }
        }
    }

    private static Source source(String id, List<String> exclude) {
        return new Source(id, null, "https://" + id + ".example/feed", null, List.of(), exclude, null, true,
                "config/sources.yaml:1");
    }

    /**
     * What a source's feed lists at a step: up to five of ten stories, some titles marked sponsored, some items
     * listing a second story's URL too (a bridge), some undated (dated by their first sight).
     */
    private static List<Item> fetched(Random random, String id, int step) {
        List<Item> items = new ArrayList<>();
        for (int n = random.nextInt(6); n > 0; n--) {
            int story = random.nextInt(10);
            List<String> urls = new ArrayList<>(List.of(variant(random, story)));
            if (random.nextInt(6) == 0) {
                urls.add(variant(random, random.nextInt(10)));
            }
            String title = "Story " + story + (random.nextInt(4) == 0 ? ", sponsored" : "")
                    + (random.nextBoolean() ? "" : " (updated)");
            Instant published = random.nextInt(5) == 0 ? null : T0.minusSeconds(600L * random.nextInt(50));
            items.add(new Item(Origin.FEED, "source:" + id, urls, title,
                    Body.of("<p>The words of story " + story + ".</p>"), null, published, null, null, List.of(),
                    List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, urls.get(0), null));
        }
        return items;
    }

}
