package org.feedloom.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A publisher's feed for an end-to-end test: a real HTTP server on a free loopback port serving {@code /feed.xml}
 * as RSS, whose body the test changes between fetches. With validators it sends an ETag and answers a matching
 * {@code If-None-Match} with 304, as most publishers do; without, every fetch is a 200 (so retention runs each time the body changes; the same
 * bytes again count as not modified).
 */
final class UpstreamFeed implements AutoCloseable {
    private final HttpServer server;
    private final AtomicReference<String> body;

    private UpstreamFeed(String body, boolean validators) {
        this.body = new AtomicReference<>(body);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/feed.xml", ex -> {
            String text = this.body.get();
            String etag = "\"" + Integer.toHexString(text.hashCode()) + "\"";
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
            if (validators) {
                ex.getResponseHeaders().add("ETag", etag);
            }
            if (validators && etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
            } else {
                ex.sendResponseHeaders(200, bytes.length);
                ex.getResponseBody().write(bytes);
            }
            ex.close();
        });
        server.start();
    }

    /** An RSS 2.0 document with the content module, titled {@code title}, holding {@code items}. */
    static String rss(String title, String items) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                + "<channel><title>" + title + "</title><link>https://example.org/</link><description>d</description>"
                + items + "</channel></rss>";
    }

    /** An RSS item with its full text in {@code content:encoded}. */
    static String item(String title, String url, String date, String content) {
        return "<item><title>" + title + "</title><link>" + url + "</link><pubDate>" + date + "</pubDate>"
                + "<content:encoded><![CDATA[" + content + "]]></content:encoded></item>";
    }

    /** Serves {@code body} until {@link #set} changes it. */
    static UpstreamFeed start(String body, boolean validators) {
        return new UpstreamFeed(body, validators);
    }

    /** What the next fetch gets. */
    void set(String newBody) {
        body.set(newBody);
    }

    /** {@code http://127.0.0.1:PORT/feed.xml} */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
    }

    /** Stops serving (a later fetch fails to connect); idempotent. */
    @Override
    public void close() {
        server.stop(0);
    }
}
