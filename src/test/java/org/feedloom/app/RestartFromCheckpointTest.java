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
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.feedloom.store.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a run that stops writes its merge down, and the next one holds it again instead of merging everything
 * stored (nothing re-merges the whole archive in normal operation): the same catalog a merge gives, and a merge
 * whenever the checkpoint cannot be trusted (none left, the seeds edited meanwhile).
 */
class RestartFromCheckpointTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ArticleStore.Retention KEEP = new ArticleStore.Retention(10_000, 10_000);

    @TempDir Path dir;

    @Test
    void aRestart_holdsTheLastRunsMergeAgain_intoTheCatalogAMergeOfEverythingStoredGives() throws Exception {
        Folder folder = folder(3);
        Catalog first;
        try (Pipeline run = folder.open()) {
            assertEquals(0, run.restored(), "a new store: nothing to hold again");
            fill(run, folder.config().sources(), new Random(5));
            first = run.rebuilder.rebuildNow();
        }
        assertTrue(first.all().size() > 300, "articles: " + first.all().size());
        assertTrue(first.all().stream().anyMatch(a -> a.aliases().size() > 1), "articles of several items");
        assertTrue(first.all().stream().anyMatch(a -> a.related().stream().anyMatch(l -> l.title() != null
                && l.title().startsWith("Story "))), "related links showing the story's article");

        Catalog restored;
        try (Pipeline run = folder.open()) {
            assertEquals(first.all().size(), run.restored(), "every article held again, none merged");
            restored = run.catalog();
        }
        assertEquals(first.all(), restored.all());
        assertEquals(first.topics(), restored.topics());

        try (SqliteStore store = SqliteStore.open(folder.data().resolve(Pipeline.DB_FILE))) {
            assertTrue(store.takeCheckpoint("another build").isEmpty(), "(taken away: the next run must merge)");
        }
        try (Pipeline run = folder.open()) {
            assertEquals(0, run.restored(), "no checkpoint: everything merged");
            assertEquals(restored.all(), run.catalog().all(), "the merge gives what was held again");
        }
    }

    @Test
    void aCheckpoint_isTakenAtTheStart_soARunThatDoesNotStopCleanlyLeavesNone() throws Exception {
        Folder folder = folder(1);
        firstRun(folder, 6);
        try (Pipeline running = folder.open()) {
            assertTrue(running.restored() > 0);
            // another run starting while this one has not stopped (as after it was killed) finds no checkpoint
            try (Pipeline next = folder.open()) {
                assertEquals(0, next.restored());
                assertEquals(running.catalog().all(), next.catalog().all());
            }
        }
    }

    /** A checkpoint damaged while stopped (a row unreadable, an article's row gone) is not trusted: all is merged. */
    @Test
    void aDamagedCheckpoint_isNotTrusted_everythingStoredIsMergedIntoTheSameCatalog() throws Exception {
        Folder folder = folder(2);
        firstRun(folder, 8);
        for (String damage : List.of("UPDATE merge_checkpoint_article SET members = X'00' WHERE position = 3",
                "DELETE FROM merge_checkpoint_article WHERE position = 5")) {
            Catalog before;
            try (Pipeline run = folder.open()) {
                before = run.catalog(); // held again or merged: its stop writes the checkpoint anew
            }
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                    + folder.data().resolve(Pipeline.DB_FILE)); java.sql.Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate(damage), damage);
            }
            try (Pipeline run = folder.open()) {
                assertEquals(0, run.restored(), damage);
                assertEquals(before.all(), run.catalog().all(), damage);
            }
        }
    }

    @Test
    void seedsEditedWhileStopped_areMerged_notHeldAsTheLastRunMergedThem() throws Exception {
        Folder folder = folder(1);
        firstRun(folder, 7);
        Path seed;
        try (Stream<Path> files = Files.list(folder.seeds())) {
            seed = files.sorted().findFirst().orElseThrow();
        }
        String text = Files.readString(seed);
        Files.writeString(seed, text.replaceFirst("(?m)^title: .*$", "title: \"An edited title\""));
        try (Pipeline run = folder.open()) {
            assertEquals(0, run.restored(), "the seeds are not those the checkpoint was written of");
            assertTrue(run.catalog().all().stream().anyMatch(a -> a.title().equals("An edited title")));
        }
    }

    /** A configuration of some sources, a copy of the seeds and a data folder, new: what a Feedloom runs on. */
    private record Folder(FeedloomConfig config, Path seeds, Path data) {
        Pipeline open() {
            return Pipeline.open(config, seeds, data, CLOCK, Rebuilder.Listener.NONE);
        }
    }

    private Folder folder(int sources) throws Exception {
        return new Folder(config(sources), seedsCopy(), dir.resolve("data"));
    }

    /** A run on a new store that fetches each source once (random {@code seed}) and stops: its checkpoint is kept. */
    private static void firstRun(Folder folder, long seed) {
        try (Pipeline run = folder.open()) {
            fill(run, folder.config().sources(), new Random(seed));
            run.rebuilder.rebuildNow();
        }
    }

    private FeedloomConfig config(int sources) throws Exception {
        Path configDir = Files.createDirectories(dir.resolve("config"));
        StringBuilder yaml = new StringBuilder("site:\n  title: Test\ntopics:\n  - name: Bridges\n"
                + "    keywords: [bridge]\nsources:\n");
        for (int s = 0; s < sources; s++) {
            yaml.append("  - url: http://127.0.0.1:9/feed-").append(s).append(".xml\n    name: s").append(s)
                    .append('\n');
        }
        Files.writeString(configDir.resolve("feedloom.yaml"), yaml.toString());
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
     * sources share (articles of several items), some naming another story as related; then sets them for a rebuild.
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
            List<Item> stored = run.store.commitBatch(List.of(SourceWrite.fetched(SourceState.pending(source.id(),
                    source.url()), dedupe(items), KEEP, CLOCK.instant()))).get(0);
            run.aggregator.setSourceItems(source.id(), stored);
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
