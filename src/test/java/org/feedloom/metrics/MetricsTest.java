package org.feedloom.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What is recorded and read shows in a scrape that a strict parser of the text format accepts. */
class MetricsTest {
    static String text(Metrics metrics, String accept) {
        return new String(metrics.scrape(accept).body(), StandardCharsets.UTF_8);
    }

    @Test
    void recordedEvents_andReadings_showInTheTextFormat_namedByTheConventions() {
        Metrics metrics = new Metrics();
        metrics.fetched("ok", TimeUnit.MILLISECONDS.toNanos(30), 1000);
        metrics.fetched("ok", TimeUnit.MILLISECONDS.toNanos(70), 500);
        metrics.fetched("not-modified", TimeUnit.MILLISECONDS.toNanos(3), 0);
        metrics.hostWaited("host", TimeUnit.SECONDS.toNanos(2));
        metrics.hostWaited("overall", 0);
        metrics.merged(TimeUnit.MILLISECONDS.toNanos(4));
        metrics.rendered("atom", TimeUnit.MILLISECONDS.toNanos(2));
        metrics.committed(3, TimeUnit.MILLISECONDS.toNanos(8));
        metrics.committed(64, TimeUnit.MILLISECONDS.toNanos(80));
        metrics.sources(sample -> {
            sample.of(2, "ok");
            sample.of(1, "error");
        });
        metrics.articles(sample -> sample.of(42, "all"));
        metrics.cacheRequests(sample -> {
            sample.of(5, "rendered", "hit");
            sample.of(1, "rendered", "miss");
        });
        metrics.cacheBytes(sample -> sample.of(4096, "rendered"));
        metrics.cacheEvictions(sample -> sample.of(0, "rendered"));
        metrics.httpRequests(sample -> sample.of(7, "/feeds/{file}", "200"));
        metrics.storeQueue(sample -> sample.of(0));
        metrics.merging(sample -> sample.of(1));
        metrics.rebuildsFailing(sample -> sample.of(3));
        metrics.coverageEntries(sample -> sample.of(50_000));
        metrics.coverageDaysRead(sample -> sample.of(25));

        Metrics.Scrape scrape = metrics.scrape(null);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.contentType());
        TextFormat t = TextFormat.parse(new String(scrape.body(), StandardCharsets.UTF_8));

        assertEquals("counter", t.type("feedloom_fetches_total"));
        assertEquals(2, t.value("feedloom_fetches_total", "outcome", "ok"));
        assertEquals(1, t.value("feedloom_fetches_total", "outcome", "not-modified"));
        assertEquals(1500, t.value("feedloom_fetched_bytes_total"));
        assertEquals("histogram", t.type("feedloom_fetch_duration_seconds"));
        assertEquals(3, t.value("feedloom_fetch_duration_seconds_count"));
        assertEquals(0.103, t.value("feedloom_fetch_duration_seconds_sum"), 1e-9);
        assertEquals(1, t.value("feedloom_fetch_duration_seconds_bucket", "le", "0.005"));
        assertEquals(3, t.value("feedloom_fetch_duration_seconds_bucket", "le", "0.1"));
        assertEquals(0, t.value("feedloom_host_wait_seconds_bucket", "limit", "host", "le", "1.0"));
        assertEquals(1, t.value("feedloom_host_wait_seconds_bucket", "limit", "host", "le", "2.5"));
        assertEquals(1, t.value("feedloom_host_wait_seconds_count", "limit", "overall"));
        assertEquals(1, t.value("feedloom_merge_duration_seconds_count"));
        assertEquals(1, t.value("feedloom_render_duration_seconds_count", "document", "atom"));
        assertEquals(2, t.value("feedloom_store_commit_duration_seconds_count"));
        assertEquals(67, t.value("feedloom_store_commit_sources_sum"));
        assertEquals(1, t.value("feedloom_store_commit_sources_bucket", "le", "4.0"));

        assertEquals("gauge", t.type("feedloom_sources"));
        assertEquals(2, t.value("feedloom_sources", "state", "ok"));
        assertEquals(42, t.value("feedloom_articles", "topic", "all"));
        assertEquals("counter", t.type("feedloom_cache_requests_total"));
        assertEquals(5, t.value("feedloom_cache_requests_total", "cache", "rendered", "result", "hit"));
        assertEquals(4096, t.value("feedloom_cache_bytes", "cache", "rendered"));
        assertEquals(0, t.value("feedloom_cache_evictions_total", "cache", "rendered"));
        assertEquals(7, t.value("feedloom_http_requests_total", "route", "/feeds/{file}", "status", "200"));
        assertEquals(0, t.value("feedloom_store_queued_outcomes"));
        assertEquals("gauge", t.type("feedloom_merging"));
        assertEquals(1, t.value("feedloom_merging"));
        assertEquals("gauge", t.type("feedloom_rebuilds_failing"));
        assertEquals(3, t.value("feedloom_rebuilds_failing"));
        assertEquals("gauge", t.type("feedloom_coverage_entries"));
        assertEquals(50_000, t.value("feedloom_coverage_entries"));
        assertEquals("counter", t.type("feedloom_coverage_days_read_total"));
        assertEquals(25, t.value("feedloom_coverage_days_read_total"));

        assertTrue(t.value("jvm_memory_used_bytes", "area", "heap") > 0, "the JVM's own metrics");
        assertTrue(t.value("jvm_threads_current") > 0);
        assertTrue(t.value("process_cpu_seconds_total") > 0);
    }

    @Test
    void aReadingThatThrows_showsNothing_andTheRestIsStillScraped() {
        Metrics metrics = new Metrics();
        metrics.sources(sample -> {
            throw new IllegalStateException("broken");
        });
        metrics.articles(sample -> sample.of(3, "ai"));
        TextFormat t = TextFormat.parse(text(metrics, null));
        assertTrue(t.all("feedloom_sources").isEmpty(), t.all("feedloom_sources").toString());
        assertEquals(3, t.value("feedloom_articles", "topic", "ai"));
    }

    /** The JVM's metrics are the process's: every instance shows them, once, without the client keeping it. */
    @Test
    void jvmMetrics_showInEveryInstancesScrape_onceEach() {
        for (int i = 0; i < 2; i++) {
            TextFormat t = TextFormat.parse(text(new Metrics(), null));
            assertTrue(t.value("jvm_threads_current") > 0);
            assertEquals("gauge", t.type("jvm_memory_used_bytes"));
        }
    }

    @Test
    void openMetrics_whenAskedFor_andTheTextFormat_whenProtobufIsAskedFor() {
        Metrics metrics = new Metrics();
        metrics.fetched("ok", 1, 1);
        Metrics.Scrape open = metrics.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertTrue(open.contentType().startsWith("application/openmetrics-text"), open.contentType());
        String body = new String(open.body(), StandardCharsets.UTF_8);
        assertTrue(body.endsWith("# EOF\n"), body.substring(Math.max(0, body.length() - 100)));
        assertTrue(body.contains("feedloom_fetches_total{outcome=\"ok\"} 1.0"), body);

        Metrics.Scrape proto = metrics.scrape(
                "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited");
        assertEquals("text/plain; version=0.0.4; charset=utf-8", proto.contentType());
        TextFormat.parse(new String(proto.body(), StandardCharsets.UTF_8));
    }

    @Test
    void theParser_rejectsWhatTheFormatForbids() {
        String ok = "# HELP a_total A.\n# TYPE a_total counter\na_total{x=\"1\"} 2\n";
        assertEquals(2, TextFormat.parse(ok).value("a_total", "x", "1"));
        assertThrows(IllegalArgumentException.class, () -> TextFormat.parse("a_total 1"), "no final newline");
        assertThrows(IllegalArgumentException.class, () -> TextFormat.parse("a 1\n"), "no TYPE");
        assertThrows(IllegalArgumentException.class, () -> TextFormat.parse("# TYPE a gauge\na{x=1} 1\n"), "unquoted");
        assertThrows(IllegalArgumentException.class, () -> TextFormat.parse("# TYPE a gauge\n1a 1\n"), "bad name");
        assertThrows(IllegalArgumentException.class, () -> TextFormat.parse("# TYPE a gauge\na one\n"), "bad value");
        assertThrows(IllegalArgumentException.class, () -> TextFormat.parse("# TYPE a gauge\na 1\na 2\n"), "twice");
        assertThrows(IllegalArgumentException.class, () -> TextFormat.parse("# TYPE a counter\na -1\n"), "negative");
        String histogram = "# TYPE h histogram\nh_bucket{le=\"1.0\"} 2\nh_bucket{le=\"+Inf\"} %s\nh_count %s\nh_sum 3\n";
        assertEquals(3, TextFormat.parse(String.format(histogram, "3", "3")).value("h_count"));
        assertThrows(IllegalArgumentException.class, () -> TextFormat.parse(String.format(histogram, "1", "1")),
                "not cumulative");
        assertThrows(IllegalArgumentException.class, () -> TextFormat.parse(String.format(histogram, "3", "4")),
                "+Inf != _count");
    }
}
