package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.TopicRule;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SqliteStore;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild's sync writes only what the rebuild changed (the aggregator's {@link Aggregator#takeLastChange}), and the
 * stored articles snapshot stays the catalog: random source changes and removals (merged in the store), hidden URLs
 * and rule changes through the rebuilder onto a real SQLite file, the snapshot read back and compared after every
 * rebuild, and once more from a store opened again.
 */
class SyncedSnapshotTest {
    @TempDir Path dir;

    @Test
    void everyRebuildsSync_leavesTheCatalogsArticles_inTheStore() {
        for (int seed = 0; seed < 6; seed++) {
            Random random = new Random(seed);
            Path file = dir.resolve("feedloom-" + seed + ".db");
            Catalog last = null;
            int changes = 0;
            Aggregator aggregator;
            try (SqliteStore store = SqliteStore.open(file, IncrementalRebuildTest.CLOCK);
                 MergedStore merged = new MergedStore(store, IncrementalRebuildTest.CLOCK, FoldRule.DEFAULT,
                         RelatedRule.DEFAULT);
                 Rebuilder rebuilder = new Rebuilder(merged.aggregator, merged.store,
                         new MutableClock(IncrementalRebuildTest.T0), Rebuilder.Listener.NONE)) {
                aggregator = merged.aggregator;
                List<TopicRule> rules = List.of();
                List<String> hidden = List.of();
                for (int step = 0; step < 30; step++) {
                    int what = random.nextInt(10);
                    String source = "s" + random.nextInt(4);
                    if (what < 7) {
                        List<Item> items = new ArrayList<>();
                        for (int k = random.nextInt(8); k > 0; k--) {
                            items.add(IncrementalRebuildTest.item(random, source));
                        }
                        merged.setSourceItems(source, items);
                    } else if (what == 7) {
                        merged.removeSource(source);
                    } else if (what == 8) {
                        rules = IncrementalRebuildTest.RULES.get(random.nextInt(IncrementalRebuildTest.RULES.size()));
                        aggregator.setTopicRules(rules);
                    } else {
                        hidden = random.nextBoolean() ? List.of() : List.of("https://news" + random.nextInt(5)
                                + ".example/" + random.nextInt(40));
                        aggregator.setHidden(hidden);
                    }
                    Set<Article> before = new HashSet<>(last == null ? List.of() : last.all());
                    last = Catalogs.held(rebuilder.rebuildNow());
                    changes += before.equals(new HashSet<>(last.all())) ? 0 : 1;
                    Aggregator fresh = merged.showingAnew();
                    fresh.setTopicRules(rules);
                    fresh.setHidden(hidden);
                    assertEquals(new HashSet<>(MergedStore.shownInMemory(fresh, rules).all()),
                            new HashSet<>(store.articles()), "seed " + seed + ", step " + step);
                }
            }
            try (SqliteStore again = SqliteStore.open(file)) {
                assertEquals(new HashSet<>(aggregator.catalog().all()), new HashSet<>(again.articles()),
                        "seed " + seed + ", opened again");
            }
            assertTrue(changes > 0);
        }
    }

    /** A rule change that keeps every article's topics as they were changes nothing to sync. */
    @Test
    void aRebuildThatChangesNothing_hasNothingToSync() {
        try (MergedStore merged = new MergedStore(dir, IncrementalRebuildTest.CLOCK)) {
            Aggregator aggregator = merged.aggregator;
            Random random = new Random(7);
            merged.setSourceItems("s", List.of(IncrementalRebuildTest.item(random, "s"),
                    IncrementalRebuildTest.item(random, "s")));
            rebuildTaking(merged);
            aggregator.setTopicRules(List.of(new TopicRule("Nothing", null, List.of(), List.of("zzz"), List.of())));
            assertEquals(List.of(), rebuildTaking(merged).changed().stream()
                    .filter(a -> !a.topics().isEmpty()).toList());
            ArticleStore.Change none = rebuildTaking(merged);
            assertEquals(0, none.changed().size() + none.goneKeys().size());
        }
    }

    /**
     * A rebuild's change lists the shown articles that differ from what the last rebuild published, with the keys of
     * those it published before among the gone keys (their rows go before they are written again), and the keys of
     * those it no longer shows: the store trusts it and compares nothing.
     */
    @Test
    void aRebuildsChange_listsWhatDiffersFromTheLastPublished_andTheRowsThatGo() {
        try (MergedStore merged = new MergedStore(dir, IncrementalRebuildTest.CLOCK)) {
            Aggregator aggregator = merged.aggregator;
            Item kept = item("https://news.example/kept", "Kept");
            Item retitled = item("https://news.example/retitled", "Before");
            Item dropped = item("https://news.example/dropped", "Dropped");
            merged.setSourceItems("s", List.of(kept, retitled, dropped));
            ArticleStore.Change first = rebuildTaking(merged);
            assertEquals(3, first.changed().size());
            assertEquals(Set.of(), first.goneKeys(), "nothing was published before");
            // the source's next fetch: one article of it unchanged, one changed, one gone, one new
            merged.setSourceItems("s", List.of(kept, item("https://news.example/retitled", "After"),
                    item("https://news.example/new", "New")));
            ArticleStore.Change second = rebuildTaking(merged);
            assertEquals(List.of("After", "New"), second.changed().stream().map(Article::title)
                    .sorted().toList());
            assertEquals(Set.of("news.example/retitled", "news.example/dropped"), second.goneKeys());
        }
    }

    /** Rebuilds, syncing the store as a server does; returns the change the sync was told. */
    private static ArticleStore.Change rebuildTaking(MergedStore merged) {
        ArticleStore.Change[] told = new ArticleStore.Change[1];
        merged.aggregator.rebuild(Integer.MAX_VALUE, (shown, change, shows) -> {
            told[0] = change;
            merged.store.syncChange(change);
        });
        return told[0];
    }

    private static Item item(String url, String title) {
        return new Item(Origin.FEED, "source:s", List.of(url), title, null, null, IncrementalRebuildTest.T0,
                IncrementalRebuildTest.T0, null, List.of(), List.of(), List.of(), List.of(), null, null,
                SeedFacts.NONE, url, null);
    }
}
