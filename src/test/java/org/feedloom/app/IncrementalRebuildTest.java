package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.PublishedId;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Topic;
import org.feedloom.model.TopicRule;
import org.junit.jupiter.api.Test;

/**
 * The aggregator's incremental rebuild (the merge, hiding, topics and the order kept between rebuilds, changed
 * rules applied in batches) publishes what a fresh aggregator builds from the same inputs in one go, given the same
 * published ids and first-seen times: random sequences of source changes, rule and hide changes, checked whenever
 * no batch is pending.
 */
class IncrementalRebuildTest {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final List<List<TopicRule>> RULES = List.of(List.of(),
            List.of(new TopicRule("Robots", null, List.of(), List.of("robot"), List.of())),
            List.of(new TopicRule("Robots", null, List.of(), List.of("robot"), List.of("toy")),
                    new TopicRule("Cities", null, List.of("urban"), List.of("city"), List.of())));

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

    /**
     * A rebuild of many changed sources merged a few items at a time ({@link Aggregator#mergeInParts}) publishes what
     * one merge of the whole change publishes: a first rebuild of everything (a start-up's), then rebuilds of several
     * sources changed or removed at once, under topic rules; the same published ids and first-seen times follow.
     */
    @Test
    void aLargeChange_mergedInParts_publishesWhatOneMergeDoes() {
        for (int seed = 0; seed < 12; seed++) {
            Random random = new Random(seed);
            Aggregator inParts = new Aggregator(Clock.fixed(T0, ZoneOffset.UTC));
            inParts.mergeInParts(1 + random.nextInt(10));
            Aggregator atOnce = new Aggregator(Clock.fixed(T0, ZoneOffset.UTC));
            for (Aggregator a : List.of(inParts, atOnce)) {
                a.setTopicRules(RULES.get(2));
            }
            for (int step = 0; step < 6; step++) {
                for (int s = 0; s < 12; s++) {
                    String source = "s" + s;
                    if (step > 0 && random.nextInt(3) > 0) {
                        continue; // this source unchanged
                    }
                    if (step > 0 && random.nextInt(5) == 0) {
                        inParts.removeSource(source);
                        atOnce.removeSource(source);
                        continue;
                    }
                    List<Item> items = new ArrayList<>();
                    for (int k = random.nextInt(9); k > 0; k--) {
                        items.add(item(random, source));
                    }
                    inParts.setSourceItems(source, items);
                    atOnce.setSourceItems(source, items);
                }
                Catalog built = inParts.rebuild();
                Catalog expected = atOnce.rebuild();
                String where = "seed " + seed + ", step " + step;
                assertEquals(expected.all(), built.all(), where);
                assertEquals(expected.topics(), built.topics(), where);
                for (Topic topic : expected.topics()) {
                    assertEquals(expected.articlesOf(topic.slug()), built.articlesOf(topic.slug()),
                            where + ", topic " + topic.slug());
                }
                assertEquals(new HashSet<>(atOnce.drainNewPublishedIds()),
                        new HashSet<>(inParts.drainNewPublishedIds()), where);
                assertEquals(atOnce.drainNewFirstSeen(), inParts.drainNewFirstSeen(), where);
            }
        }
    }

    @Test
    void randomChanges_publishWhatAFreshAggregatorBuildsFromTheSameInputs() {
        for (int seed = 0; seed < 12; seed++) {
            Random random = new Random(seed);
            Aggregator incremental = new Aggregator(Clock.fixed(T0, ZoneOffset.UTC));
            if (seed % 2 == 1) {
                incremental.mergeInParts(1 + random.nextInt(8)); // a few sources a merge: the fresh one merges at once
            }
            Map<String, List<Item>> sources = new HashMap<>();
            List<TopicRule> rules = List.of();
            List<String> hidden = List.of();
            List<PublishedId> ids = new ArrayList<>();
            Map<String, Instant> firstSeen = new HashMap<>();
            for (int step = 0; step < 40; step++) {
                int what = random.nextInt(10);
                String source = "s" + random.nextInt(4);
                if (what < 6) {
                    List<Item> items = new ArrayList<>();
                    for (int k = random.nextInt(8); k > 0; k--) {
                        items.add(item(random, source));
                    }
                    sources.put(source, items);
                    incremental.setSourceItems(source, items);
                } else if (what == 6) {
                    sources.remove(source);
                    incremental.removeSource(source);
                } else if (what == 7) {
                    rules = RULES.get(random.nextInt(RULES.size()));
                    incremental.setTopicRules(rules);
                } else {
                    hidden = random.nextBoolean() ? List.of() : List.of("https://news" + random.nextInt(5)
                            + ".example/" + random.nextInt(40));
                    incremental.setHidden(hidden);
                }
                Catalog built = incremental.rebuild(1 + random.nextInt(6));
                ids.addAll(incremental.drainNewPublishedIds());
                firstSeen.putAll(incremental.drainNewFirstSeen());
                if (incremental.assessing()) {
                    continue;
                }
                Aggregator fresh = new Aggregator(Clock.fixed(T0, ZoneOffset.UTC));
                fresh.usePublishedIds(ids);
                fresh.addFirstSeen(firstSeen);
                fresh.setTopicRules(rules);
                fresh.setHidden(hidden);
                sources.forEach(fresh::setSourceItems);
                Catalog expected = fresh.rebuild();
                String where = "seed " + seed + ", step " + step;
                assertEquals(expected.topics(), built.topics(), where);
                for (Topic topic : expected.topics()) {
                    assertEquals(expected.articlesOf(topic.slug()), built.articlesOf(topic.slug()),
                            where + ", topic " + topic.slug());
                }
                assertEquals(expected.slugs(), built.slugs(), where);
                assertEquals(fresh.removals(), incremental.removals(), where);
            }
        }
    }
}
