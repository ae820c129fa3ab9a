package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: the merged archive lives in the store, so a restart shows what the last run merged without merging
 * everything stored again (nothing re-merges the whole archive in normal operation): the same catalog; what changed
 * while it was stopped (the seeds edited, the fold rule) is merged, so the catalog is what a merge of everything
 * gives.
 */
class RestartTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ArticleStore.Retention KEEP = new ArticleStore.Retention(10_000, 10_000);

    @TempDir Path dir;

    @Test
    void aRestart_showsTheArchiveTheLastRunMerged() throws Exception {
        Folder folder = folder(3, "");
        Catalog first;
        try (Pipeline run = folder.open()) {
            fill(run, folder.config().sources(), new Random(5));
            first = Catalogs.held(run.rebuilder.rebuildNow());
        }
        assertTrue(first.all().size() > 300, "articles: " + first.all().size());
        assertTrue(first.all().stream().anyMatch(a -> a.aliases().size() > 1), "articles of several items");
        assertTrue(first.all().stream().anyMatch(a -> a.related().stream().anyMatch(l -> l.title() != null
                && l.title().startsWith("Story "))), "related links showing the story's article");

        try (Pipeline run = folder.open()) {
            assertEquals(first.all(), run.catalog().all());
            assertEquals(first.topics(), run.catalog().topics());
        }
    }

    @Test
    void seedsEditedWhileStopped_areMerged() throws Exception {
        Folder folder = folder(1, "");
        firstRun(folder, 7);
        Path seed;
        try (Stream<Path> files = Files.list(folder.seeds())) {
            seed = files.sorted().findFirst().orElseThrow();
        }
        String text = Files.readString(seed);
        String title = text.lines().filter(l -> l.startsWith("title: ")).findFirst().orElseThrow()
                .substring("title: ".length()).replace("\"", "");
        Files.writeString(seed, text.replaceFirst("(?m)^title: .*$", "title: \"An edited title\""));
        try (Pipeline run = folder.open()) {
            assertTrue(run.catalog().all().stream().anyMatch(a -> a.title().equals("An edited title")));
            assertTrue(run.catalog().all().stream().noneMatch(a -> a.title().equals(title)), title);
        }
    }

    /** A fold rule changed while stopped applies to the whole archive: it is merged again from scratch under it. */
    @Test
    void aFoldRuleChangedWhileStopped_mergesTheArchiveAgainUnderIt() throws Exception {
        Folder folder = folder(1, "");
        firstRun(folder, 3);
        Catalog before;
        try (Pipeline run = folder.open()) {
            before = Catalogs.held(run.catalog());
        }
        List<String> two = before.all().stream().filter(a -> a.origin() == Origin.FEED).limit(2)
                .map(Article::url).toList();
        Folder pinned = folder(1, "folding:\n  alwaysFold:\n    - [\"" + two.get(0) + "\", \"" + two.get(1) + "\"]\n");
        try (Pipeline run = pinned.open()) {
            assertEquals(before.all().size() - 1, run.catalog().all().size(), "two articles folded into one");
        }
        try (Pipeline run = folder.open()) {
            assertEquals(before.all(), run.catalog().all(), "and apart again under the rule before");
        }
    }

    /** A configuration of some sources, a copy of the seeds and a data folder, new: what a Feedloom runs on. */
    private record Folder(FeedloomConfig config, Path seeds, Path data) {
        Pipeline open() {
            return Pipeline.open(config, seeds, data, CLOCK, Rebuilder.Listener.NONE);
        }
    }

    private Folder folder(int sources, String moreYaml) throws Exception {
        Path seeds = dir.resolve("seeds");
        return new Folder(config(sources, moreYaml), Files.exists(seeds) ? seeds : seedsCopy(), dir.resolve("data"));
    }

    /** A run on a new store that fetches each source once (random {@code seed}) and stops. */
    private static void firstRun(Folder folder, long seed) {
        try (Pipeline run = folder.open()) {
            fill(run, folder.config().sources(), new Random(seed));
            run.rebuilder.rebuildNow();
        }
    }

    private FeedloomConfig config(int sources, String moreYaml) throws Exception {
        Path configDir = Files.createDirectories(dir.resolve("config"));
        StringBuilder yaml = new StringBuilder("site:\n  title: Test\ntopics:\n  - name: Bridges\n"
                + "    keywords: [bridge]\nsources:\n");
        for (int s = 0; s < sources; s++) {
            yaml.append("  - url: http://127.0.0.1:9/feed-").append(s).append(".xml\n    name: s").append(s)
                    .append('\n');
        }
        Files.writeString(configDir.resolve("feedloom.yaml"), yaml + moreYaml);
        return ConfigLoader.load(configDir).config();
    }

    private Path seedsCopy() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("seeds"));
        try (Stream<Path> files = Files.list(MainTest.seeds())) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    /**
     * Commits a fetch of each source: stories on a few hosts, under tracking and {@code www.} variants that several
     * sources share (articles of several items), some naming another story as related; merged for a rebuild.
     */
    private static void fill(Pipeline run, List<Source> sources, Random random) {
        for (Source source : sources) {
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                int story = random.nextInt(400);
                String url = (random.nextBoolean() ? "https://www." : "https://") + "gazette" + story % 5
                        + ".example/" + story + (random.nextInt(4) == 0 ? "?utm_source=feed" : "");
                List<Item> related = random.nextInt(6) == 0 ? List.of(mention(source, random.nextInt(400)))
                        : List.of();
                items.add(new Item(Origin.FEED, source.provenance(), List.of(url), "Story " + story
                        + (story % 7 == 0 ? " of the bridge" : ""), Body.of("Summary of story " + story + "."),
                        random.nextBoolean() ? null : Body.of("<p>The text of story " + story + ".</p>"),
                        CLOCK.instant().minusSeconds(3600L * story), null, null, List.of(), List.of(), List.of(),
                        related, null, null, SeedFacts.NONE, url, null));
            }
            run.merger.commit(List.of(SourceWrite.fetched(SourceState.pending(source.id(), source.url()),
                    dedupe(items), KEEP, CLOCK.instant())));
        }
    }

    /** A related mention of a story by its AMP link, untitled: the link shows the story's article's link and title. */
    private static Item mention(Source source, int story) {
        String url = "https://gazette" + story % 5 + ".example/" + story + "/amp/";
        return new Item(Origin.RELATED, source.provenance(), List.of(url), "", null, null, null,
                null, null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }

    /** One item a URL, as a feed lists them. */
    private static List<Item> dedupe(List<Item> items) {
        java.util.Map<String, Item> byUrl = new java.util.LinkedHashMap<>();
        items.forEach(item -> byUrl.putIfAbsent(item.urls().get(0), item));
        return List.copyOf(byUrl.values());
    }
}
