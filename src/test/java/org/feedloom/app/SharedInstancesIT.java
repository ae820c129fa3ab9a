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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedloom.store.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: three Feedloom processes on one PostgreSQL database share {@value #SOURCES} loopback sources; one is
 * killed with {@code kill -9} while it holds leases. Every source is fetched once in the interval (twice at most for
 * the sources whose leases the killed one held), nothing is fetched again before it is due, the three together keep
 * within {@code fetch.perHost}, no article is there twice, and the two that run on serve the same bytes under the
 * same ETags.
 */
class SharedInstancesIT {
    static final int SOURCES = 300;
    static final int ITEMS = 3;
    /** Each response's delay, so that the cycle lasts long enough to kill an instance in the middle of it. */
    static final long DELAY_MS = 150;
    static final int CONCURRENCY = 8;
    /** fetch.perHost: every source is on one host, so the three instances together keep within it. */
    static final int PER_HOST = 6;
    static final String TOPIC = "shared";
    static final String TOKEN = "shared-instances-token";
    static final String EXTRA = "https://shared.example.org/s0/extra";

    @TempDir Path dir;
    final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    final AtomicInteger inFlight = new AtomicInteger();
    /** Whether source s0's feed carries one more item (a new ETag) from now on. */
    final java.util.concurrent.atomic.AtomicBoolean extra = new java.util.concurrent.atomic.AtomicBoolean();

    final AtomicInteger peak = new AtomicInteger();
    final java.util.Set<String> heldByVictim = new java.util.TreeSet<>();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void threeInstances_oneKilledMidCycle_eachSourceFetchedOnce_noArticleTwice_sameBytesOnTheOthers()
            throws Exception {
        String storeUrl = PostgresServer.get().freshSchema();
        HttpServer upstream = upstream();
        List<ChildJvm> instances = new ArrayList<>();
        try {
            Path config = writeConfig(upstream.getAddress().getPort(), storeUrl);
            for (int i = 0; i < 3; i++) {
                instances.add(ChildJvm.start(dir, "org.feedloom.app.Main", "serve", "--port", "0", "--config",
                        config.toString(), "--seeds", MainTest.seeds().toString(), "--data",
                        dir.resolve("data-" + i).toString()));
            }
            List<String> bases = new ArrayList<>();
            for (ChildJvm instance : instances) {
                String line = instance.awaitLine("listening on http://127\\.0\\.0\\.1:\\d+/", Duration.ofSeconds(60));
                assertNotNull(line, instance.stderrText());
                bases.add(line.substring("listening on ".length()));
            }

            ChildJvm victim = instances.get(2);
            try (Connection db = connect(storeUrl)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (leasesOf(db, victim.process.pid()) == 0) {
                    assertTrue(System.nanoTime() < deadline, "the third instance never held a lease: "
                            + victim.stderrText());
                    Thread.sleep(5);
                }
                victim.process.destroyForcibly(); // SIGKILL
                assertTrue(victim.process.waitFor(10, TimeUnit.SECONDS));
                // mid-cycle by what was committed: every request may have been sent by then on a loaded machine,
                // the victim's own among them, while the sources it held are not stored yet
                long committedBeforeKill = count(db, "SELECT count(*) FROM source_state WHERE status = 'OK'");
                heldByVictim.addAll(leasedBy(db, victim.process.pid())); // what it held when it died
                assertTrue(!heldByVictim.isEmpty(), "killed while holding leases");

                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (count(db, "SELECT count(*) FROM source_state WHERE status = 'OK'") < SOURCES) {
                    assertTrue(System.nanoTime() < deadline, "not every source was fetched: "
                            + count(db, "SELECT count(*) FROM source_state WHERE status = 'OK'"));
                    Thread.sleep(50);
                }
                assertTrue(committedBeforeKill < SOURCES, "killed mid-cycle: " + committedBeforeKill
                        + " sources stored before");
            }

            int fetched = total();
            Map<String, Integer> before = new TreeMap<>();
            requests.forEach((k, v) -> before.put(k, v.get()));
            Thread.sleep(3_000); // longer than a lease: any source claimed twice would be fetched again by now
            Map<String, Integer> again = new TreeMap<>();
            requests.forEach((k, v) -> {
                if (v.get() != before.getOrDefault(k, 0)) {
                    again.put(k, v.get());
                }
            });
            assertEquals(fetched, total(), "no source is fetched again before it is due: " + again);
            Map<Integer, Integer> histogram = new TreeMap<>();
            requests.values().forEach(n -> histogram.merge(n.get(), 1, Integer::sum));
            assertEquals(SOURCES, requests.size(), "every source fetched: " + histogram);
            assertTrue(histogram.keySet().stream().allMatch(n -> n <= 2), "at most twice: " + histogram);
            java.util.Set<String> twice = new java.util.TreeSet<>();
            requests.forEach((name, n) -> {
                if (n.get() > 1) {
                    twice.add(name);
                }
            });
            assertTrue(heldByVictim.containsAll(twice), "only the sources whose leases the killed instance held when "
                    + "it died are fetched twice: " + twice + " but it held " + heldByVictim);
            assertTrue(peak.get() <= PER_HOST, "fetch.perHost holds for the three together: peak " + peak.get());

            int articles = 18 + SOURCES * ITEMS; // the seeds' 18 (see SeedArticlesTest) and every live item once
            List<String> paths = List.of("/feeds/all.xml", "/feeds/" + TOPIC + ".xml", "/feeds/" + TOPIC + ".json",
                    "/feeds/all.xml?page=2");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String differs;
            while ((differs = differs(bases.subList(0, 2), paths, articles)) != null) {
                assertTrue(System.nanoTime() < deadline, differs);
                Thread.sleep(100);
            }

            // a commit on one instance: the other serves the same new bytes soon after
            extra.set(true);
            long askedAt = System.nanoTime();
            HttpResponse<String> asked = http.send(HttpRequest.newBuilder(URI.create(bases.get(0)
                    + "admin/refresh/s0")).header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, asked.statusCode(), asked.body());
            long first = awaitNewItem(bases.get(0));
            long second = awaitNewItem(bases.get(1));
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((differs = differs(bases.subList(0, 2), paths, articles + 1)) != null) {
                assertTrue(System.nanoTime() < deadline, differs);
                Thread.sleep(20);
            }
            long agreed = System.nanoTime();
            System.out.printf("a commit's new item: on the committing instance after %d ms, on the other %d ms "
                    + "later, the same bytes %d ms later%n", (first - askedAt) / 1_000_000,
                    (second - first) / 1_000_000, (agreed - first) / 1_000_000);
        } finally {
            for (ChildJvm instance : instances) {
                instance.close();
            }
            upstream.stop(0);
        }
    }

    /** Waits until {@code base}'s topic feed carries s0's extra item; returns when (nanoTime). */
    private long awaitNewItem(String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!get(base + "feeds/" + TOPIC + ".xml").body().contains(EXTRA)) {
            assertTrue(System.nanoTime() < deadline, base + " never showed the new item");
            Thread.sleep(5);
        }
        return System.nanoTime();
    }

    /**
     * What differs between the instances at {@code bases}: a document's bytes or ETag, or an article count other
     * than {@code articles}; null when nothing does.
     */
    private String differs(List<String> bases, List<String> paths, int articles) throws Exception {
        for (String base : bases) {
            String status = get(base + "status").body();
            if (!java.util.regex.Pattern.compile("\"articles\":" + articles + "\\b").matcher(status).find()) {
                return base + " does not count " + articles + " articles: "
                        + status.substring(0, Math.min(300, status.length()));
            }
        }
        for (String path : paths) {
            HttpResponse<String> first = get(bases.get(0) + path.substring(1));
            HttpResponse<String> second = get(bases.get(1) + path.substring(1));
            assertEquals(200, first.statusCode(), path);
            String etag = first.headers().firstValue("ETag").orElse(null);
            if (!first.body().equals(second.body()) || etag == null
                    || !etag.equals(second.headers().firstValue("ETag").orElse(null))) {
                return path + " differs between the instances (ETags " + etag + " and "
                        + second.headers().firstValue("ETag").orElse(null) + ")";
            }
        }
        return null;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private int total() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** A connection to the test's schema, from the store URL the instances use. */
    private static Connection connect(String storeUrl) throws Exception {
        return org.feedloom.store.PostgresServer.connectTo(storeUrl);
    }

    /** The sources whose leases the process {@code pid} holds or held last (instance ids start with the pid). */
    private static java.util.Set<String> leasedBy(Connection db, long pid) throws Exception {
        java.util.Set<String> sources = new java.util.TreeSet<>();
        try (PreparedStatement p = db.prepareStatement("SELECT source_id FROM source_lease WHERE owner LIKE ?")) {
            p.setString(1, pid + "-%");
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    sources.add(r.getString(1).replace("source:", ""));
                }
            }
        }
        return sources;
    }

    /** The leases that the process {@code pid} holds now (instance ids start with the pid). */
    private static long leasesOf(Connection db, long pid) throws Exception {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT count(*) FROM source_lease WHERE owner LIKE ? AND expires > ?")) {
            p.setString(1, pid + "-%");
            p.setLong(2, System.currentTimeMillis());
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (PreparedStatement p = db.prepareStatement(sql); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private Path writeConfig(int port, String storeUrl) throws Exception {
        // behind a load balancer every instance publishes the one public address
        StringBuilder yaml = new StringBuilder("admin:\n  token: " + TOKEN + "\n"
                + "site:\n  baseUrl: https://feeds.example.org/\nstore:\n  url: " + storeUrl + "\n  lease: 3s\n"
                + "fetch:\n  concurrency: " + CONCURRENCY + "\n  perHost: " + PER_HOST + "\n"
                + "retention:\n  maxItemsPerSource: 100000\n  maxAgeDays: 36500\nsources:\n");
        for (int i = 0; i < SOURCES; i++) {
            yaml.append("  - name: s").append(i).append("\n    url: http://127.0.0.1:").append(port)
                    .append("/feed/s").append(i).append(".xml\n    topics: [").append(TOPIC).append("]\n");
        }
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), yaml);
        return config;
    }

    /**
     * Serves every source's feed, the same each time, with an ETag: {@value #ITEMS} items, the last without a date
     * (dated by when Feedloom first saw it, which every instance must agree on).
     */
    private HttpServer upstream() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/feed/", ex -> {
            String name = ex.getRequestURI().getPath().replaceAll(".*/(s\\d+)\\.xml$", "$1");
            requests.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(DELAY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            StringBuilder items = new StringBuilder();
            boolean more = extra.get() && name.equals("s0");
            if (more) {
                items.append("<item><title>Late news of s0</title><link>").append(EXTRA).append("</link></item>");
            }
            for (int k = 0; k < ITEMS; k++) {
                items.append("<item><title>Story ").append(k).append(" of ").append(name)
                        .append("</title><link>https://shared.example.org/").append(name).append("/").append(k)
                        .append("</link><description>Text ").append(k).append(" of ").append(name)
                        .append(".</description>");
                if (k < ITEMS - 1) {
                    items.append(String.format("<pubDate>0%d Jun 2026 10:%02d:00 GMT</pubDate>", k + 1,
                            Integer.parseInt(name.substring(1)) % 60));
                }
                items.append("</item>");
            }
            byte[] body = UpstreamFeed.rss("Feed " + name, items.toString()).getBytes(StandardCharsets.UTF_8);
            String etag = "\"" + name + (more ? "-extra" : "") + "\"";
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
            ex.getResponseHeaders().add("ETag", etag);
            inFlight.decrementAndGet(); // the response starts: the client may start its next request now
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        return server;
    }
}
