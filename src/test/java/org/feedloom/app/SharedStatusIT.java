package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.store.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: instances sharing a PostgreSQL store list each other on {@code /status} and {@code /status.html}, with
 * their roles; one that loaded other seeds than this one is flagged on both (and in the log).
 */
class SharedStatusIT {
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void instancesSharingAStore_listEachOther_andOneWithOtherSeedsIsFlagged(@TempDir Path dir) throws Exception {
        String storeUrl = PostgresServer.get().freshSchema();
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), "store: {url: \"" + storeUrl + "\"}\n");
        Path seeds = WebSubIT.copySeeds(dir.resolve("seeds"));
        Path otherSeeds = WebSubIT.copySeeds(dir.resolve("other-seeds"));
        Files.writeString(otherSeeds.resolve("900_extra.txt"), """
                ---
                title: "Only the reader instance has this one"
                webUrl: "https://example.com/extra"
                publishedDateTime: 2022-07-09T08:00:00Z
                ---
                """);
        List<Server> servers = new ArrayList<>();
        try {
            servers.add(start(config, seeds, dir.resolve("data-1"), "serve"));
            servers.add(start(config, otherSeeds, dir.resolve("data-2"), "serve", "--no-fetch"));
            String first = "http://127.0.0.1:" + servers.get(0).port() + "/";
            String second = "http://127.0.0.1:" + servers.get(1).port() + "/";
            RunningFeedloom.waitUntil("each instance lists both", () ->
                    count(get(first + "status"), "\"role\":") == 2 && count(get(second + "status"), "\"role\":") == 2);

            String json = get(first + "status");
            assertTrue(json.contains("\"role\":\"serve\""), json);
            assertTrue(json.contains("\"role\":\"serve --no-fetch\""), json);
            assertTrue(count(json, "\"this\":true") == 1, json);
            assertTrue(count(json, "\"sameConfiguration\":false") == 1, "the other seeds are flagged: " + json);
            String html = get(second + "status.html");
            assertTrue(html.contains("<h2>Instances</h2>"), html);
            assertTrue(html.contains("(this one)"), html);
            assertTrue(html.contains("another configuration or other seeds"), html);
        } finally {
            servers.forEach(Server::stop);
        }
    }

    private static Server start(Path config, Path seeds, Path data, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--port", "0", "--config", config.toString(), "--seeds", seeds.toString(), "--data",
                data.toString()));
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Server server = Server.start(Options.parse(args.toArray(String[]::new)), out, out);
        assertNotNull(server);
        server.awaitLoaded();
        return server;
    }

    private String get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            throw new IllegalStateException(url, e);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
