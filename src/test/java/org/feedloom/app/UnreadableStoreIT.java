package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose store cannot be read for a while (a lost connection, a failing disk) serves what it can and comes
 * back to the rest once the store reads again.
 */
class UnreadableStoreIT {
    private static final String SOURCE = "harbour-news";
    private static final String DATE = "Sun, 06 Dec 2026 08:00:00 GMT";

    @TempDir Path dir;
    @AutoClose
    private UpstreamFeed upstream;
    @AutoClose
    private RunningFeedloom server;

    /**
     * A restart whose store cannot be read once it serves the last run's pages serves them, reads the store again
     * until it can, then merges what is stored and fetches as usual. Before, one failed read left the server serving
     * the last run's pages without ever fetching again until it was restarted.
     */
    @Test
    void aStoreUnreadableAtStart_isReadAgainUntilItCanBe_thenMergedAndFetched() throws Exception {
        upstream = UpstreamFeed.start(feed(3), true);
        Path config = config();
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

    /** The configuration of one source, the upstream feed. */
    private Path config() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"),
                "sources:\n  - name: Harbour News\n    url: " + upstream.url() + "\n");
        return config;
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

    /**
     * A page not rendered yet whose texts the store cannot read just now answers 503 with {@code Retry-After}, so that
     * feed readers come back later, instead of 500 "internal error"; once the store reads again, the page is served.
     */
    @Test
    void aPageWhoseTextsCannotBeRead_answers503WithRetryAfter_thenIsServedOnceTheyCan() throws Exception {
        upstream = UpstreamFeed.start(feed(3), true);
        Path config = config();
        Path data = dir.resolve("data");
        server = RunningFeedloom.start(config, Files.createDirectories(dir.resolve("seeds")), data);
        RunningFeedloom.waitUntil("the fetch published, its texts let go to the store",
                () -> server.catalog().all().size() == 3
                        && server.server.aggregator().shown().stream()
                                .noneMatch(a -> a.body() != null && a.body().held()));

        texts(data.resolve(Pipeline.DB_FILE), "away_"); // the feed not rendered yet: its texts are read for it
        HttpResponse<String> unavailable = server.request("/feeds/all.xml");
        assertEquals(503, unavailable.statusCode(), unavailable.body());
        assertEquals("30", unavailable.headers().firstValue("Retry-After").orElse(null));
        assertEquals("unavailable just now; try again later\n", unavailable.body());

        texts(data.resolve(Pipeline.DB_FILE), "");
        HttpResponse<String> served = server.request("/feeds/all.xml");
        assertEquals(200, served.statusCode());
        assertTrue(served.body().contains("of the harbour's news"), served.body());
    }

    /** Renames the items' excerpt and content columns to {@code prefix} + their names, from whatever they are. */
    private static void texts(Path db, String prefix) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String column : List.of("excerpt", "content")) {
                String from = prefix.isEmpty() ? "away_" + column : column;
                s.execute("ALTER TABLE item RENAME COLUMN " + from + " TO " + prefix + column);
            }
        }
    }
}
