package org.feedloom.publish;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

/**
 * Rendered documents by (stamp, document name, base URL), bounded by their bytes: a document weighs its plain and
 * gzip bodies plus {@value #OVERHEAD} bytes for its headers and the entry, and the least recently used go first
 * once the budget is reached. The stamp is the catalog version in which what the document shows last changed (a
 * topic's {@link org.feedloom.model.Catalog#stampOf stamp}), so a change means new keys: a document is rendered and
 * compressed once per change of what it shows, never per request; old stamps age out. Thread-safe: concurrent
 * requests for a missing document render it once.
 *
 * <p>Each render is timed and reported, with the kind of document, to the listener it is given (for the metrics):
 * a measurement, not a decision, so the one place in this package that reads a clock.
 */
public final class FeedCache {
    /** The bytes a cached document costs besides its bodies (ETags, type, the entry and its key), roughly. */
    static final int OVERHEAD = 512;
    private final Cache<Key, RenderedFeed> cache;
    private final ObjLongConsumer<String> renders;

    /**
     * What the cache did so far.
     *
     * @param hits      lookups answered from the cache
     * @param misses    lookups that rendered (or found nothing to render)
     * @param evictions documents dropped to keep within the budget
     * @param bytes     what the cached documents weigh now
     */
    public record Stats(long hits, long misses, long evictions, long bytes) {}

    /** @param maxBytes the budget of rendered bytes (at least one byte; a document larger than it is not kept) */
    public FeedCache(long maxBytes) {
        this(maxBytes, (document, nanos) -> { });
    }

    /**
     * @param renders told each render's kind of document ({@code atom}, {@code rss}, {@code json}, {@code opml},
     *                {@code index} or {@code page}) and how many nanoseconds it took; must be quick and not throw
     */
    public FeedCache(long maxBytes, ObjLongConsumer<String> renders) {
        this(maxBytes, renders, null);
    }

    /**
     * A cache whose upkeep (recording reads, evicting) runs on {@code upkeep}, or on Caffeine's default (the common
     * pool, off the request threads) when null. Tests of the eviction policy run it on the calling thread: on a
     * loaded machine the pool may lag, reads go unrecorded, and which document is evicted depends on timing.
     */
    FeedCache(long maxBytes, ObjLongConsumer<String> renders, java.util.concurrent.Executor upkeep) {
        this.renders = renders;
        Caffeine<Object, Object> builder = Caffeine.newBuilder();
        if (upkeep != null) {
            builder.executor(upkeep);
        }
        this.cache = builder
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
        return cache.get(new Key(stamp, name, baseUrl), k -> timed(k.name(), render));
    }

    private RenderedFeed timed(String name, Supplier<RenderedFeed> render) {
        long started = System.nanoTime();
        RenderedFeed rendered = render.get();
        renders.accept(kind(name), System.nanoTime() - started);
        return rendered;
    }

    /** The kind of document a cache name is of: the part before its colon ({@code atom:ai}), or the whole name. */
    static String kind(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** What the cache did so far; reads counters only (and tidies the cache, as {@link #bytes()} does). */
    public Stats stats() {
        CacheStats s = cache.stats();
        return new Stats(s.hitCount(), s.missCount(), s.evictionCount(), bytes());
    }

    /** How many documents were rendered so far (cache misses). */
    public long renderCount() {
        return cache.stats().missCount();
    }

    private record Key(long stamp, String name, String baseUrl) {}
}
