package org.feedloom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Catalog;
import org.feedloom.model.Removals;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;
import org.feedloom.publish.SiteInfo;
import org.feedloom.publish.StatusPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests are counted by route template and status, whether the fast path or Javalin answered them, and
 * {@code /metrics} serves what its source gives, uncached.
 */
class RequestCountsTest {
    final Catalog catalog = FeedFastPathTest.catalog(1, "First title");
    final HttpClient http = HttpClient.newHttpClient();
    WebApp web;
    int port;

    @BeforeEach
    void start() {
        SiteInfo site = new SiteInfo("Feedloom", "Feedloom", "test", 50);
        MetricsSource metrics = accept -> new MetricsSource.Exposition("text/plain; version=0.0.4; charset=utf-8",
                ("# accept " + accept + "\n").getBytes(StandardCharsets.UTF_8));
        web = new WebApp(() -> catalog, new Publisher(site, new FeedCache(1 << 24)), WebSettings.defaults(), List::of,
                () -> Removals.NONE, new StatusPage(site), AdminActions.NONE, Clock.systemUTC(), metrics);
        port = web.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        web.stop();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>();
        web.traffic().requests().forEach(c -> out.put(c.route() + " " + c.status(), c.count()));
        return out;
    }

    /**
     * The counts once {@code n} requests are counted in all: Javalin counts a request after its handler, which may
     * be after the client has read a response whose body did not fit the output buffer.
     */
    Map<String, Long> counts(long n) throws InterruptedException {
        for (int i = 0; i < 100 && counts().values().stream().mapToLong(Long::longValue).sum() < n; i++) {
            Thread.sleep(20);
        }
        return counts();
    }

    @Test
    void requests_areCountedByRouteTemplateAndStatus_onTheFastPathAndOnJavalin() throws Exception {
        assertEquals(200, get("/feeds/all.xml").statusCode()); // the fast path (an answer made, then cached)
        String etag = get("/feeds/all.xml").headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/feeds/all.xml", "If-None-Match", etag).statusCode());
        assertEquals(200, get("/feeds/all.xml?page=1").statusCode()); // Javalin's route, same template
        assertEquals(404, get("/feeds/nothing.xml").statusCode());
        assertEquals(200, get("/").statusCode());
        assertEquals(200, get("/healthz").statusCode());
        assertEquals(404, get("/no/such/path").statusCode());

        Map<String, Long> counts = counts(8);
        assertEquals(3L, counts.get("/feeds/{file} 200"), counts.toString());
        assertEquals(1L, counts.get("/feeds/{file} 304"), counts.toString());
        assertEquals(1L, counts.get("/feeds/{file} 404"), counts.toString());
        assertEquals(1L, counts.get("/ 200"), counts.toString());
        assertEquals(1L, counts.get("/healthz 200"), counts.toString());
        assertEquals(1L, counts.get("other 404"), counts.toString());
        assertFalse(counts.keySet().stream().anyMatch(k -> k.contains("/no/such")), counts.toString());

        WebApp.Traffic traffic = web.traffic();
        assertEquals(1, traffic.answerMisses());
        assertEquals(2, traffic.answerHits());
    }

    @Test
    void metrics_servesTheSourcesExposition_uncached_andIsCountedLikeAnyRoute() throws Exception {
        HttpResponse<String> r = get("/metrics", "Accept", "text/plain");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("# accept text/plain\n", r.body());
        get("/metrics");
        assertEquals(2L, counts(2).get("/metrics 200"));
        assertTrue(web.traffic().requests().stream().allMatch(c -> c.count() > 0));
    }
}
