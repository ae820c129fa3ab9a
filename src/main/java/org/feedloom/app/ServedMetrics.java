package org.feedloom.app;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.feedloom.metrics.Metrics;
import org.feedloom.model.Catalog;
import org.feedloom.model.RebuildFailure;
import org.feedloom.model.SourceState;
import org.feedloom.model.Topic;
import org.feedloom.publish.FeedCache;
import org.feedloom.web.MetricsSource;
import org.feedloom.web.WebApp;

/**
 * The current values {@code serve} shows on {@code /metrics}, read at each scrape from what the stages already
 * keep: the sources' states (as {@code /status} reads them), the served catalog's articles by topic, the caches'
 * counters, the requests the web app counted, the store writer's queue, and the related coverage's entries held.
 * None of them reads the store or waits for its writer: a scrape is cheap whatever the store is doing.
 *
 * <p>{@code feedloom_articles} counts the served catalog's articles: for the moments after a restart while the
 * stored articles are merged, the newest stored ones served meanwhile (each topic's first page).
 */
final class ServedMetrics {
    private ServedMetrics() {
    }

    /** Registers the readings of a server's stages with {@code metrics}. */
    static void register(Metrics metrics, LiveSources live, Supplier<Catalog> catalog, FeedCache cache,
                         StoreWriter writer, WebApp web, BooleanSupplier merging,
                         Supplier<RebuildFailure> rebuildFailing, Aggregator aggregator) {
        metrics.sources(sample -> {
            Map<SourceState.Status, Integer> byStatus = new EnumMap<>(SourceState.Status.class);
            for (SourceState.Status status : SourceState.Status.values()) {
                byStatus.put(status, 0);
            }
            live.states().forEach(s -> byStatus.merge(s.status(), 1, Integer::sum));
            byStatus.forEach((status, n) -> sample.of(n, status.label()));
        });
        metrics.articles(sample -> {
            Catalog current = catalog.get();
            for (Topic topic : current.topics()) {
                sample.of(current.articlesOf(topic.slug()).size(), topic.slug());
            }
        });
        metrics.cacheRequests(sample -> {
            FeedCache.Stats rendered = cache.stats();
            WebApp.Traffic traffic = web.traffic();
            sample.of(rendered.hits(), "rendered", "hit");
            sample.of(rendered.misses(), "rendered", "miss");
            sample.of(traffic.answerHits(), "answers", "hit");
            sample.of(traffic.answerMisses(), "answers", "miss");
        });
        metrics.cacheBytes(sample -> sample.of(cache.stats().bytes(), "rendered"));
        metrics.cacheEvictions(sample -> sample.of(cache.stats().evictions(), "rendered"));
        metrics.httpRequests(sample -> web.traffic().requests()
                .forEach(r -> sample.of(r.count(), r.route(), Integer.toString(r.status()))));
        metrics.storeQueue(sample -> sample.of(writer.queued()));
        metrics.merging(sample -> sample.of(merging.getAsBoolean() ? 1 : 0));
        metrics.rebuildsFailing(sample -> {
            RebuildFailure failing = rebuildFailing.get();
            sample.of(failing == null ? 0 : failing.failures());
        });
        metrics.coverageEntries(sample -> sample.of(aggregator.coverageEntries()));
        metrics.coverageDaysRead(sample -> sample.of(aggregator.coverageDaysRead()));
    }

    /** What {@code /metrics} serves: a scrape of {@code metrics}. */
    static MetricsSource source(Metrics metrics) {
        return accept -> {
            Metrics.Scrape scrape = metrics.scrape(accept);
            return new MetricsSource.Exposition(scrape.contentType(), scrape.body());
        };
    }
}
