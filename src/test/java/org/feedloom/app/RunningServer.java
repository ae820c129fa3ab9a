package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** Feedloom serving in-process on a free loopback port for a test, with helpers to read what it serves. */
final class RunningServer implements AutoCloseable {
    final Server server;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningServer(Path config, Path seeds, Path data, java.time.Clock clock) throws Exception {
        Options options = Options.parse(new String[] {"--port", "0", "--config", config.toString(),
                "--seeds", seeds.toString(), "--data", data.toString()});
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        server = Server.start(options, o, o, clock);
        assertNotNull(server, out.toString(StandardCharsets.UTF_8));
        server.awaitLoaded();
    }

    static RunningServer start(Path config, Path seeds, Path data) throws Exception {
        return new RunningServer(config, seeds, data, java.time.Clock.systemUTC());
    }

    /** Starts on {@code clock}: what Feedloom takes for now (first sight, retention, schedules). */
    static RunningServer start(Path config, Path seeds, Path data, java.time.Clock clock) throws Exception {
        return new RunningServer(config, seeds, data, clock);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpResponse<String> request(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a 200 answer (anything else fails the test). */
    String get(String path) {
        try {
            HttpResponse<String> r = request(path);
            assertEquals(200, r.statusCode(), path);
            return r.body();
        } catch (Exception e) {
            throw new AssertionError(path + ": " + e, e);
        }
    }

    Feed atom(String slug) throws Exception {
        return (Feed) new WireFeedInput().build(new StringReader(get("/feeds/" + slug + ".xml")));
    }

    boolean allHas(String link) {
        return get("/feeds/all.xml").contains(link);
    }

    /** The JSON object of one source in {@code /status}, or "" if it is not listed. */
    String status(String sourceId) {
        String json = get("/status");
        int at = json.indexOf("\"id\":\"" + sourceId + "\"");
        return at < 0 ? "" : json.substring(at, json.indexOf('}', at) + 1);
    }

    static Map<String, Entry> byLink(Feed feed) {
        return feed.getEntries().stream().collect(Collectors.toMap(e -> e.getAlternateLinks().get(0).getHref(), e -> e));
    }

    static Map<String, String> ids(Feed feed) {
        return feed.getEntries().stream().collect(Collectors.toMap(
                e -> e.getAlternateLinks().get(0).getHref(), Entry::getId));
    }

    /** Polls every 50 ms for up to 15 s. */
    static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), "timed out waiting until " + what);
    }

    @Override
    public void close() {
        server.stop();
    }
}
