package org.feedloom.publish;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.Supplier;

/**
 * Rendered documents by (stamp, document name, base URL), bounded by their bytes: a document weighs its plain and
 * gzip bodies plus {@value #OVERHEAD} bytes for its headers and the entry, and the least recently used go first
 * once the budget is reached. The stamp is the catalog version in which what the document shows last changed (a
 * topic's {@link org.feedloom.model.Catalog#stampOf stamp}), so a change means new keys: a document is rendered and
 * compressed once per change of what it shows, never per request; old stamps age out. Thread-safe: concurrent
 * requests for a missing document render it once.
 */
public final class FeedCache {
    /** The bytes a cached document costs besides its bodies (ETags, type, the entry and its key), roughly. */
    static final int OVERHEAD = 512;
    private final Cache<Key, RenderedFeed> cache;

    /** @param maxBytes the budget of rendered bytes (at least one byte; a document larger than it is not kept) */
    public FeedCache(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, RenderedFeed f) -> (int) Math.min(Integer.MAX_VALUE, weight(f)))
                .recordStats()
                .build();
    }

    static long weight(RenderedFeed f) {
        return (long) f.body().length + f.gzipBody().length + OVERHEAD;
    }

    /** The bytes the cached documents weigh now. */
    public long bytes() {
        cache.cleanUp();
        return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }

    /** The cached document, rendering it with {@code render} if absent. */
    public RenderedFeed get(long stamp, String name, String baseUrl, Supplier<RenderedFeed> render) {
        return cache.get(new Key(stamp, name, baseUrl), k -> render.get());
    }

    /** How many documents were rendered so far (cache misses). */
    public long renderCount() {
        return cache.stats().missCount();
    }

    private record Key(long stamp, String name, String baseUrl) {}
}
