package org.feedloom.app;

import static org.feedloom.app.HarbourNews.links;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Source;
import org.feedloom.store.StoreException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart on a filled store fetches while it reads the stored archive back for the showing
 * ({@link Pipeline#readInputs}, then {@link Pipeline#readBack}, rebuilds {@link Rebuilder#hold held} back in
 * between, as {@code serve} runs them): the first rebuild after the read-back shows the stored articles and what was
 * fetched meanwhile, and no rebuild before it publishes the fetched articles alone or syncs them over the stored
 * articles snapshot, not even the pending one a close runs.
 */
class FetchWhileReadingBackTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);
    private static final HarbourNews HARBOUR = new HarbourNews(CLOCK);

    @TempDir Path dir;
    FeedloomConfig config;
    Path seeds;
    Path data;
    Source source;

    /** A store whose merged archive and articles snapshot hold posts 0 to 2 of the source. */
    @BeforeEach
    void filled() throws Exception {
        config = HarbourNews.config(dir);
        seeds = Files.createDirectories(dir.resolve("seeds"));
        data = dir.resolve("data");
        source = config.sources().get(0);
        try (Pipeline first = Pipeline.open(config, seeds, data, CLOCK, Rebuilder.Listener.NONE)) {
            HARBOUR.fetched(first, source, HARBOUR.posts(0, 3));
            assertEquals(links(0, 3), links(first.rebuilder.rebuildNow().all()));
            assertEquals(links(0, 3), links(first.store.newestArticles(50)));
        }
    }

    @Test
    void aFetchDuringTheReadBack_isShownWithTheStoredArchive_byTheFirstRebuild() throws Exception {
        try (Pipeline restart = Pipeline.openUnloaded(config, seeds, data, CLOCK, Rebuilder.Listener.NONE, true)) {
            restart.readInputs();
            restart.rebuilder.hold();
            HARBOUR.fetched(restart, source, HARBOUR.posts(0, 4)); // the first fetch after the restart: a post more
            restart.readBack();
            assertEquals(links(0, 4), links(restart.rebuilder.rebuildNow().all()),
                    "the stored posts beside the one fetched while they were read back");
            restart.rebuilder.release();

            HARBOUR.fetched(restart, source, HARBOUR.posts(0, 5)); // a later fetch: rebuilt in the background again
            RunningFeedloom.waitUntil("the later fetch shown and synced", () -> restart.catalog().all().size() == 5
                    && !restart.rebuilder.pending() && restart.store.newestArticles(50).size() == 5);
            assertEquals(links(0, 5), links(restart.catalog().all()));
        }
    }

    /**
     * A read-back the store fails (its articles' rows unreadable for a while, as a failing disk fails a read) is
     * tried again, and the first rebuild after the one that passed shows the stored archive and the fetch committed
     * meanwhile.
     */
    @Test
    void aReadBackTheStoreFails_isTriedAgain_andTheFirstRebuildShowsTheWholeArchive() throws Exception {
        try (Pipeline restart = Pipeline.openUnloaded(config, seeds, data, CLOCK, Rebuilder.Listener.NONE, true)) {
            restart.readInputs();
            restart.rebuilder.hold();
            HARBOUR.fetched(restart, source, HARBOUR.posts(0, 4));
            unreadableArticles(true);
            assertThrows(StoreException.class, restart::readBack);
            unreadableArticles(false);
            restart.readBack();
            assertEquals(links(0, 4), links(restart.rebuilder.rebuildNow().all()));
            restart.rebuilder.release();
        }
    }

    /** Makes the merged articles' rows unreadable (or readable again): a column of theirs renamed. */
    private void unreadableArticles(boolean unreadable) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Pipeline.DB_FILE));
             Statement s = c.createStatement()) {
            s.execute(unreadable ? "ALTER TABLE merged_article RENAME COLUMN alias_keys TO away_alias_keys"
                    : "ALTER TABLE merged_article RENAME COLUMN away_alias_keys TO alias_keys");
        }
    }

    @Test
    void heldRebuilds_neverSyncTheFetchedArticlesAloneOverTheSnapshot_notEvenAtClose() {
        try (Pipeline restart = Pipeline.openUnloaded(config, seeds, data, CLOCK, Rebuilder.Listener.NONE, true)) {
            restart.readInputs();
            restart.rebuilder.hold();
            HARBOUR.fetched(restart, source, HARBOUR.posts(0, 4));
            restart.rebuilder.request(); // as a configuration reload or a peer's change asks
            // and the server stops before the read-back
        }
        try (Pipeline next = Pipeline.openUnloaded(config, seeds, data, CLOCK, Rebuilder.Listener.NONE, true)) {
            assertEquals(links(0, 3), links(next.store.newestArticles(50)),
                    "the snapshot the last showing synced, not the fetched post alone");
            next.load();
            assertEquals(links(0, 4), links(next.catalog().all()), "the next start shows what was committed");
        }
    }
}
