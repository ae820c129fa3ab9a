package org.feedloom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Issue 13: the rendered-bytes cache is bounded by bytes, not by a count of documents. */
class FeedCacheTest {
    private static final Random RANDOM = new Random(7);

    /** A document of about {@code size} bytes that gzip cannot shrink much (random letters). */
    private static RenderedFeed document(int size) {
        StringBuilder s = new StringBuilder(size);
        for (int i = 0; i < size; i++) {
            s.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return RenderedFeed.of(s.toString().getBytes(StandardCharsets.UTF_8), Instant.EPOCH, "application/atom+xml");
    }

    @Test
    void manyLargeDocuments_stayWithinTheBudget_andTheOneAskedForMostIsKept() {
        RenderedFeed doc = document(20_000);
        long weight = FeedCache.weight(doc);
        long budget = 50 * weight;
        FeedCache cache = new FeedCache(budget, (kind, nanos) -> { }, Runnable::run); // upkeep on this thread
        for (int i = 1; i <= 400; i++) {
            cache.get(1, "all", "https://example.org/", () -> doc); // the feed every reader polls
            cache.get(1, "topic-" + i, "https://example.org/", () -> doc);
        }
        assertTrue(cache.bytes() <= budget, cache.bytes() + " bytes kept, budget " + budget);
        assertTrue(cache.bytes() >= 40 * weight, "it keeps what fits: " + cache.bytes());
        long rendered = cache.renderCount();
        cache.get(1, "all", "https://example.org/", () -> doc);
        assertEquals(rendered, cache.renderCount(), "the document asked for most is still there");
    }

    @Test
    void smallDocuments_manyFit() {
        RenderedFeed doc = document(2_000);
        FeedCache cache = new FeedCache(1024 * 1024);
        for (int i = 0; i < 200; i++) {
            cache.get(1, "page-" + i, "https://example.org/", () -> doc);
        }
        for (int i = 0; i < 200; i++) {
            cache.get(1, "page-" + i, "https://example.org/", () -> doc);
        }
        assertEquals(200, cache.renderCount(), "200 documents of about 3.5 KB fit in 1 MiB: none rendered twice");
        assertEquals(200 * FeedCache.weight(doc), cache.bytes());
    }

    @Test
    void stats_countHitsMissesAndBytes_andEachRenderIsReportedWithItsKindOfDocument() {
        RenderedFeed doc = document(1_000);
        List<String> rendered = new ArrayList<>();
        FeedCache cache = new FeedCache(1024 * 1024, (kind, nanos) -> {
            assertTrue(nanos >= 0);
            rendered.add(kind);
        });
        cache.get(1, "atom:ai", "https://example.org/", () -> doc);
        cache.get(1, "atom:ai", "https://example.org/", () -> doc);
        cache.get(1, "page:ai?page=1@3", "https://example.org/", () -> doc);
        cache.get(1, "opml", "https://example.org/", () -> doc);
        assertEquals(List.of("atom", "page", "opml"), rendered);
        assertEquals(new FeedCache.Stats(1, 3, 0, 3 * FeedCache.weight(doc)), cache.stats());
    }
}
