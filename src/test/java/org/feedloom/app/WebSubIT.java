package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.feedloom.fetch.HttpFetcher;
import org.feedloom.seed.SeedLoader;
import org.feedloom.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, push: Feedloom started for real with {@code websub.hub} pointing at a hub on loopback announces the hub
 * in its feeds and pings it exactly once per changed feed — never at start-up, never for a rebuild that changed
 * nothing. Stopping the server sends what is queued, so the hub's list is final when it is checked.
 */
class WebSubIT {
    static final String BASE = "https://feeds.example.org/";
    /** The link of the seed {@link #addSeed} adds. */
    static final String NEW_SEED = "https://example.com/notes/pipeline-hygiene";

    @Test
    void oneRebuildThatChangesATopic_pingsItsFeedsAndAllOnce_unchangedRebuildsPingNothing(@TempDir Path dir) throws Exception {
        try (TestHub hub = new TestHub()) {
            Path config = Files.createDirectories(dir.resolve("config"));
            Files.writeString(config.resolve("feedloom.yaml"), "site: {baseUrl: \"" + BASE + "\"}\n"
                    + "websub: {hub: \"" + hub.url() + "\"}\n"
                    + "topics:\n  - name: AI\n  - name: AI in Sales\n    keywords: [CRM]\n");
            Path seeds = copySeeds(dir.resolve("seeds"));
            Options options = Options.parse(new String[] {"--port", "0", "--config", config.toString(),
                    "--seeds", seeds.toString(), "--data", dir.resolve("data").toString()});
            PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            Server server = Server.start(options, out, out);
            assertNotNull(server);
            try {
                String atom = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.port() + "/feeds/ai.xml")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertTrue(atom.contains("<link rel=\"hub\" href=\"" + hub.url() + "\" />"), atom);

                server.rebuildNow();
                addSeed(seeds);
                server.merger().seeds(SeedLoader.load(seeds).items());
                server.rebuildNow();
                server.rebuildNow();
            } finally {
                server.stop();
            }
            List<String> expected = new ArrayList<>();
            for (String slug : List.of("all", "ai-in-sales")) {
                for (String ext : List.of("xml", "rss", "json")) {
                    expected.add(BASE + "feeds/" + slug + "." + ext);
                }
            }
            assertEquals(expected, hub.pingedUrls());
            for (TestHub.Ping ping : hub.pings) {
                assertEquals("POST", ping.method());
                assertEquals(Map.of("hub.mode", "publish", "hub.url", ping.url()), ping.form());
            }
        }
    }

    /**
     * Issue 14: two instances sharing a PostgreSQL store both show a change (the first merges it, the second shows
     * it from the first's announcement); each changed feed is pinged once, by whichever recorded its new content
     * first, not once per instance.
     */
    @Test
    void twoInstancesSharingAStore_pingEachChangedFeedOnce(@TempDir Path dir) throws Exception {
        String storeUrl = org.feedloom.store.PostgresServer.get().freshSchema();
        try (TestHub hub = new TestHub()) {
            Path config = Files.createDirectories(dir.resolve("config"));
            Files.writeString(config.resolve("feedloom.yaml"), "site: {baseUrl: \"" + BASE + "\"}\n"
                    + "websub: {hub: \"" + hub.url() + "\"}\nstore: {url: \"" + storeUrl + "\"}\n"
                    + "topics:\n  - name: AI\n  - name: AI in Sales\n    keywords: [CRM]\n");
            Path seeds = copySeeds(dir.resolve("seeds"));
            List<Server> servers = new ArrayList<>();
            try {
                for (String data : List.of("data-1", "data-2")) {
                    Options options = Options.parse(new String[] {"--port", "0", "--config", config.toString(),
                            "--seeds", seeds.toString(), "--data", dir.resolve(data).toString()});
                    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
                    Server server = Server.start(options, out, out);
                    assertNotNull(server);
                    servers.add(server);
                    server.awaitLoaded();
                }
                addSeed(seeds);
                for (Server server : servers) { // the second finds the seeds merged: it shows the first's merge
                    server.merger().seeds(SeedLoader.load(seeds).items());
                    server.rebuildNow();
                }
                for (Server server : servers) {
                    RunningFeedloom.waitUntil("each instance shows the new seed", () -> server.aggregator().catalog()
                            .all().stream().anyMatch(a -> a.url().equals(NEW_SEED)));
                }
            } finally {
                servers.forEach(Server::stop);
            }
            List<String> expected = new ArrayList<>();
            for (String slug : List.of("all", "ai-in-sales")) {
                for (String ext : List.of("xml", "rss", "json")) {
                    expected.add(BASE + "feeds/" + slug + "." + ext);
                }
            }
            // in any order: each instance pings the feeds it recorded first, beside the other
            assertEquals(expected.stream().sorted().toList(), hub.pingedUrls().stream().sorted().toList(),
                    "each changed feed once, though both instances show the change");
        }
    }

    /** Issue 11: one User-Agent, naming Feedloom, its version and its project URL, for every request it makes. */
    @Test
    void pings_sendTheUserAgentOfTheFeedFetches(@TempDir Path dir) throws Exception {
        List<String> fetchAgents = new CopyOnWriteArrayList<>();
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/feed.xml", ex -> {
            fetchAgents.add(ex.getRequestHeaders().getFirst("User-Agent"));
            byte[] rss = ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loopback</title>"
                    + "<link>https://news.example.org/</link><description>d</description><item><title>New</title>"
                    + "<link>https://news.example.org/new</link></item></channel></rss>").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, rss.length);
            ex.getResponseBody().write(rss);
            ex.close();
        });
        upstream.start();
        List<TestHub.Ping> pings;
        try (TestHub hub = new TestHub()) {
            pings = hub.pings;
            Path config = Files.createDirectories(dir.resolve("config"));
            Files.writeString(config.resolve("feedloom.yaml"), "site: {baseUrl: \"" + BASE + "\"}\n"
                    + "websub: {hub: \"" + hub.url() + "\"}\n"
                    + "sources:\n  - url: http://127.0.0.1:" + upstream.getAddress().getPort() + "/feed.xml\n");
            Options options = Options.parse(new String[] {"--port", "0", "--config", config.toString(),
                    "--seeds", copySeeds(dir.resolve("seeds")).toString(), "--data", dir.resolve("data").toString()});
            PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            Server server = Server.start(options, out, out);
            assertNotNull(server);
            try {
                RunningFeedloom.waitUntil("the fetched item is announced", () -> !hub.pings.isEmpty());
            } finally {
                server.stop();
            }
        } finally {
            upstream.stop(0);
        }
        String expected = HttpFetcher.userAgent(Version.get());
        assertTrue(expected.matches("Feedloom/\\S+ \\(\\+https://github\\.com/feedloom/feedloom\\)"), expected);
        assertEquals(List.of(expected), fetchAgents.stream().distinct().toList());
        assertFalse(pings.isEmpty());
        for (TestHub.Ping ping : pings) {
            assertEquals(expected, ping.userAgent(), ping.url());
        }
    }

    static Path copySeeds(Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(Path.of(WebSubIT.class.getResource("/seeds").toURI()))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    /** Adds a seed article under "AI in Sales": a change of that topic's feeds and of all's. */
    static void addSeed(Path seeds) throws Exception {
        Files.writeString(seeds.resolve("900_new.txt"), """
                ---
                title: "A quarterly note on pipeline hygiene"
                webUrl: "%s"
                publishedDateTime: 2022-07-09T08:00:00Z
                topics: [AI in Sales]
                ---
                """.formatted(NEW_SEED));
    }
}
