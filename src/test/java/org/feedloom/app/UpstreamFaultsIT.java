package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of upstream trouble at once — refused connection, reset mid-body, unknown host, TLS spoken to a plain
 * HTTP server, a server trickling one byte a second, a 200 with an HTML error page — each becomes its own source's
 * error in {@code /status}, and every feed keeps serving its articles.
 */
class UpstreamFaultsIT {
    @TempDir Path dir;

    @Test
    void eachFaultIsItsSourcesErrorInTheStatus_andFeedsKeepServing() throws Exception {
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.setExecutor(Executors.newCachedThreadPool());
        upstream.createContext("/trickle", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream body = ex.getResponseBody()) {
                for (int i = 0; i < 30; i++) {
                    body.write('<');
                    body.flush();
                    Thread.sleep(1_000);
                }
            } catch (Exception e) {
                // the client hung up, as it should
            }
        });
        upstream.createContext("/html", ex -> {
            byte[] page = "<html><body>Oops, something went wrong</body></html>".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        upstream.start();
        int refused;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            refused = s.getLocalPort(); // closed again: nothing listens there
        }
        try (ServerSocket resetter = resetMidBody()) {
            String http = "http://127.0.0.1:" + upstream.getAddress().getPort();
            String config = "fetch:\n  timeout: 3s\n  connectTimeout: 2s\nsources:\n"
                    + source("refused", "http://127.0.0.1:" + refused + "/feed")
                    + source("reset", "http://127.0.0.1:" + resetter.getLocalPort() + "/feed")
                    + source("unknown-host", "http://no-such-host.invalid/feed")
                    + source("tls", "https://127.0.0.1:" + upstream.getAddress().getPort() + "/tls")
                    + source("trickle", http + "/trickle")
                    + source("html", http + "/html");
            Path configDir = Files.createDirectories(dir.resolve("config"));
            Files.writeString(configDir.resolve("feedloom.yaml"), config);
            try (RunningFeedloom app = RunningFeedloom.start(configDir, MainTest.seeds(), dir.resolve("data"))) {
                for (String id : new String[] {"refused", "reset", "unknown-host", "tls", "trickle", "html"}) {
                    RunningFeedloom.waitUntil(id + " fails", () -> app.status(id).contains("\"state\":\"error\""));
                    String s = app.status(id);
                    assertTrue(s.contains("\"error\":\"fetch: ") || s.contains("\"error\":\"parse: "), s);
                    assertTrue(!s.contains("\"nextFetch\":null"), "a failed source is tried again later: " + s);
                }
                assertTrue(app.status("trickle").contains("timed out") || app.status("trickle").contains("timeout"),
                        app.status("trickle"));
                assertTrue(app.status("html").contains("not a feed"), app.status("html"));
                String all = app.get("/status");
                java.util.List<Integer> at = java.util.stream.Stream.of("refused", "reset", "unknown-host", "tls",
                        "trickle", "html").map(id -> all.indexOf("\"id\":\"" + id + "\"")).toList();
                assertEquals(at.stream().sorted().toList(), at, "/status lists sources in configuration order");
                assertEquals(5, app.atom("ai").getEntries().size(), "the seeds are still served");
                assertEquals(18, app.atom("all").getEntries().size());
            }
        } finally {
            upstream.stop(0);
        }
    }

    private static String source(String name, String url) {
        return "  - name: " + name + "\n    url: " + url + "\n";
    }

    /** Answers every connection with headers promising 100,000 bytes, a few bytes of body, then a TCP reset. */
    private static ServerSocket resetMidBody() throws Exception {
        ServerSocket server = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                            + "Content-Length: 100000\r\n\r\n<rss version=\"2.0\"><chan").getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.setSoLinger(true, 0); // close with RST
                } catch (Exception e) {
                    // closed
                }
            }
        }, "resetter");
        t.setDaemon(true);
        t.start();
        return server;
    }
}
