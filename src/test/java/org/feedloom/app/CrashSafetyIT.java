package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedloom.model.SourceState;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real Feedloom process at random moments while it refreshes, again and again. After every
 * kill the database opens, nothing committed before is lost, and no source is half-updated.
 *
 * <p>How half-updates show: every response of source {@code i} carries exactly {@value #ITEMS} items tagged with a
 * generation number that is also its ETag. State and items are committed together, so whenever the stored state
 * has ETag {@code g}, all {@value #ITEMS} items of generation {@code g} must be stored too.
 */
class CrashSafetyIT {
    static final int SOURCES = 12;
    static final int ITEMS = 5;
    static final int KILLS = 12;
    static final String TOKEN = "crash-test-token";

    @TempDir Path dir;
    final AtomicInteger generation = new AtomicInteger();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void killMinus9DuringRefreshes_losesNothingCommitted_andLeavesNoSourceHalfUpdated() throws Exception {
        HttpServer upstream = upstream();
        try {
            Path config = writeConfig(upstream.getAddress().getPort());
            Random random = new Random(20261122);
            Map<String, Set<String>> committed = new TreeMap<>();
            int sawWrites = 0;
            for (int kill = 0; kill < KILLS; kill++) {
                java.time.Instant started = java.time.Instant.now();
                try (ChildJvm child = startChild(config)) {
                    String line = child.awaitLine("listening on http://127\\.0\\.0\\.1:\\d+/", Duration.ofSeconds(30));
                    assertNotNull(line, child.stderrText());
                    String url = line.substring("listening on ".length());
                    awaitResponses(refresh(url), random.nextInt(1, SOURCES));
                    // a fetch of this run committed (on a loaded machine its commits may trail the responses), so
                    // the kill below, at a random moment of the next refresh, lands on a store this run wrote to
                    awaitCommitSince(url, started);
                    awaitResponses(refresh(url), random.nextInt(0, SOURCES));
                    child.process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
                    assertTrue(child.process.waitFor(10, TimeUnit.SECONDS));
                }
                Map<String, Set<String>> now = checkConsistent();
                for (var e : committed.entrySet()) {
                    assertTrue(now.getOrDefault(e.getKey(), Set.of()).containsAll(e.getValue()),
                            "kill " + kill + ": items committed before were lost from source " + e.getKey());
                }
                int before = committed.values().stream().mapToInt(Set::size).sum();
                committed = now;
                if (committed.values().stream().mapToInt(Set::size).sum() > before) {
                    sawWrites++;
                }
            }
            assertTrue(sawWrites >= KILLS / 2, "the kills should land while refreshes write (" + sawWrites + ")");
            assertServesEverythingStored(config, committed);
        } finally {
            upstream.stop(0);
        }
    }

    /** Opens the database as the next start would, checks the invariant, returns the stored item URLs per source. */
    Map<String, Set<String>> checkConsistent() {
        Map<String, Set<String>> urls = new TreeMap<>();
        try (ArticleStore store = SqliteStore.open(dir.resolve("data").resolve(Pipeline.DB_FILE))) {
            ArticleStore.Snapshot snapshot = store.load();
            for (var e : snapshot.sourceItems().entrySet()) {
                Set<String> set = new HashSet<>();
                e.getValue().forEach(i -> set.add(i.preferredUrl()));
                urls.put(e.getKey(), set);
            }
            for (SourceState s : snapshot.states().values()) {
                if (s.etag() == null) {
                    continue;
                }
                String gen = s.etag().replace("\"", "");
                Set<String> have = urls.getOrDefault(s.sourceId(), Set.of());
                for (int k = 0; k < ITEMS; k++) {
                    String item = itemUrl(s.sourceId(), gen, k);
                    assertTrue(have.contains(item), "source " + s.sourceId() + " has state of generation " + gen
                            + " but not its item " + item + " (half-updated)");
                }
            }
        }
        return urls;
    }

    void assertServesEverythingStored(Path config, Map<String, Set<String>> committed) throws Exception {
        try (ChildJvm child = startChild(config)) {
            String line = child.awaitLine("listening on http://127\\.0\\.0\\.1:\\d+/", Duration.ofSeconds(30));
            assertNotNull(line, child.stderrText());
            // a restart serves the newest stored articles at once and says "merging": false once it has merged the rest
            String status;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            do {
                Thread.sleep(20);
                status = http.send(HttpRequest.newBuilder(URI.create(line.substring(13) + "status")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
            } while (!status.contains("\"merging\":false") && System.nanoTime() < deadline);
            int stored = committed.values().stream().mapToInt(Set::size).sum();
            // 18 seed articles (see SeedArticlesTest) plus every stored live item, each a distinct article
            assertTrue(status.contains("\"articles\":" + (18 + stored)), "expected " + (18 + stored) + " in " + status);
            child.process.destroy();
            assertTrue(child.process.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, child.process.exitValue(), child.stderrText());
        }
    }

    /**
     * Waits until the upstream has served {@code n} more feeds than {@code before}: a random moment of a refresh,
     * counted in its progress rather than in time, so the kill lands while refreshes write however fast the machine
     * is. A refresh asked for fetches every source from then on, so up to {@link #SOURCES} more responses always
     * come; counted from before it was asked, as a fast machine may have served them all by the time it answers.
     */
    void awaitResponses(int before, int n) throws InterruptedException {
        int target = before + n;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (generation.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertTrue(generation.get() >= target, "the upstream served " + generation.get() + " feeds, not " + target);
    }

    /** Waits until {@code /status} shows a source whose last fetch succeeded and was committed after {@code since}. */
    void awaitCommitSince(String base, java.time.Instant since) throws Exception {
        java.util.regex.Pattern success = java.util.regex.Pattern.compile("\"lastSuccess\":\"([^\"]+)\"");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String status = "";
        while (System.nanoTime() < deadline) {
            status = http.send(HttpRequest.newBuilder(URI.create(base + "status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            java.util.regex.Matcher m = success.matcher(status);
            while (m.find()) {
                if (java.time.Instant.parse(m.group(1)).isAfter(since)) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no fetch committed since " + since + ": " + status);
    }

    /**
     * Asks for a refresh of every source; while a restart still merges the store (503), asks again. Returns how many
     * feeds the upstream had served before the refresh was asked for.
     */
    int refresh(String base) throws Exception {
        int before = generation.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "admin/refresh"))
                    .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 503 || System.nanoTime() > deadline) {
                assertEquals(202, r.statusCode());
                return before;
            }
            Thread.sleep(20);
        }
    }

    ChildJvm startChild(Path config) throws Exception {
        return ChildJvm.start(dir, "org.feedloom.app.Main", "serve", "--port", "0", "--config", config.toString(),
                "--seeds", MainTest.seeds().toString(), "--data", dir.resolve("data").toString());
    }

    Path writeConfig(int port) throws Exception {
        StringBuilder yaml = new StringBuilder("admin:\n  token: " + TOKEN + "\nretention:\n  maxItemsPerSource: 100000\n"
                + "  maxAgeDays: 36500\nsources:\n");
        for (int i = 0; i < SOURCES; i++) {
            yaml.append("  - name: s").append(i).append("\n    url: http://127.0.0.1:").append(port)
                    .append("/feed/s").append(i).append(".xml\n");
        }
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), yaml);
        return config;
    }

    static String itemUrl(String source, String gen, int k) {
        return "https://crash.example.org/" + source + "/" + gen + "/" + k;
    }

    /** Serves every source's feed; each response is a new generation of {@value #ITEMS} items. */
    HttpServer upstream() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/feed/", ex -> {
            String path = ex.getRequestURI().getPath();
            String source = path.substring("/feed/".length(), path.length() - ".xml".length());
            String gen = "g" + generation.incrementAndGet();
            StringBuilder rss = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>")
                    .append(source).append("</title><link>https://crash.example.org/</link><description>d</description>");
            for (int k = 0; k < ITEMS; k++) {
                rss.append("<item><title>").append(source).append(' ').append(gen).append(' ').append(k)
                        .append("</title><link>").append(itemUrl(source, gen, k)).append("</link></item>");
            }
            byte[] body = rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
            ex.getResponseHeaders().add("ETag", "\"" + gen + "\"");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return server;
    }
}
