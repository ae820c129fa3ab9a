package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers hammering every feed over HTTP while refreshes keep writing new articles: every answer is a complete,
 * well-formed document and none is an error.
 */
class ReadersDuringWritesIT {
    static final int SOURCES = 6;
    static final int READERS = 4;
    static final int REQUESTS_PER_READER = 300;

    @TempDir Path dir;

    @Test
    void everyAnswerIsCompleteAndWellFormed_whileRefreshesWrite() throws Exception {
        AtomicInteger generation = new AtomicInteger();
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        upstream.setExecutor(Executors.newFixedThreadPool(4));
        upstream.createContext("/feed/", ex -> {
            int g = generation.incrementAndGet();
            StringBuilder rss = new StringBuilder("<rss version=\"2.0\"><channel><title>Load</title>"
                    + "<link>https://load.example.org/</link><description>d</description>");
            for (int k = 0; k < 20; k++) {
                rss.append("<item><title>Machine learning item ").append(g).append('-').append(k)
                        .append("</title><link>https://load.example.org/").append(g).append('/').append(k)
                        .append("</link><description>&lt;p&gt;Body ").append(k).append("&lt;/p&gt;</description></item>");
            }
            byte[] body = rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        upstream.start();
        StringBuilder config = new StringBuilder("admin:\n  token: readers-during-writes-token\ntopics:\n  - name: AI\n    keywords: [machine learning]\nsources:\n");
        for (int i = 0; i < SOURCES; i++) {
            config.append("  - name: load").append(i).append("\n    url: http://127.0.0.1:")
                    .append(upstream.getAddress().getPort()).append("/feed/").append(i).append('\n');
        }
        Path configDir = Files.createDirectories(dir.resolve("config"));
        Files.writeString(configDir.resolve("feedloom.yaml"), config);
        HttpClient http = HttpClient.newHttpClient();
        List<String> paths = List.of("/feeds/all.xml", "/feeds/ai.xml", "/feeds/ai.rss", "/feeds/all.json",
                "/feeds/ai.xml?page=2", "/feeds/index.opml", "/", "/topics/ai");
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        try (RunningFeedloom app = RunningFeedloom.start(configDir, MainTest.seeds(), dir.resolve("data"))) {
            ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
            CountDownLatch readersDone = new CountDownLatch(READERS);
            Future<?> writer = pool.submit(() -> {
                // refresh rounds while the readers read, and at least three
                for (int i = 0; (i < 3 || readersDone.getCount() > 0) && i < 40 && problems.isEmpty(); i++) {
                    int fetched = generation.get();
                    http.send(HttpRequest.newBuilder(URI.create(app.url("/admin/refresh")))
                            .header("Authorization", "Bearer readers-during-writes-token").POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.discarding());
                    // the next round once the upstream has served as many feeds as there are sources
                    RunningFeedloom.waitUntil("refresh round " + i, () -> generation.get() >= fetched + SOURCES);
                }
                return null;
            });
            AtomicInteger checked = new AtomicInteger();
            for (int r = 0; r < READERS; r++) {
                int reader = r;
                pool.submit(() -> {
                    try {
                        read(app, http, paths, reader, checked, problems);
                    } finally {
                        readersDone.countDown();
                    }
                    return null;
                });
            }
            writer.get();
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES));
            assertEquals(List.of(), List.copyOf(problems));
            assertEquals(READERS * REQUESTS_PER_READER, checked.get());
            assertTrue(generation.get() > SOURCES * 2, "the refreshes really wrote meanwhile: " + generation.get());
        } finally {
            upstream.stop(0);
        }
    }

    private static void read(RunningFeedloom app, HttpClient http, List<String> paths, int reader, AtomicInteger checked,
                             ConcurrentLinkedQueue<String> problems) {
        for (int i = 0; i < REQUESTS_PER_READER; i++) {
            String path = paths.get((i + reader) % paths.size());
            try {
                HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(URI.create(app.url(path))).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                boolean pageGone = path.contains("page=2") && resp.statusCode() == 404;
                if (resp.statusCode() != 200 && !pageGone) {
                    problems.add(path + " answered " + resp.statusCode());
                } else if (!pageGone) {
                    wellFormed(path, resp);
                }
                checked.incrementAndGet();
            } catch (Exception | AssertionError e) {
                problems.add(path + ": " + e);
            }
        }
    }

    private static void wellFormed(String path, HttpResponse<byte[]> resp) throws Exception {
        byte[] body = resp.body();
        long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared >= 0 && declared != body.length) {
            throw new AssertionError(path + ": Content-Length " + declared + " but " + body.length + " bytes");
        }
        if (path.endsWith(".json")) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (!text.startsWith("{") || !text.endsWith("}") || !text.contains("\"items\"")) {
                throw new AssertionError(path + ": incomplete JSON");
            }
        } else if (path.equals("/") || path.startsWith("/topics/")) {
            String html = new String(body, StandardCharsets.UTF_8);
            if (!html.strip().endsWith("</html>")) {
                throw new AssertionError(path + ": incomplete HTML");
            }
        } else {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        }
    }
}
