package org.feedloom.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.feedloom.model.Article;

/**
 * {@code feedloom warmup}: a training run. Starts Feedloom twice on the seeds, in a temporary data folder with no
 * live source (on a new store, then on the store the first start left), on a free loopback port, and asks each
 * time for every kind of document once (the index, each feed format, a paged feed, a topic page, an article page,
 * OPML, status, metrics; plain, compressed and conditional). Run under {@code -XX:ArchiveClassesAtExit=FILE}, the
 * JVM writes the classes this loaded to a class-data archive, and a server started with
 * {@code -XX:SharedArchiveFile=FILE} loads them from it instead of from the jar: the build does this, so the
 * README's command starts faster. Exits 1, naming it, when a document does not come back as it should: the
 * build then fails on a jar that cannot serve.
 */
final class Warmup {
    private static final int STARTS = 2;
    private static final long MERGE_WAIT_NANOS = 60_000_000_000L;

    private Warmup() {}

    static int run(Options options, PrintStream out, PrintStream err) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("feedloom-warmup");
            Path config = Files.createDirectory(dir.resolve("config")); // defaults: no live source to fetch
            Options serve = new Options("serve", config, options.seeds(), dir.resolve("data"), "127.0.0.1", 0, null,
                    false);
            PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            List<String> problems = new ArrayList<>();
            int served = 0;
            for (int i = 0; i < STARTS; i++) {
                Server server = Server.start(serve, quiet, err);
                if (server == null) {
                    err.println("feedloom: warmup: the server did not start");
                    return Main.FAILURE;
                }
                try {
                    served += askForEverything(server, problems);
                    awaitMerged(server); // a start on a filled store merges it in the background: let it end
                } finally {
                    server.stop();
                }
            }
            problems.forEach(p -> err.println("feedloom: warmup: " + p));
            out.println("warmup: " + served + " documents served on " + STARTS + " starts"
                    + (problems.isEmpty() ? "" : ", " + problems.size() + " wrong"));
            return problems.isEmpty() ? Main.OK : Main.FAILURE;
        } catch (IOException e) {
            err.println("feedloom: warmup: " + e.getMessage());
            return Main.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.FAILURE;
        } finally {
            delete(dir);
        }
    }

    /** Asks for each kind of document; notes each answer that is not what it should be. Returns how many came. */
    private static int askForEverything(Server server, List<String> problems)
            throws IOException, InterruptedException {
        String base = "http://127.0.0.1:" + server.port();
        List<String> paths = new ArrayList<>(List.of("/", "/feeds/all.xml", "/feeds/all.rss", "/feeds/all.json",
                "/feeds/all.xml?page=1", "/feeds/index.opml", "/topics/all", "/healthz", "/status", "/status.html",
                "/metrics"));
        List<Article> articles = server.aggregator().catalog().all();
        if (!articles.isEmpty()) {
            paths.add("/articles?url=" + URLEncoder.encode(articles.get(0).url(), StandardCharsets.UTF_8));
        }
        HttpClient http = HttpClient.newHttpClient();
        int served = 0;
        for (String path : paths) {
            HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            served += expect(plain, 200, path, problems);
            String etag = plain.headers().firstValue("ETag").orElse(null);
            HttpRequest.Builder again = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Accept-Encoding", "gzip");
            if (etag != null) {
                again.header("If-None-Match", etag);
            }
            HttpResponse<byte[]> second = http.send(again.build(), HttpResponse.BodyHandlers.ofByteArray());
            served += expect(second, etag != null ? 304 : 200, path + " again", problems);
        }
        return served;
    }

    private static void awaitMerged(Server server) throws InterruptedException {
        long deadline = System.nanoTime() + MERGE_WAIT_NANOS;
        while (!server.live().ready() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static int expect(HttpResponse<byte[]> response, int status, String what, List<String> problems) {
        if (response.statusCode() != status) {
            problems.add(what + ": HTTP " + response.statusCode() + ", expected " + status);
            return 0;
        }
        return 1;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is no failure of the run
        }
    }
}
