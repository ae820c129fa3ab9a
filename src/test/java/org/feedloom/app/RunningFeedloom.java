package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.feedloom.config.ConfigLoader;
import org.feedloom.model.Catalog;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Feedloom started for real, in-process, on a free loopback port, for a test; with helpers to read what it serves.
 * The app's tests start it on a config folder, seeds and data folder of their own (and on a clock of their own when
 * they move time); the real-client tests of other packages start it with {@link #start(Path, int)}. It has loaded
 * everything stored once started.
 */
public final class RunningFeedloom implements AutoCloseable {
    final Server server;
    private final ByteArrayOutputStream out;
    private final int maxEntries;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningFeedloom(Path config, Path seeds, Path data, Clock clock) throws InterruptedException {
        this(config, seeds, data, clock, true);
    }

    private RunningFeedloom(Path config, Path seeds, Path data, Clock clock, boolean awaitLoaded)
            throws InterruptedException {
        Options options = Options.parse(new String[] {"serve", "--host", "127.0.0.1", "--port", "0",
                "--config", config.toString(), "--seeds", seeds.toString(), "--data", data.toString()});
        out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        server = Server.start(options, print, print, clock);
        if (server == null) {
            throw new IllegalStateException("Feedloom did not start: " + output());
        }
        if (awaitLoaded) {
            server.awaitLoaded();
        }
        maxEntries = ConfigLoader.load(config).config().site().maxEntries();
    }

    /**
     * Starts Feedloom on the repository's {@code seeds/} with its config and data under {@code workDir}: the shipped
     * {@code config/feedloom.yaml} without its sources (they are on the internet, which tests never reach) and with
     * {@code site.maxEntries} set as asked, so that paged feeds have several pages.
     */
    public static RunningFeedloom start(Path workDir, int maxEntries) throws IOException {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), shippedConfigWithoutSources(maxEntries));
        try {
            return new RunningFeedloom(config, Path.of("seeds").toAbsolutePath(), workDir.resolve("data"),
                    Clock.systemUTC());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Feedloom loaded", e);
        }
    }

    static RunningFeedloom start(Path config, Path seeds, Path data) throws Exception {
        return new RunningFeedloom(config, seeds, data, Clock.systemUTC());
    }

    /** As {@link #start(Path, Path, Path)}, but returns as soon as it listens: a restart may still be merging. */
    static RunningFeedloom startListening(Path config, Path seeds, Path data) throws Exception {
        return new RunningFeedloom(config, seeds, data, Clock.systemUTC(), false);
    }

    /**
     * Starts on a configuration written under {@code dir}: {@code settings} (YAML, may be empty), then one source per
     * pair of {@code namesAndUrls} (a name, its URL), in order; its seeds and data folders beside it.
     */
    static RunningFeedloom startWithSources(Path dir, String settings, String... namesAndUrls) throws Exception {
        StringBuilder yaml = new StringBuilder(settings).append("sources:\n");
        for (int i = 0; i < namesAndUrls.length; i += 2) {
            yaml.append("  - name: ").append(namesAndUrls[i]).append("\n    url: ").append(namesAndUrls[i + 1])
                    .append('\n');
        }
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), yaml);
        return start(config, Files.createDirectories(dir.resolve("seeds")), dir.resolve("data"));
    }

    /** Starts on {@code clock}: what Feedloom takes for now (first sight, retention, schedules). */
    static RunningFeedloom start(Path config, Path seeds, Path data, Clock clock) throws Exception {
        return new RunningFeedloom(config, seeds, data, clock);
    }

    @SuppressWarnings("unchecked")
    static String shippedConfigWithoutSources(int maxEntries) throws IOException {
        Map<String, Object> shipped = new Yaml().load(Files.readString(Path.of("config", "feedloom.yaml")));
        Map<String, Object> config = new LinkedHashMap<>(shipped);
        config.remove("sources");
        Map<String, Object> site = new LinkedHashMap<>((Map<String, Object>) config.getOrDefault("site", Map.of()));
        site.put("maxEntries", maxEntries);
        config.put("site", site);
        DumperOptions style = new DumperOptions();
        style.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(style).dump(config);
    }

    /** {@code http://127.0.0.1:PORT/} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    /** The catalog being served. */
    public Catalog catalog() {
        return server.aggregator().catalog();
    }

    /** Entries per feed and per RFC 5005 page. */
    public int maxEntries() {
        return maxEntries;
    }

    /** What the server printed (its one {@code listening on} line). */
    public String output() {
        return out.toString(StandardCharsets.UTF_8);
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

    /**
     * Polls every 50 ms for up to 30 s: what it waits for takes milliseconds, and the bound only says when to give up
     * (15 s was once too short for a loaded machine's first fetch of a test).
     */
    static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), "timed out waiting until " + what);
    }

    @Override
    public void close() {
        server.stop();
    }
}
