package org.feedloom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Removals;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;
import org.feedloom.publish.SiteInfo;
import org.feedloom.publish.StatusPage;
import org.feedloom.topic.TopicIndex;
import org.junit.jupiter.api.Test;

/** The fast path remembers its last answer per path only while the catalog and the Host header are the same. */
class FeedFastPathTest {
    static Catalog catalog(long version, String... titles) {
        List<Item> items = new java.util.ArrayList<>();
        for (int i = 0; i < titles.length; i++) {
            items.add(Item.ofFeed("source:t", "https://example.org/a/" + i, titles[i]));
        }
        return new TopicIndex(List.of()).catalog(version, ArticleMerger.merge(items, k -> Instant.EPOCH));
    }

    static String raw(int port, String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void feed_afterTheCatalogChanges_isTheNewOne_andEachHostGetsItsOwnLinks() throws Exception {
        AtomicReference<Catalog> current = new AtomicReference<>(catalog(1, "First title"));
        SiteInfo site = new SiteInfo("Feedloom", "Feedloom", "test", 50);
        WebApp web = new WebApp(current::get, new Publisher(site, new FeedCache(100L * 1024 * 1024)), WebSettings.defaults(), List::of,
                () -> Removals.NONE, new StatusPage(site), AdminActions.NONE, java.time.Clock.systemUTC());
        int port = web.start("127.0.0.1", 0);
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + port + "/feeds/all.xml");
            HttpResponse<String> first = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(first.body(), again.body());
            assertTrue(first.body().contains("First title"));

            current.set(catalog(2, "Second title"));
            HttpResponse<String> next = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(next.body().contains("Second title"), next.body());
            assertNotEquals(first.headers().firstValue("ETag"), next.headers().firstValue("ETag"));

            String otherHost = raw(port, "GET /feeds/all.xml HTTP/1.1\r\nHost: feeds.example.net\r\nConnection: close\r\n\r\n");
            assertTrue(otherHost.contains("http://feeds.example.net/feeds/all.xml"), otherHost);
            HttpResponse<String> back = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(next.body(), back.body());
        } finally {
            web.stop();
        }
    }
}
