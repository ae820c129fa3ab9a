package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Removals;
import org.feedloom.model.TopicRule;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Topic rules and hidden URLs changed on a running server (issue 13): applied to the archive a batch a rebuild, in
 * the background, with the progress on {@code /status} ({@link Removals#assessed}), while what is fetched meanwhile
 * is published under the new rules at once.
 */
class RulesAppliedInBatchesTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final TopicRule ROBOTS = new TopicRule("Robots", null, List.of(), List.of("robot"), List.of());

    @TempDir Path dir;
    MergedStore merged;
    Aggregator aggregator;

    @BeforeEach
    void open() {
        merged = new MergedStore(dir, Clock.fixed(T0, ZoneOffset.UTC));
        aggregator = merged.aggregator;
    }

    @AfterEach
    void close() {
        merged.close();
    }

    static List<Item> items(String source, int n, String title) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(Item.ofFeed("source:" + source, "https://" + source + ".example/" + i, title + " " + i));
        }
        return items;
    }

    static int under(Catalog catalog, String slug) {
        return catalog.articlesOf(slug).size();
    }

    @Test
    void changedRules_areAppliedABatchARebuild_withTheirProgress_andNewItemsAtOnce() {
        merged.setSourceItems("a", items("a", 10, "A robot story"));
        assertEquals(0, under(aggregator.rebuild(3), "robots"), "before any rule, all articles at once");
        assertFalse(aggregator.assessing());

        aggregator.setTopicRules(List.of(ROBOTS));
        Catalog first = aggregator.rebuild(3);
        assertEquals(3, under(first, "robots"));
        assertEquals(List.of(3, 10), progress());
        assertTrue(aggregator.assessing());

        merged.setSourceItems("b", items("b", 2, "Another robot"));
        Catalog second = aggregator.rebuild(3);
        assertEquals(2 + 6, under(second, "robots"), "fetched items under the new rules at once, and the next batch");
        assertEquals(List.of(6, 10), progress(), "the total is what the change of rules started with");

        aggregator.rebuild(3);
        Catalog last = aggregator.rebuild(3);
        assertEquals(12, under(last, "robots"));
        assertFalse(aggregator.assessing());
        assertEquals(List.of(0, 0), progress());
        assertFalse(aggregator.removals().applyingRules());

        aggregator.setTopicRules(List.of(ROBOTS));
        aggregator.rebuild(3);
        assertFalse(aggregator.assessing(), "the same rules again: nothing to apply");
    }

    @Test
    void anArticleChangedWhileWaiting_isAssessedAsItIsNow_andAHiddenURLTheSameWay() {
        merged.setSourceItems("a", items("a", 6, "A story"));
        aggregator.rebuild();
        aggregator.setTopicRules(List.of(ROBOTS));
        aggregator.setHidden(List.of("https://a.example/5"));
        aggregator.rebuild(2);
        List<Item> edited = new ArrayList<>(items("a", 6, "A story"));
        edited.set(4, Item.ofFeed("source:a", "https://a.example/4", "Now a robot story"));
        merged.setSourceItems("a", edited);
        Catalog catalog = aggregator.rebuild(2);
        assertEquals(List.of("a.example/4"), catalog.articlesOf("robots").stream().map(Article::key).toList(),
                "the edited article, under the new rule before its turn");
        catalog = aggregator.rebuild();
        assertEquals(5, catalog.all().size(), "the hidden one is gone once assessed");
        assertEquals(1, aggregator.removals().hidden());
        assertFalse(aggregator.assessing(), "a rebuild without a batch applies everything");
    }

    @Test
    void theRebuilder_appliesChangedRulesInTheBackground_batchAfterBatch_eachPaced() throws Exception {
        int n = Aggregator.ASSESS_BATCH + 7;
        merged.setSourceItems("a", items("a", n, "A robot story"));
        MutableClock pacing = new MutableClock(T0);
        try (Rebuilder rebuilder = new Rebuilder(aggregator, merged.store, pacing, Rebuilder.Listener.NONE)) {
            rebuilder.rebuildNow();
            aggregator.setTopicRules(List.of(ROBOTS));
            rebuilder.request();
            RunningFeedloom.waitUntil("the first batch", () -> under(aggregator.catalog(), "robots") > 0);
            assertEquals(Aggregator.ASSESS_BATCH, under(aggregator.catalog(), "robots"));
            assertEquals(List.of(Aggregator.ASSESS_BATCH, n), progress());
            RunningFeedloom.waitUntil("the next batch asked for", rebuilder::pending);
            pacing.advance(Rebuilder.MIN_GAP);
            RunningFeedloom.waitUntil("the next batch, once its gap passed", () -> under(aggregator.catalog(), "robots") == n);
            assertFalse(aggregator.removals().applyingRules());
            aggregator.setTopicRules(List.of());
            assertEquals(0, under(rebuilder.rebuildNow(), "robots"), "rebuildNow applies every article");
        }
    }

    private List<Integer> progress() {
        Removals r = aggregator.removals();
        return List.of(r.assessed(), r.toAssess());
    }
}
