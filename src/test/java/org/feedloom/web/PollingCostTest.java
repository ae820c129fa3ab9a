package org.feedloom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.model.Catalog;
import org.feedloom.model.Removals;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;
import org.feedloom.publish.SiteInfo;
import org.feedloom.publish.StatusPage;
import org.feedloom.seed.SeedLoader;
import org.feedloom.topic.TopicIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 5, polling cost: every published document, in both encodings, answers with {@code Vary: Accept-Encoding},
 * {@code Cache-Control} and a {@code Content-Length} equal to its body; the 304 to its own ETag carries the same
 * {@code Vary} and content type, and no {@code Content-Length} (as nginx: never a 0 for a non-empty document, and
 * never a length that a client trusting {@code Content-Length} would wait for).
 */
class PollingCostTest {
    static WebApp web;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        var seeds = SeedLoader.load(Path.of(PollingCostTest.class.getResource("/seeds").toURI()));
        Catalog catalog = new TopicIndex(List.of()).catalog(1, ArticleMerger.merge(seeds.items(), k -> Instant.EPOCH));
        SiteInfo site = new SiteInfo("Feedloom", "Feedloom", "test", 50);
        web = new WebApp(() -> catalog, new Publisher(site, new FeedCache(100L * 1024 * 1024)),
                new WebSettings(null, Duration.ofMinutes(7), null), List::of, () -> Removals.NONE, new StatusPage(site), AdminActions.NONE,
                Clock.systemUTC());
        base = "http://127.0.0.1:" + web.start("127.0.0.1", 0) + "/";
    }

    @AfterAll
    static void stop() {
        web.stop();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @ParameterizedTest(name = "{0} with Accept-Encoding ''{1}''")
    @CsvSource({
            "feeds/ai.xml, identity", "feeds/ai.xml, gzip",
            "feeds/ai.xml?page=1, identity", "feeds/ai.xml?page=1, gzip",
            "feeds/ai.rss, identity", "feeds/ai.rss, gzip",
            "feeds/ai.json, identity", "feeds/ai.json, gzip",
            "feeds/index.opml, identity", "feeds/index.opml, gzip",
            "'', identity", "'', gzip",
            "topics/ai, identity", "topics/ai, gzip",
    })
    void fullResponse_andItsRevalidation_carryVaryAndTheRealLength(String path, String encoding) throws Exception {
        HttpResponse<byte[]> full = get(path, "Accept-Encoding", encoding);
        assertEquals(200, full.statusCode());
        assertEquals("Accept-Encoding", header(full, "Vary"));
        assertEquals("public, max-age=420", header(full, "Cache-Control"));
        assertEquals(String.valueOf(full.body().length), header(full, "Content-Length"));
        assertEquals(encoding.equals("gzip") ? "gzip" : null, header(full, "Content-Encoding"));
        String etag = header(full, "ETag");
        assertNotNull(etag);

        HttpResponse<byte[]> revalidated = get(path, "Accept-Encoding", encoding, "If-None-Match", etag);
        assertEquals(304, revalidated.statusCode());
        assertEquals(0, revalidated.body().length);
        assertEquals(etag, header(revalidated, "ETag"));
        assertEquals("Accept-Encoding", header(revalidated, "Vary"));
        assertEquals(header(full, "Content-Type"), header(revalidated, "Content-Type"));
        assertNull(header(revalidated, "Content-Length"));
    }
}
