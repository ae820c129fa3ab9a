package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.feedloom.model.SourceState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live path end to end: a real upstream feed server on loopback, Feedloom serving on another port with a real
 * SQLite store in a temp folder, the repository's seed articles, and a config folder the test writes.
 */
class LiveSourcesIT {
    static final String SEED_URL = "https://thenextweb.com/news/why-facial-expression-recognition-ai-is-total-scam";
    static final String TOPICS = """
            topics:
              - name: AI
                keywords: [machine learning]
            """;

    @TempDir Path dir;
    HttpServer upstream;
    final AtomicReference<String> feedBody = new AtomicReference<>();
    final AtomicInteger status = new AtomicInteger(200);
    final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    RunningFeedloom server;

    @BeforeEach
    void startUpstream() throws Exception {
        feedBody.set(rss("""
                <item><title>Facial expression AI is a scam (AMP)</title>
                  <link>https://amp.thenextweb.com/news/why-facial-expression-recognition-ai-is-total-scam/amp?utm_source=rss&amp;utm_medium=feed</link>
                  <author>editor@thenextweb.com (Tristan Greene)</author>
                  <description>Live summary.</description></item>
                <item><title>A new machine learning robot</title><link>https://news.example.org/robot</link>
                  <pubDate>Sun, 22 Nov 2026 08:00:00 GMT</pubDate></item>
                """));
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/feed.xml", ex -> {
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            ifNoneMatch.add(String.valueOf(inm));
            String body = feedBody.get();
            String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
            ex.getResponseHeaders().add("ETag", etag);
            if (status.get() != 200) {
                ex.sendResponseHeaders(status.get(), -1);
            } else if (etag.equals(inm)) {
                ex.sendResponseHeaders(304, -1);
            } else {
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
            }
            ex.close();
        });
        upstream.createContext("/plain", ex -> {
            byte[] bytes = rss("<item><title>Plain</title><link>https://news.example.org/plain</link></item>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        upstream.createContext("/oops", ex -> {
            byte[] bytes = "<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        upstream.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        upstream.stop(0);
    }

    static String rss(String items) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loopback News</title>"
                + "<link>https://news.example.org/</link><description>d</description>" + items + "</channel></rss>";
    }

    String feedUrl() {
        return "http://127.0.0.1:" + upstream.getAddress().getPort() + "/feed.xml";
    }

    String sourceYaml() {
        return "sources:\n  - name: Loopback News\n    url: " + feedUrl() + "\n    interval: 1m\n";
    }

    Path config(String... files) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), TOPICS);
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(config.resolve(files[i]), files[i + 1]);
        }
        return config;
    }

    RunningFeedloom start(Path config) throws Exception {
        server = RunningFeedloom.start(config, MainTest.seeds(), dir.resolve("data"));
        return server;
    }

    Feed atom(String slug) throws Exception {
        return server.atom(slug);
    }

    boolean allHas(String link) {
        return server.allHas(link);
    }

    String status(String sourceId) {
        return server.status(sourceId);
    }

    String get(String path) {
        return server.get(path);
    }

    @Test
    void liveVariantOfASeed_enrichesTheSeedsEntry_andLiveOnlyItemsGetTheirOwnEntryWithAtomSource() throws Exception {
        start(config("sources.yaml", sourceYaml()));
        String seedId = RunningFeedloom.byLink(atom("ai")).get(SEED_URL).getId();
        waitUntil("the live item is published", () -> allHas("https://news.example.org/robot"));

        Map<String, Entry> ai = RunningFeedloom.byLink(atom("ai"));
        // 5 seeds in AI, plus the robot (keyword "machine learning"); the AMP variant is the seed's own entry
        assertEquals(6, ai.size(), ai.keySet().toString());
        Entry seed = ai.get(SEED_URL);
        assertEquals(seedId, seed.getId(), "the entry id does not change when a live item merges in");
        assertEquals("Why ‘facial expression recognition’ AI is a total scam", seed.getTitle(), "the seed's title wins");
        Entry robot = ai.get("https://news.example.org/robot");
        assertNotNull(robot.getSource(), "a live entry names the feed it came from (atom:source)");
        assertEquals("Loopback News", robot.getSource().getTitle());
        assertEquals(19, RunningFeedloom.byLink(atom("all")).size(), "18 seed articles + 1 live-only article, nothing twice");
    }

    @Test
    void secondFetch_isConditional_andTheStatusSaysNotModified() throws Exception {
        start(config("sources.yaml", sourceYaml()));
        waitUntil("the first fetch is published", () -> status("loopback-news").contains("\"state\":\"ok\"")
                && allHas("https://news.example.org/robot"));
        assertTrue(server.server.live().refresh("loopback-news"));
        waitUntil("the second fetch", () -> status("loopback-news").contains("\"state\":\"not-modified\""));
        assertEquals("null", ifNoneMatch.get(0));
        assertTrue(ifNoneMatch.get(1).startsWith("\""), "the stored ETag is sent back: " + ifNoneMatch);
        assertTrue(allHas("https://news.example.org/robot"), "a 304 keeps the articles");
    }

    @Test
    void failingSource_isAnErrorInTheStatus_whileFeedsKeepServing() throws Exception {
        status.set(500);
        start(config("sources.yaml", sourceYaml()));
        waitUntil("the failure is recorded", () -> status("loopback-news").contains("\"state\":\"error\""));
        String s = status("loopback-news");
        assertTrue(s.contains("\"httpStatus\":500") && s.contains("\"error\":\"fetch: HTTP 500"), s);
        assertEquals(5, atom("ai").getEntries().size());
        assertTrue(get("/status.html").contains("fetch: HTTP 500"));
    }

    @Test
    void siteSource_isDiscovered_andDiscoveredAgainAfterItsFeedFailsThreeTimes() throws Exception {
        AtomicReference<String> feedPath = new AtomicReference<>("/feed.xml");
        upstream.createContext("/home", ex -> {
            byte[] page = ("<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"" + feedPath.get()
                    + "\"></head><body>Home</body></html>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        upstream.createContext("/moved.xml", ex -> {
            byte[] bytes = rss("<item><title>Moved</title><link>https://news.example.org/moved</link></item>")
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        String home = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/home";
        start(config("sources.yaml", "sources:\n  - name: Site\n    site: " + home + "\n"));
        waitUntil("the site's feed is discovered and fetched", () -> status("site").contains("\"state\":\"ok\""));
        assertTrue(status("site").contains("\"feedUrl\":\"" + feedUrl() + "\""), status("site"));

        feedPath.set("/moved.xml"); // the site moves its feed; the old one now fails
        status.set(404);
        for (int attempt = 1; attempt <= SourceRefresher.REDISCOVER_AFTER; attempt++) {
            int n = attempt;
            assertTrue(server.server.live().refresh("site"));
            waitUntil("failure " + n, () -> status("site").contains("\"failures\":" + n + ","));
        }
        assertTrue(status("site").contains("\"feedUrl\":null"), "the discovered URL is forgotten: " + status("site"));
        assertTrue(server.server.live().refresh("site"));
        waitUntil("the moved feed is found", () -> allHas("https://news.example.org/moved"));
        assertTrue(status("site").contains("/moved.xml") && status("site").contains("\"state\":\"ok\""), status("site"));
    }

    @Test
    void wrongContentType_aFeedSentAsTextPlainIsRead_andAnHtmlErrorPageIsAParseError() throws Exception {
        String base = "http://127.0.0.1:" + upstream.getAddress().getPort();
        start(config("sources.yaml", "sources:\n  - name: Plain\n    url: " + base + "/plain\n"
                + "  - name: Oops\n    url: " + base + "/oops\n"));
        waitUntil("both sources tried, the plain one published", () -> status("plain").contains("\"state\":\"ok\"")
                && status("oops").contains("\"state\":\"error\"") && allHas("https://news.example.org/plain"));
        assertTrue(allHas("https://news.example.org/plain"));
        assertTrue(status("oops").contains("\"httpStatus\":200") && status("oops").contains("parse: not a feed"),
                status("oops"));
        assertEquals(18 + 1, atom("all").getEntries().size(), "the HTML page added nothing");
    }

    @Test
    void hotReload_aSourceAddedWhileServingIsFetched_andAnInvalidChangeKeepsTheLastGoodConfig() throws Exception {
        Path config = config();
        start(config);
        assertEquals(18, atom("all").getEntries().size());
        Files.writeString(config.resolve("extra.yaml"), sourceYaml());
        waitUntil("the added source's items appear", () -> allHas("https://news.example.org/robot"));
        Files.writeString(config.resolve("extra.yaml"), sourceYaml() + "    colour: blue\n");
        waitUntil("the invalid file is read and refused", () -> server.server.watcher().refusedChanges() == 1);
        assertTrue(status("loopback-news").contains("loopback-news"), "the last good config stays in force");
        assertTrue(allHas("https://news.example.org/robot"));
        Files.delete(config.resolve("extra.yaml"));
        waitUntil("the removed source's items leave the feeds", () -> !allHas("https://news.example.org/robot"));
    }

    @Test
    void restart_bringsBackLiveArticlesWithTheSameIds_andTheSourceState_evenWhenTheUpstreamIsGone() throws Exception {
        Path config = config("sources.yaml", sourceYaml());
        start(config);
        waitUntil("the live item is published", () -> allHas("https://news.example.org/robot"));
        waitUntil("the state is ok", () -> status("loopback-news").contains("\"state\":\"ok\""));
        Map<String, String> ids = RunningFeedloom.ids(atom("all"));
        String lastSuccess = field(status("loopback-news"), "lastSuccess");
        server.close();
        upstream.stop(0);

        start(config);
        assertEquals(ids, RunningFeedloom.ids(atom("all")), "every article back, under the same id");
        assertEquals(lastSuccess, field(status("loopback-news"), "lastSuccess"));
    }

    /**
     * A restarted server schedules its sources once the store is read back, while the stored archive is merged: the
     * first request is conditional on the validators the store kept, and what it brings is published beside what
     * was stored.
     */
    @Test
    void restart_fetchesConditionally_andPublishesWhatChanged_besideWhatWasStored() throws Exception {
        Path config = config("sources.yaml", sourceYaml());
        start(config);
        waitUntil("the live item is published", () -> allHas("https://news.example.org/robot"));
        waitUntil("the state is ok", () -> status("loopback-news").contains("\"state\":\"ok\""));
        String before = feedBody.get();
        String etag = "\"" + Integer.toHexString(before.hashCode()) + "\"";
        server.close();
        ifNoneMatch.clear();
        feedBody.set(before.replace("</channel>", "<item><title>A second robot</title>"
                + "<link>https://news.example.org/second</link></item></channel>"));

        start(config);
        waitUntil("the source is refreshed (not due yet by its interval)", () -> server.server.live().refresh(
                "loopback-news"));
        waitUntil("the new item is published", () -> allHas("https://news.example.org/second"));
        assertEquals(etag, ifNoneMatch.get(0), "the first request after the restart carries the stored validator");
        assertTrue(allHas("https://news.example.org/robot"), "the stored live article stays");
        assertTrue(allHas(SEED_URL), "the seed article stays");
    }

    /**
     * {@code "merging": false} on {@code /healthz} and {@code /status} is the sign that a restart's counts are whole,
     * as clients use it: every answer that says so counts every stored article, from the first request on, even when
     * the articles snapshot lags the stored items (as after a kill between a commit and the next rebuild's sync).
     */
    @Test
    void restart_saysMergingUntilEverythingStoredIsMerged_andThenCountsEverything() throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            items.append("<item><title>Stored story ").append(i).append("</title><link>https://news.example.org/s/")
                    .append(i).append("</link><description>Story ").append(i).append(" as stored.</description></item>");
        }
        feedBody.set(rss(items.toString()));
        Path config = config("sources.yaml", sourceYaml());
        start(config);
        waitUntil("every live item is published", () -> articles(get("/healthz")) >= 300);
        int whole = articles(get("/healthz"));
        server.close();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("data").resolve(Pipeline.DB_FILE));
             java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            s.executeUpdate("DELETE FROM article WHERE url LIKE 'https://news.example.org/s/1%'"); // 111 of them

        }

        server = RunningFeedloom.startListening(config, MainTest.seeds(), dir.resolve("data"));
        List<String> answers = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        do {
            answers.add(get("/healthz"));
            answers.add(get("/status"));
        } while (!answers.get(answers.size() - 1).contains("\"merging\":false") && System.nanoTime() < deadline);
        server.server.awaitLoaded();
        assertFalse(server.server.merging());
        for (String answer : answers) {
            if (answer.contains("\"merging\":false")) {
                assertEquals(whole, articles(answer), answer);
            } else {
                assertTrue(answer.contains("\"merging\":true"), answer);
                assertTrue(articles(answer) <= whole, answer);
            }
        }
        assertEquals(whole, articles(get("/healthz")));
    }

    static int articles(String json) {
        return Integer.parseInt(field(json, "articles").replaceAll("\\D", ""));
    }

    @Test
    void restart_aRemovedSeedFileTakesItsArticleAway_unlessALiveSourceAlsoHasIt() throws Exception {
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        try (var files = Files.list(MainTest.seeds())) {
            for (Path f : files.toList()) {
                Files.copy(f, seeds.resolve(f.getFileName()));
            }
        }
        Path config = config("sources.yaml", sourceYaml());
        server = RunningFeedloom.start(config, seeds, dir.resolve("data"));
        waitUntil("the live items are stored", () -> allHas("https://news.example.org/robot"));
        String theConversation = "https://thenextweb.com/news/heres-why-we-should-never-trust-ai-to-identify-our-emotions-syndication";
        assertTrue(allHas(theConversation));
        server.close();
        // 000 is also carried (as an AMP variant) by the live source; 004 is a seed only
        Files.delete(seeds.resolve("000_4269faadb3825ad2.txt"));
        Files.delete(seeds.resolve("004_10ba942a789541d2.txt"));
        upstream.stop(0);

        server = RunningFeedloom.start(config, seeds, dir.resolve("data"));
        assertTrue(!allHas(theConversation), "seed 004's article left with its file");
        Map<String, Entry> ai = RunningFeedloom.byLink(atom("all"));
        assertTrue(ai.keySet().stream().anyMatch(u -> u.contains("why-facial-expression-recognition-ai-is-total-scam")),
                "seed 000's article stays: the live source still has it " + ai.keySet());
    }

    @Test
    void export_fetchesEverySourceOnce_writesTheSite_andSummarises() throws Exception {
        Path config = config("sources.yaml", sourceYaml());
        Path site = dir.resolve("site");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"export", "--config", config.toString(), "--seeds",
                MainTest.seeds().toString(), "--data", dir.resolve("data").toString(), "--out", site.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed + err);
        assertTrue(printed.contains("ok           loopback-news            2 items (2 new)"), printed);
        assertTrue(printed.contains("sources: 1 ok, 0 failed; 19 articles in"), printed);
        assertTrue(Files.readString(site.resolve("feeds/all.xml")).contains("https://news.example.org/robot"));
        assertTrue(Files.exists(site.resolve("feeds/index.opml")) && Files.exists(site.resolve("index.html")));
    }

    @Test
    void embed_refreshAll_fetchesEverySource_andRebuildsOnlyWhenItemsChanged() throws Exception {
        Path config = config("sources.yaml", sourceYaml());
        try (Main.Embedded feedloom = Main.embed(config, MainTest.seeds(), dir.resolve("data"))) {
            int seedArticles = feedloom.catalog().all().size();
            Main.Cycle first = feedloom.refreshAll();
            assertEquals(List.of(SourceState.Status.OK), first.states().stream().map(SourceState::status).toList());
            assertTrue(first.changed());
            assertEquals(seedArticles + 1, first.catalog().all().size(), "the robot is new; the AMP link is a seed's");
            assertSame(first.catalog(), feedloom.catalog());

            Main.Cycle second = feedloom.refreshAll();
            assertEquals(List.of(SourceState.Status.NOT_MODIFIED),
                    second.states().stream().map(SourceState::status).toList());
            assertTrue(!second.changed());
            assertSame(first.catalog(), second.catalog(), "nothing changed, nothing rebuilt");

            feedBody.set(rss("<item><title>Another robot</title><link>https://news.example.org/robot-2</link></item>"));
            Main.Cycle third = feedloom.refreshAll();
            assertTrue(third.changed());
            assertTrue(third.catalog().all().stream().anyMatch(a -> a.url().contains("robot-2")));
        }
    }

    static void waitUntil(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        RunningFeedloom.waitUntil(what, condition);
    }

    static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":");
        return json.substring(at, json.indexOf(',', at));
    }
}
