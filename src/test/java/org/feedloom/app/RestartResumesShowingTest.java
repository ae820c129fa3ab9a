package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.Removals;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a restart does not show its stored archive again. The articles snapshot shows every merged article as the
 * last run's rules did; what the last run merged and did not show (it stopped, or died, between a merge and the sync
 * after it) is noted in the store with the merge, and a restart under the same rules shows only that, its related
 * coverage holding no day until a change needs one. Under other rules (topics, hidden links, coverage) it shows every
 * article again. Either way it publishes what a run that never stopped publishes.
 */
class RestartResumesShowingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
    /** Each source keeps its eight newest items: older ones go, taking their articles with them. */
    private static final ArticleStore.Retention EIGHT = new ArticleStore.Retention(10_000, 8);
    private static final String RULES = "topics:\n  - name: Bridges\n    keywords: [bridge]\n    exclude: [toll]\n"
            + "  - name: Ferries\n    keywords: [ferry]\nhide:\n  - https://www.gazette1.example/11?utm_source=x\n";

    @TempDir Path dir;

    @Test
    void restartsAndCrashes_publishWhatARunThatNeverStoppedPublishes_showingOnlyWhatWasNotShown() throws Exception {
        Random random = new Random(29);
        FeedloomConfig config = config("config", RULES);
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Pipeline reference = open(config, seeds, "reference");
        Pipeline run = open(config, seeds, "run");
        int restarts = 0;
        int crashes = 0;
        int resumedEmpty = 0;
        int hidden = 0;
        int excluded = 0;
        try {
            for (int step = 0; step < 40; step++) {
                Source source = config.sources().get(random.nextInt(config.sources().size()));
                List<Item> items = fetch(source, random);
                fetched(reference, source, items);
                fetched(run, source, items);
                if (random.nextInt(3) == 0) {
                    Removals removals = assertSamePublished(reference, run, "step " + step);
                    hidden = Math.max(hidden, removals.hidden());
                    excluded = Math.max(excluded, removals.excludedFromTopics());
                }
                int stop = random.nextInt(5);
                if (stop == 0) { // a clean stop: what was merged is shown and synced first
                    run.rebuilder.rebuildNow();
                    assertEquals(List.of(), List.copyOf(run.store.unshown().keys()), "a sync shows every merge");
                    run.close();
                    run = open(config, seeds, "run");
                    run.rebuilder.rebuildNow();
                    assertEquals(0, run.aggregator.coverageEntries(),
                            "step " + step + ": nothing shown again, the coverage holds no day");
                    resumedEmpty++;
                    restarts++;
                } else if (stop == 1) { // dies after merges no rebuild showed: a restart shows them
                    if (!run.store.unshown().keys().isEmpty()) { // the merges' keys, noted until shown
                        crashes++;
                    }
                    run.close();
                    run = open(config, seeds, "run");
                    assertEquals(List.of(), List.copyOf(run.store.unshown().keys()), "step " + step);
                }
            }
            assertSamePublished(reference, run, "at the end");
            assertTrue(restarts >= 4 && crashes >= 4 && resumedEmpty > 0, restarts + " restarts, " + crashes
                    + " crashes");
            assertTrue(hidden == 1 && excluded > 0, "an article hidden, some excluded: " + hidden + ", " + excluded);
            assertTrue(Catalogs.held(run.catalog()).all().stream().anyMatch(a -> !a.related().isEmpty()),
                    "coverage linked");
        } finally {
            reference.close();
            run.close();
        }
    }

    @Test
    void aRestartUnderOtherRules_showsEveryArticleAgain_andOneAssessingChangedRules_too() throws Exception {
        Random random = new Random(31);
        FeedloomConfig before = config("config", RULES);
        FeedloomConfig after = config("config-after", RULES.replace("[ferry]", "[ferry, quay]")
                .replace("utm_source=x", "utm_source=y").replace("gazette1.example/11", "gazette2.example/12"));
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Pipeline reference = open(after, seeds, "reference");
        Pipeline run = open(before, seeds, "run");
        try {
            for (int step = 0; step < 12; step++) {
                Source source = before.sources().get(step % before.sources().size());
                List<Item> items = fetch(source, random);
                fetched(reference, source, items);
                fetched(run, source, items);
            }
            run.rebuilder.rebuildNow();
            String shownBy = run.store.unshown().rule();
            assertEquals(run.aggregator.showingRule(), shownBy, "the sync keeps the rule it showed by");
            run.close();

            run = open(after, seeds, "run"); // the rules changed while stopped: every article shown again
            assertNotEquals(shownBy, run.aggregator.showingRule());
            assertSamePublished(reference, run, "under the rules changed while stopped");
            assertEquals(run.aggregator.showingRule(), run.store.unshown().rule());

            run.aggregator.setTopicRules(before.topics()); // changed at runtime, applied in batches
            run.aggregator.rebuild(10);
            assertTrue(run.aggregator.assessing(), "articles wait to be assessed");
            assertNull(run.store.unshown().rule(), "a sync part way through shows by no one rule");
            run.close(); // a restart then shows every article again, under the configured rules

            run = open(after, seeds, "run");
            assertSamePublished(reference, run, "after a restart part way through an assessment");
        } finally {
            reference.close();
            run.close();
        }
    }

    /** A pipeline on the data folder {@code name}, loaded, its first catalog built; fetches ask for no rebuild. */
    private Pipeline open(FeedloomConfig config, Path seeds, String name) {
        Pipeline pipeline = Pipeline.open(config, seeds, dir.resolve(name), CLOCK, Rebuilder.Listener.NONE, false);
        pipeline.rebuilder.rebuildNow();
        return pipeline;
    }

    /**
     * Rebuilds both and compares what they publish: every article as published, the topics and the status counts;
     * returns {@code actual}'s counts.
     */
    private static Removals assertSamePublished(Pipeline expected, Pipeline actual, String when) {
        Catalog want = Catalogs.held(expected.rebuilder.rebuildNow());
        Catalog got = Catalogs.held(actual.rebuilder.rebuildNow());
        assertEquals(want.all(), got.all(), when);
        assertEquals(want.topics(), got.topics(), when);
        Removals a = expected.aggregator.removals();
        Removals b = actual.aggregator.removals();
        assertEquals(List.of(a.hidden(), a.excludedFromTopics(), a.excludedByTopic()),
                List.of(b.hidden(), b.excludedFromTopics(), b.excludedByTopic()), when);
        return b;
    }

    private FeedloomConfig config(String name, String rules) throws Exception {
        Path configDir = Files.createDirectories(dir.resolve(name));
        StringBuilder yaml = new StringBuilder("site:\n  title: Test\nrelated:\n  memoryEntries: 10\n" + rules
                + "sources:\n");
        for (int s = 0; s < 4; s++) {
            yaml.append("  - url: http://127.0.0.1:9/feed-").append(s).append(".xml\n    name: s").append(s)
                    .append('\n');
        }
        Files.writeString(configDir.resolve("feedloom.yaml"), yaml.toString());
        return ConfigLoader.load(configDir).config();
    }

    /** Commits a fetch of {@code source} that gave {@code items}: merged, shown by the next rebuild. */
    private static void fetched(Pipeline run, Source source, List<Item> items) {
        run.merger.commit(List.of(SourceWrite.fetched(SourceState.pending(source.id(), source.url()), items, EIGHT,
                CLOCK.instant())));
    }

    /**
     * A fetch of 4 to 10 stories out of 40, on five hosts, under {@code www.} and tracking variants that several
     * sources share; a story's day one of twenty, its names and figure shared by the stories of its group (so that
     * reports of a group on nearby days are linked as one story's coverage), its title naming a bridge, a toll or a
     * ferry now and then. Source s1 always lists story 11, which the rules hide.
     */
    private static List<Item> fetch(Source source, Random random) {
        Map<String, Item> byUrl = new LinkedHashMap<>();
        int n = 4 + random.nextInt(7);
        for (int i = 0; i < n; i++) {
            int story = i == 0 && source.name().equals("s1") ? 11 : random.nextInt(40); // s1 lists the hidden one
            int group = story % 6;
            String url = (random.nextBoolean() ? "https://www." : "https://") + "gazette" + story % 5 + ".example/"
                    + story + (random.nextInt(4) == 0 ? "?utm_source=feed" : "");
            String title = "Story " + story + (story % 3 == 0 ? " of the bridge" : "") + (story % 9 == 0 ? " toll" : "")
                    + (story % 4 == 0 ? " by ferry" : "");
            String content = "<p>Mayor Lena Group" + group + " met Judge Omar Case" + group + " in Port Group" + group
                    + "town about story " + story + (random.nextInt(5) == 0 ? ", updated" : "") + ". About "
                    + (1_000 + group) + " people came.</p>";
            Instant published = Instant.parse("2026-02-01T00:00:00Z").plusSeconds(86_400L * (story % 20)
                    + 3_600L * group);
            byUrl.putIfAbsent(url, new Item(Origin.FEED, source.provenance(), List.of(url), title,
                    Body.of("Summary of story " + story + "."), Body.of(content), published, null, null, List.of(),
                    List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null));
        }
        return new ArrayList<>(byUrl.values());
    }
}
