package org.feedloom.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.feedloom.model.Catalog;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Feedloom started for real, in-process, on a free loopback port, for the tests of other packages (the real-client
 * tests): the repository's {@code seeds/}, and a temporary config folder holding the shipped
 * {@code config/feedloom.yaml} without its sources (they are on the internet, which tests never reach) and with
 * {@code site.maxEntries} set as asked, so that paged feeds have several pages.
 */
public final class RunningFeedloom implements AutoCloseable {
    private final Server server;
    private final int maxEntries;
    private final String output;

    private RunningFeedloom(Server server, int maxEntries, String output) {
        this.server = server;
        this.maxEntries = maxEntries;
        this.output = output;
    }

    /** Starts Feedloom with its config and data under {@code workDir}. */
    public static RunningFeedloom start(Path workDir, int maxEntries) throws IOException {
        Path config = Files.createDirectories(workDir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), shippedConfigWithoutSources(maxEntries));
        Options options = Options.parse(new String[] {"serve", "--host", "127.0.0.1", "--port", "0",
                "--config", config.toString(), "--seeds", Path.of("seeds").toAbsolutePath().toString(),
                "--data", workDir.resolve("data").toString()});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Server server = Server.start(options, print, print);
        String text = out.toString(StandardCharsets.UTF_8);
        if (server == null) {
            throw new IllegalStateException("Feedloom did not start: " + text);
        }
        try {
            server.awaitLoaded();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Feedloom loaded", e);
        }
        return new RunningFeedloom(server, maxEntries, text);
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
        return output;
    }

    @Override
    public void close() {
        server.stop();
    }
}
