package org.feedloom.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A WebSub hub stand-in on a free loopback port (a JDK HttpServer): records every request to {@code /hub} and
 * answers with {@link #status}. Tests read {@link #pings}.
 */
public final class TestHub implements AutoCloseable {
    /** One request the hub received. */
    public record Ping(String method, String contentType, String userAgent, Map<String, String> form) {
        public String url() {
            return form.get("hub.url");
        }
    }

    public final List<Ping> pings = new CopyOnWriteArrayList<>();
    public volatile int status = 204;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    public TestHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(executor);
        server.createContext("/hub", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                pings.add(new Ping(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("User-Agent"), form(body)));
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hub";
    }

    /** The {@code hub.url} of every ping, in the order received. */
    public List<String> pingedUrls() {
        return pings.stream().map(Ping::url).toList();
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
