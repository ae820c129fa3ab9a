package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedloom.metrics.TextFormat;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: {@code GET /metrics} of a running Feedloom, parsed by a strict text-format parser, says what happened:
 * a fetch cycle over loopback feeds (one fine, then not modified; one failing), feeds and pages requested, the
 * caches hit.
 */
class MetricsIT {
    static final String ITEMS = """
            <item><title>A new machine learning robot</title><link>https://news.example.org/robot</link>
              <pubDate>Sun, 22 Nov 2026 08:00:00 GMT</pubDate></item>
            <item><title>Gardening</title><link>https://news.example.org/garden</link></item>
            """;

    @TempDir Path dir;
    UpstreamFeed fine;
    UpstreamFeed gone;
    RunningFeedloom server;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        fine.close();
        gone.close();
    }

    /**
     * Feedloom on a feed that answers (with validators), one whose server is stopped, and a site on that server
     * whose feed cannot be discovered, each fetched once.
     */
    void startAndFetchOnce() throws Exception {
        fine = UpstreamFeed.start(LiveSourcesIT.rss(ITEMS), true);
        gone = UpstreamFeed.start(LiveSourcesIT.rss(""), true);
        gone.close(); // connection refused: an error
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), LiveSourcesIT.TOPICS + "sources:\n"
                + "  - name: Fine\n    url: " + fine.url() + "\n    interval: 1h\n"
                + "  - name: Gone\n    url: " + gone.url() + "\n    interval: 1h\n"
                + "  - name: Nowhere\n    site: " + gone.url().replace("/feed.xml", "/") + "\n    interval: 1h\n");
        server = RunningFeedloom.start(config, MainTest.seeds(), dir.resolve("data"));
        RunningFeedloom.waitUntil("all three fetched, the fine one published", () -> server.status("fine")
                .contains("\"state\":\"ok\"") && server.status("gone").contains("\"state\":\"error\"")
                && server.status("nowhere").contains("\"state\":\"error\"") && server.allHas("https://news.example.org/robot"));
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    TextFormat scrape() throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        return TextFormat.parse(r.body());
    }

    /**
     * Scrapes until {@code done} holds (at most 5 s): a request is counted once its handler has returned, which may
     * be just after its client has the whole response.
     */
    TextFormat scrapeUntil(Predicate<TextFormat> done) throws Exception {
        TextFormat t = scrape();
        for (int i = 0; i < 100 && !done.test(t); i++) {
            Thread.sleep(50);
            t = scrape();
        }
        return t;
    }

    static double requests(TextFormat t, String route, int status) {
        return t.valueOr(0, "feedloom_http_requests_total", "route", route, "status", Integer.toString(status));
    }

    static double cache(TextFormat t, String cache, String result) {
        return t.value("feedloom_cache_requests_total", "cache", cache, "result", result);
    }

    @Test
    void metrics_afterAFetchCycleAndRequests_countWhatHappened() throws Exception {
        startAndFetchOnce();
        assertTrue(server.server.live().refresh("fine"));
        RunningFeedloom.waitUntil("the second fetch", () -> server.status("fine").contains("not-modified"));
        server.server.writer().flush();

        TextFormat before = scrape();
        assertEquals(1, before.value("feedloom_fetches_total", "outcome", "ok"));
        assertEquals(1, before.value("feedloom_fetches_total", "outcome", "not-modified"));
        assertEquals(2, before.value("feedloom_fetches_total", "outcome", "error"), "the dead feed, the dead site");
        assertEquals(0, before.value("feedloom_fetches_total", "outcome", "gone"));
        assertEquals(server.server.writer().handed(), before.all("feedloom_fetches_total").values().stream()
                .mapToDouble(Double::doubleValue).sum(), "one fetch counted per refresh handed to the writer");
        assertEquals(4, before.value("feedloom_fetch_duration_seconds_count"));
        assertEquals(LiveSourcesIT.rss(ITEMS).getBytes(StandardCharsets.UTF_8).length,
                before.value("feedloom_fetched_bytes_total"), "the one 200's body");
        double requests = before.value("feedloom_host_wait_seconds_count", "limit", "host");
        assertTrue(requests > 3, "3 fetches and the tries to discover the site's feed: " + requests);
        assertEquals(requests, before.value("feedloom_host_wait_seconds_count", "limit", "overall"));

        assertEquals(1, before.value("feedloom_sources", "state", "not-modified"));
        assertEquals(2, before.value("feedloom_sources", "state", "error"));
        assertEquals(0, before.value("feedloom_sources", "state", "ok"));
        assertEquals(0, before.value("feedloom_sources", "state", "pending"));

        assertEquals(server.server.writer().committed(), before.value("feedloom_store_commit_sources_sum"));
        assertEquals(server.server.writer().transactions(), before.value("feedloom_store_commit_duration_seconds_count"));
        assertTrue(before.value("feedloom_merge_duration_seconds_count") >= 2, "the first catalog and a rebuild");
        assertEquals(0, before.value("feedloom_store_queued_outcomes"));
        assertEquals(0, before.value("feedloom_merging"), "a new store: nothing stored to merge");
        assertEquals(0, before.value("feedloom_rebuilds_failing"), "every rebuild passed");
        articlesAreTheServedCounts(before);

        String etag = get("/feeds/ai.xml").headers().firstValue("ETag").orElseThrow();
        assertEquals(200, get("/feeds/ai.xml").statusCode());
        assertEquals(304, get("/feeds/ai.xml", "If-None-Match", etag).statusCode());
        assertEquals(200, get("/").statusCode());
        assertEquals(200, get("/").statusCode());
        assertEquals(404, get("/no/such/thing").statusCode());
        TextFormat after = scrapeUntil(t -> requests(t, "other", 404) == requests(before, "other", 404) + 1
                && requests(t, "/", 200) == requests(before, "/", 200) + 2);

        assertEquals(2, requests(after, "/feeds/{file}", 200) - requests(before, "/feeds/{file}", 200));
        assertEquals(1, requests(after, "/feeds/{file}", 304) - requests(before, "/feeds/{file}", 304));
        assertEquals(2, requests(after, "/", 200) - requests(before, "/", 200));
        assertEquals(1, requests(after, "other", 404) - requests(before, "other", 404));
        assertTrue(requests(after, "/metrics", 200) >= 1);
        assertTrue(after.all("feedloom_http_requests_total").keySet().stream().noneMatch(k -> k.contains("/no/")),
                "unmatched paths are not labels");

        assertEquals(1, cache(after, "answers", "miss") - cache(before, "answers", "miss"), "the feed's first answer");
        assertEquals(2, cache(after, "answers", "hit") - cache(before, "answers", "hit"), "then from its answer");
        assertEquals(2, cache(after, "rendered", "miss") - cache(before, "rendered", "miss"), "the feed, the index");
        assertEquals(1, cache(after, "rendered", "hit") - cache(before, "rendered", "hit"), "the index again");
        assertTrue(after.value("feedloom_cache_bytes", "cache", "rendered") > before.value("feedloom_cache_bytes",
                "cache", "rendered"));
        assertEquals(1, after.valueOr(0, "feedloom_render_duration_seconds_count", "document", "index")
                - before.valueOr(0, "feedloom_render_duration_seconds_count", "document", "index"));
        assertEquals(1, after.valueOr(0, "feedloom_render_duration_seconds_count", "document", "atom")
                - before.valueOr(0, "feedloom_render_duration_seconds_count", "document", "atom"));

        assertTrue(after.value("jvm_memory_used_bytes", "area", "heap") > 0, "the JVM's own metrics");
        assertTrue(after.value("process_cpu_seconds_total") > 0);
    }

    /** {@code feedloom_articles} of every topic is its count as served: on the index page and {@code /healthz}. */
    void articlesAreTheServedCounts(TextFormat t) throws Exception {
        Catalog catalog = server.catalog();
        assertEquals(catalog.topics().size(), t.all("feedloom_articles").size(), t.all("feedloom_articles").toString());
        for (Topic topic : catalog.topics()) {
            assertEquals(catalog.articlesOf(topic.slug()).size(), t.value("feedloom_articles", "topic", topic.slug()),
                    topic.slug());
        }
        Matcher health = Pattern.compile("\"articles\":(\\d+)").matcher(server.get("/healthz"));
        assertTrue(health.find());
        assertEquals(Integer.parseInt(health.group(1)), t.value("feedloom_articles", "topic", Topic.ALL_SLUG));
        assertEquals(18 + 2, t.value("feedloom_articles", "topic", Topic.ALL_SLUG), "the seeds and the 2 live items");
        assertEquals(6, t.value("feedloom_articles", "topic", "ai"), "5 seeds and the robot");
    }

    @Test
    void metrics_answersHead_andOpenMetricsWhenAskedFor_andIsNeverCached() throws Exception {
        startAndFetchOnce();
        HttpResponse<String> open = get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
        assertEquals(200, open.statusCode());
        assertTrue(open.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        assertTrue(open.body().endsWith("# EOF\n"));
        assertEquals("no-store", open.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(server.url("/metrics")))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
    }
}
