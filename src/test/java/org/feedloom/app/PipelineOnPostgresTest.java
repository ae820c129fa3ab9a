package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;
import org.feedloom.store.PostgresServer;
import org.feedloom.store.PostgresStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: {@code store.url} puts the store in a PostgreSQL database, which a second instance (another data
 * folder, the same URL) serves from at start-up as the first published it; without it, the SQLite file as before.
 */
class PipelineOnPostgresTest {
    @TempDir Path dir;

    FeedloomConfig config(String storeLines) throws Exception {
        Path configDir = Files.createDirectories(dir.resolve("config"));
        Files.writeString(configDir.resolve("feedloom.yaml"), "site:\n  title: Test\n  maxEntries: 2\n" + storeLines);
        var loaded = ConfigLoader.load(configDir);
        assertEquals(java.util.List.of(), loaded.problems());
        return loaded.config();
    }

    @Test
    void storeUrl_twoInstancesOnOneDatabase_theSecondServesWhatTheFirstPublished() throws Exception {
        FeedloomConfig config = config("store:\n  url: " + PostgresServer.get().freshSchema() + "\n");
        Catalog published;
        try (Pipeline first = Pipeline.open(config, MainTest.seeds(), dir.resolve("data-1"), PipelineTest.CLOCK,
                Rebuilder.Listener.NONE)) {
            assertTrue(first.store instanceof PostgresStore, first.store.toString());
            published = first.catalog();
        }
        assertFalse(Files.exists(dir.resolve("data-1").resolve(Pipeline.DB_FILE)), "no SQLite file");
        try (Pipeline second = Pipeline.openUnloaded(config, MainTest.seeds(), dir.resolve("data-2"),
                PipelineTest.CLOCK, Rebuilder.Listener.NONE, true)) {
            assertTrue(second.serveStored(), "the first instance's articles, from the database");
            for (Topic topic : published.topics()) {
                var all = published.articlesOf(topic.slug());
                assertEquals(all.subList(0, Math.min(2, all.size())),
                        second.catalog().articlesOf(topic.slug()).subList(0, Math.min(2, all.size())), topic.slug());
            }
            second.load();
            assertEquals(published.all(), second.catalog().all());
        }
    }

    @Test
    void noStoreUrl_isTheSqliteFileInTheDataFolder() throws Exception {
        try (Pipeline p = Pipeline.openUnloaded(config(""), MainTest.seeds(), dir.resolve("data"),
                PipelineTest.CLOCK, Rebuilder.Listener.NONE, true)) {
            assertTrue(Files.isRegularFile(dir.resolve("data").resolve(Pipeline.DB_FILE)));
            assertFalse(p.store instanceof PostgresStore);
        }
    }
}
