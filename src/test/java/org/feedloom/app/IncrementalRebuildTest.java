package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Topic;
import org.feedloom.model.TopicRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregator's incremental rebuild (showing what each merge changed: hiding, topics and the order kept between
 * rebuilds, changed rules applied in batches) publishes what a fresh aggregator shows of the same merged archive in
 * one go, as a restart's does: random sequences of source changes (merged in the store), rule and hide changes,
 * checked whenever no batch is pending.
 */
class IncrementalRebuildTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final List<List<TopicRule>> RULES = List.of(List.of(),
            List.of(new TopicRule("Robots", null, List.of(), List.of("robot"), List.of())),
            List.of(new TopicRule("Robots", null, List.of(), List.of("robot"), List.of("toy")),
                    new TopicRule("Cities", null, List.of("urban"), List.of("city"), List.of())));

    @TempDir Path dir;

    static Item item(Random random, String source) {
        int n = random.nextInt(40);
        String url = "https://" + (n % 3 == 0 ? "www." : "") + "news" + (n % 5) + ".example/" + n
                + (random.nextInt(4) == 0 ? "?utm_source=x" : "");
        String[] words = {"robot", "city", "toy", "urban", "market"};
        String title = "Story " + n + " " + words[random.nextInt(words.length)];
        Instant date = T0.plusSeconds(60L * random.nextInt(20)); // equal dates happen: the key decides
        List<String> categories = random.nextInt(3) == 0 ? List.of("urban") : List.of();
        return new Item(Origin.FEED, "source:" + source, List.of(url), title, null, null, date, date, null,
                List.of(), categories, List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }

    @Test
    void randomChanges_publishWhatAFreshShowingOfTheSameArchiveBuilds() {
        for (int seed = 0; seed < 12; seed++) {
            Random random = new Random(seed);
            try (MergedStore incremental = new MergedStore(dir.resolve("seed-" + seed), CLOCK)) {
                List<TopicRule> rules = List.of();
                List<String> hidden = List.of();
                for (int step = 0; step < 40; step++) {
                    int what = random.nextInt(10);
                    String source = "s" + random.nextInt(4);
                    if (what < 6) {
                        List<Item> items = new ArrayList<>();
                        for (int k = random.nextInt(8); k > 0; k--) {
                            items.add(item(random, source));
                        }
                        incremental.setSourceItems(source, items);
                    } else if (what == 6) {
                        incremental.removeSource(source);
                    } else if (what == 7) {
                        rules = RULES.get(random.nextInt(RULES.size()));
                        incremental.aggregator.setTopicRules(rules);
                    } else {
                        hidden = random.nextBoolean() ? List.of() : List.of("https://news" + random.nextInt(5)
                                + ".example/" + random.nextInt(40));
                        incremental.aggregator.setHidden(hidden);
                    }
                    Catalog built = incremental.aggregator.rebuild(1 + random.nextInt(6));
                    if (incremental.aggregator.assessing()) {
                        continue;
                    }
                    Aggregator fresh = incremental.showingAnew();
                    fresh.setTopicRules(rules);
                    fresh.setHidden(hidden);
                    Catalog expected = MergedStore.shownInMemory(fresh, rules);
                    String where = "seed " + seed + ", step " + step;
                    assertEquals(expected.all(), built.all(), where);
                    assertEquals(expected.topics(), built.topics(), where);
                    for (Topic topic : expected.topics()) {
                        assertEquals(expected.articlesOf(topic.slug()), built.articlesOf(topic.slug()),
                                where + ", topic " + topic.slug());
                    }
                    assertEquals(expected.slugs(), built.slugs(), where);
                    assertEquals(fresh.removals(), incremental.aggregator.removals(), where);
                }
            }
        }
    }
}
