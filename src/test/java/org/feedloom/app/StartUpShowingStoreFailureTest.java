package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Source;
import org.feedloom.store.StoreException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/**
 * A restart whose showing of the stored archive the store fails (it reads the stored texts to assign topics and link
 * coverage) leaves what it had not shown waiting: the rebuilder shows it once the store can be read again, with
 * nothing fetched meanwhile, and a later fetch's rebuild publishes its new article beside the stored ones (the
 * stored ones never leave the feeds for a failed read).
 */
class StartUpShowingStoreFailureTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T09:00:00Z"), ZoneOffset.UTC);
    private static final HarbourNews HARBOUR = new HarbourNews(CLOCK);

    @TempDir Path dir;

    @Test
    void aStartUpShowingTheStoreFailed_isDoneOnceItCanRead_andALaterFetchKeepsTheStoredArticles() throws Exception {
        FeedloomConfig config = HarbourNews.config(dir);
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Path data = dir.resolve("data");
        Source source = config.sources().get(0);
        try (Pipeline first = Pipeline.open(config, seeds, data, CLOCK, Rebuilder.Listener.NONE)) {
            HARBOUR.fetched(first, source, HARBOUR.posts(0, 3));
            assertEquals(HarbourNews.links(0, 3), HarbourNews.links(first.rebuilder.rebuildNow().all()));
        }

        unreadableTexts(data.resolve(Pipeline.DB_FILE), true);
        forgetShowingRule(data.resolve(Pipeline.DB_FILE));
        try (Pipeline restart = Pipeline.openUnloaded(config, seeds, data, CLOCK, Rebuilder.Listener.NONE, true)) {
            restart.read();
            assertThrows(StoreException.class, restart::mergeRead);
            assertEquals(0, restart.catalog().all().size(), "nothing shown yet");

            unreadableTexts(data.resolve(Pipeline.DB_FILE), false);
            RunningFeedloom.waitUntil("the stored archive shown, nothing fetched since",
                    () -> !restart.aggregator.changesWaiting() && !restart.rebuilder.pending()
                            && restart.catalog().all().size() == 3);
            assertEquals(HarbourNews.links(0, 3), HarbourNews.links(restart.catalog().all()));

            HARBOUR.fetched(restart, source, HARBOUR.posts(0, 4)); // the feed's next fetch: one post more
            assertEquals(HarbourNews.links(0, 4), HarbourNews.links(restart.rebuilder.rebuildNow().all()),
                    "the stored posts beside the new one");
        }
    }

    /**
     * Takes away the showing rule the last sync kept, as in a store an earlier version synced: the restart shows
     * every stored article again (it would show only what was merged since that sync under the same rule).
     */
    private static void forgetShowingRule(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("DELETE FROM show_rule");
        }
    }

    /**
     * Makes the stored texts unreadable (or readable again): the items' excerpt and content columns, and what the
     * store kept of their readings, moved aside, as a failing disk or a lost connection fails a read. The rest of the
     * store reads as before, so the restart gets as far as its merge.
     */
    private static void unreadableTexts(Path db, boolean unreadable) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String column : List.of("excerpt", "content")) {
                s.execute(unreadable ? "ALTER TABLE item RENAME COLUMN " + column + " TO away_" + column
                        : "ALTER TABLE item RENAME COLUMN away_" + column + " TO " + column);
            }
            for (String table : List.of("story_terms", "topic_reading")) {
                s.execute(unreadable ? "ALTER TABLE " + table + " RENAME TO away_" + table
                        : "ALTER TABLE away_" + table + " RENAME TO " + table);
            }
        }
    }
}
