package org.feedloom.publish;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;

/**
 * Rendered documents by (catalog version, document name, base URL). A new catalog version means new keys, so
 * a document is rendered and compressed once per change of the articles, never per request; old versions
 * age out by size. Thread-safe: concurrent requests for a missing document render it once.
 */
public final class FeedCache {
    private final Cache<Key, RenderedFeed> cache;

    public FeedCache(long maxDocuments) {
        this.cache = Caffeine.newBuilder().maximumSize(maxDocuments).recordStats().build();
    }

    /** The cached document, rendering it with {@code render} if absent. */
    public RenderedFeed get(long version, String name, String baseUrl, Supplier<RenderedFeed> render) {
        return cache.get(new Key(version, name, baseUrl), k -> render.get());
    }

    /** How many documents were rendered so far (cache misses). */
    public long renderCount() {
        return cache.stats().missCount();
    }

    private record Key(long version, String name, String baseUrl) {}
}
