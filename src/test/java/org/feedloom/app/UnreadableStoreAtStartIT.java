package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart whose store cannot be read once it serves the last run's pages (a lost connection, a failing disk) serves
 * them, reads the store again until it can, then merges what is stored and fetches as usual. Before, one failed read
 * left the server serving the last run's pages without ever fetching again until it was restarted.
 */
class UnreadableStoreAtStartIT {
    private static final String SOURCE = "harbour-news";
    private static final String DATE = "Sun, 06 Dec 2026 08:00:00 GMT";

    @TempDir Path dir;
    private UpstreamFeed upstream;
    private RunningFeedloom server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void aStoreUnreadableAtStart_isReadAgainUntilItCanBe_thenMergedAndFetched() throws Exception {
        upstream = UpstreamFeed.start(feed(3), true);
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"),
                "sources:\n  - name: Harbour News\n    url: " + upstream.url() + "\n");
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Path data = dir.resolve("data");
        server = RunningFeedloom.start(config, seeds, data);
        RunningFeedloom.waitUntil("the first fetch published", () -> hasPosts(3));
        server.close();

        Path db = data.resolve(Pipeline.DB_FILE);
        sourceStatesUnreadable(db, true); // the last run's pages read; the sources' states do not
        server = RunningFeedloom.startListening(config, seeds, data);
        Thread.sleep(1_500); // its first read failed, and one after it
        assertTrue(hasPosts(3), "the last run's articles are served meanwhile");
        assertTrue(server.get("/healthz").contains("\"merging\":true"), "still to be read and merged");

        sourceStatesUnreadable(db, false);
        RunningFeedloom.waitUntil("read, merged and fetching", () -> server.get("/healthz")
                .contains("\"merging\":false") && server.status(SOURCE).contains("\"state\":\"ok\""));
        upstream.set(feed(4));
        assertTrue(server.server.live().refresh(SOURCE), "its sources are scheduled");
        RunningFeedloom.waitUntil("the new post published", () -> server.allHas(post(3)));
        assertTrue(hasPosts(4), () -> server.get("/feeds/all.xml"));
    }

    private boolean hasPosts(int n) {
        String all = server.get("/feeds/all.xml");
        for (int i = 0; i < n; i++) {
            if (!all.contains(post(i))) {
                return false;
            }
        }
        return true;
    }

    private static String post(int i) {
        return "https://harbour.example.org/2026/12/post-" + i;
    }

    private static String feed(int n) {
        List<String> items = new ArrayList<>();
        for (int i = n - 1; i >= 0; i--) {
            items.add(UpstreamFeed.item("Post " + i, post(i), DATE, "<p>Post " + i + " of the harbour's news.</p>"));
        }
        return UpstreamFeed.rss("Harbour News", String.join("", items));
    }

    /** Moves the sources' states aside (or back), so that reading the store for the start-up merge fails. */
    private static void sourceStatesUnreadable(Path db, boolean unreadable) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute(unreadable ? "ALTER TABLE source_state RENAME TO away_source_state"
                    : "ALTER TABLE away_source_state RENAME TO source_state");
        }
    }
}
