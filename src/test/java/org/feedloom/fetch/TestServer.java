package org.feedloom.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on a free loopback port, with per-path handlers; records requests and peak concurrency. */
final class TestServer implements AutoCloseable {
    final HttpServer server;
    final List<HttpExchange> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger peak = new AtomicInteger();
    private static final String LEAVE = "feedloom.test.leave";

    TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    TestServer on(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.add(exchange);
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            AtomicBoolean left = new AtomicBoolean();
            Runnable leave = () -> {
                if (left.compareAndSet(false, true)) {
                    inFlight.decrementAndGet();
                }
            };
            exchange.setAttribute(LEAVE, leave);
            try {
                handler.handle(exchange);
            } finally {
                leave.run();
                exchange.close();
            }
        });
        return this;
    }

    /**
     * Sends a response. The request stops counting as in flight before its first byte goes out: once the client has
     * read the response it may start its next request, which must not be counted beside this one.
     */
    static void send(HttpExchange ex, int status, String contentType, byte[] body, String... headers) throws IOException {
        if (ex.getAttribute(LEAVE) instanceof Runnable leave) {
            leave.run();
        }
        if (contentType != null) {
            ex.getResponseHeaders().add("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            ex.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        ex.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
        if (body != null && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static void send(HttpExchange ex, int status, String contentType, String body, String... headers) throws IOException {
        send(ex, status, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
