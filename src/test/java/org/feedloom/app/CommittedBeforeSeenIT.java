package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, one writer: Feedloom serving for real, a loopback feed, and another connection holding the database
 * file's write lock, so the writer's commit of a fetch cannot finish. Until it does, {@code /status} and the feeds
 * show the source as it was: nothing seen is uncommitted.
 */
class CommittedBeforeSeenIT {
    static final String FIRST = "<item><title>First</title><link>https://news.example.org/first</link></item>";
    static final String SECOND = "<item><title>Second</title><link>https://news.example.org/second</link></item>";

    @TempDir Path dir;
    @AutoClose
    UpstreamFeed upstream;
    @AutoClose
    RunningFeedloom server;

    @Test
    void statusAndFeedsShowAFetch_onlyOnceItsBatchIsCommitted() throws Exception {
        upstream = UpstreamFeed.start(LiveSourcesIT.rss(FIRST), true);
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"),
                "sources:\n  - name: Loopback News\n    url: " + upstream.url() + "\n    interval: 1h\n");
        server = RunningFeedloom.start(config, MainTest.seeds(), dir.resolve("data"));
        RunningFeedloom.waitUntil("the first fetch is published", () -> server.allHas("https://news.example.org/first")
                && server.status("loopback-news").contains("\"items\":1,"));
        String before = server.status("loopback-news");
        StoreWriter writer = server.server.writer();

        upstream.set(LiveSourcesIT.rss(SECOND + FIRST));
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("data").resolve(Pipeline.DB_FILE).toAbsolutePath());
             Statement s = lock.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("BEGIN IMMEDIATE");
            long handed = writer.handed();
            assertTrue(server.server.live().refresh("loopback-news"));
            RunningFeedloom.waitUntil("the writer has taken the fetch and waits for the file",
                    () -> writer.handed() > handed && writer.queued() == 0);

            assertEquals(before, server.status("loopback-news"), "the status is the committed one");
            assertFalse(server.allHas("https://news.example.org/second"), "the feeds have only what is committed");
            s.execute("COMMIT");
        }
        RunningFeedloom.waitUntil("the second fetch is published", () -> server.allHas("https://news.example.org/second")
                && server.status("loopback-news").contains("\"items\":2,"));
    }
}
