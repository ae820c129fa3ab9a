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
            published = Catalogs.held(first.catalog());
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

    /**
     * Issue 14: Feedloom embedded in a program fetches on a shared store as serve does, under leases: a source
     * another instance is fetching now is left to it, the others are fetched and their leases end with the commit.
     */
    @Test
    void embedded_onASharedStore_leavesASourceAnotherInstanceHolds() throws Exception {
        String storeUrl = PostgresServer.get().freshSchema();
        try (UpstreamFeed held = UpstreamFeed.start(UpstreamFeed.rss("Held", UpstreamFeed.item("One",
                     "https://held.example/1", "Mon, 01 Jun 2026 10:00:00 GMT", "x")), true);
             UpstreamFeed free = UpstreamFeed.start(UpstreamFeed.rss("Free", UpstreamFeed.item("Two",
                     "https://free.example/2", "Mon, 01 Jun 2026 11:00:00 GMT", "y")), true)) {
            Path configDir = Files.createDirectories(dir.resolve("config"));
            Files.writeString(configDir.resolve("feedloom.yaml"), "store:\n  url: " + storeUrl + "\nsources:\n"
                    + "  - name: held\n    url: " + held.url() + "\n  - name: free\n    url: " + free.url() + "\n");
            try (PostgresStore other = PostgresStore.open(storeUrl, null, java.time.Clock.systemUTC())) {
                assertEquals(org.feedloom.store.Coordination.Claim.Outcome.CLAIMED, other.claim("held", held.url(),
                        java.time.Instant.now(), java.time.Duration.ofMinutes(5), false).outcome());
                try (Main.Embedded feedloom = Main.embed(configDir, dir.resolve("seeds"), dir.resolve("data"))) {
                    feedloom.refreshAll();
                    var links = feedloom.catalog().all().stream().map(a -> a.url()).toList();
                    assertTrue(links.contains("https://free.example/2"), links.toString());
                    assertFalse(links.contains("https://held.example/1"), "left to the instance holding it: " + links);
                }
                assertEquals(org.feedloom.store.Coordination.Claim.Outcome.CLAIMED, other.claim("free", free.url(),
                        java.time.Instant.now(), java.time.Duration.ofMinutes(5), false).outcome(),
                        "the commit ended the embedded instance's lease");
            }
        }
    }
}
