package org.feedloom.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.fetch.Discovery;
import org.feedloom.fetch.FeedDiscovery;
import org.feedloom.fetch.FetchRequest;
import org.feedloom.fetch.FetchResult;
import org.feedloom.fetch.HttpFetcher;
import org.feedloom.fetch.Schedule;
import org.feedloom.model.Item;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.parse.FeedParseException;
import org.feedloom.parse.FeedParser;
import org.feedloom.parse.ParsedFeed;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.feedloom.store.StoreException;
import org.feedloom.topic.TopicIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes one live source: discovers its feed if it is a site, fetches it with the stored validators, parses it,
 * commits the items and the new state to the store in one transaction, hands the source's stored items to the
 * aggregator and asks for a rebuild. Sequences the stages; the decisions are theirs. A site whose discovered feed
 * fails {@value #REDISCOVER_AFTER} times in a row is discovered again (sites move their feeds).
 *
 * <p>Thread-safe for different sources at once (the scheduler never runs one source twice at a time). Never throws
 * for a bad source: every failure becomes the source's state, logged once at WARN, without a stack trace.
 */
final class SourceRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(SourceRefresher.class);
    /** A site source whose discovered feed failed this many times in a row has its feed discovered again. */
    static final int REDISCOVER_AFTER = 3;

    private final HttpFetcher fetcher;
    private final FeedDiscovery discovery;
    private final FeedParser parser;
    private final ArticleStore store;
    private final Aggregator aggregator;
    private final Schedule schedule;
    private final Clock clock;
    private final Runnable onItemsChanged;
    private final Map<String, SourceState> states = new ConcurrentHashMap<>();
    private volatile ArticleStore.Retention retention;

    SourceRefresher(HttpFetcher fetcher, FeedParser parser, ArticleStore store, Aggregator aggregator,
                    Schedule schedule, Clock clock, ArticleStore.Retention retention, Runnable onItemsChanged) {
        this.fetcher = fetcher;
        this.discovery = new FeedDiscovery(fetcher);
        this.parser = parser;
        this.store = store;
        this.aggregator = aggregator;
        this.schedule = schedule;
        this.clock = clock;
        this.retention = retention;
        this.onItemsChanged = onItemsChanged;
    }

    void setRetention(ArticleStore.Retention retention) {
        this.retention = retention;
    }

    /** Adopts stored states (at start-up). */
    void restore(Map<String, SourceState> stored) {
        states.putAll(stored);
    }

    /**
     * The state of a configured source: the stored one if it was for the same URL or site, else pending. A source
     * whose configuration changed starts afresh (no validators, no discovered URL, not disabled).
     */
    SourceState stateOf(Source source) {
        String configured = source.address();
        SourceState s = states.get(source.id());
        if (s == null || !Objects.equals(s.url(), configured)) {
            s = SourceState.pending(source.id(), configured);
            states.put(source.id(), s);
        }
        return s;
    }

    void forget(String sourceId) {
        states.remove(sourceId);
    }

    /** Fetches the source once and records the outcome; returns the new state. */
    SourceState refresh(Source source) {
        SourceState prev = stateOf(source);
        Instant now = clock.instant();
        String feedUrl = prev.feedUrl() != null ? prev.feedUrl() : source.url();
        if (feedUrl == null) {
            Discovery found = discovery.discover(source.site());
            if (found.error() != null) {
                return failed(prev, source, 0, found.error(), null, now);
            }
            feedUrl = found.feedUrl();
            prev = prev.withFeedUrl(feedUrl);
            LOG.info("source {}: discovered feed {} from {}", source.id(), feedUrl, source.site());
        }
        FetchResult r = fetcher.fetch(new FetchRequest(feedUrl, prev.etag(), prev.lastModified()));
        return switch (r.outcome()) {
            case NOT_MODIFIED -> saved(schedule.notModified(prev, source, r, now));
            case GONE -> {
                LOG.warn("source {} ({}): {}", source.id(), feedUrl, r.error());
                yield saved(schedule.gone(prev, r, now));
            }
            case ERROR -> failed(prev, source, r.httpStatus(), r.error(), r.retryAfter(), now);
            case OK -> fetched(prev, source, r, now);
        };
    }

    private SourceState fetched(SourceState prev, Source source, FetchResult r, Instant now) {
        ParsedFeed parsed;
        try {
            parsed = parser.parse(r.body(), r.contentType(), r.finalUrl(), "source:" + source.id());
        } catch (FeedParseException e) {
            return failed(prev, source, r.httpStatus(), e.getMessage(), null, now);
        }
        List<Item> items = TopicIndex.withSourceTopics(source, parsed.items());
        List<Item> before = aggregator.sourceItems(source.id());
        int fresh = ArticleMerger.countNew(before, items);
        SourceState next = schedule.fetched(prev, source, r, parsed.ttlMinutes(), items.size(), fresh, now);
        List<Item> stored;
        try {
            stored = store.commitBatch(List.of(SourceWrite.fetched(next, items, retention, now))).get(0);
        } catch (StoreException e) {
            return failed(prev, source, r.httpStatus(), e.getMessage(), null, now);
        }
        states.put(source.id(), next);
        aggregator.setSourceItems(source.id(), stored);
        if (!stored.equals(before)) {
            onItemsChanged.run();
        }
        if (r.permanentUrl() != null) {
            LOG.info("source {}: moved permanently to {}", source.id(), r.permanentUrl());
        }
        return next;
    }

    private SourceState failed(SourceState prev, Source source, int status, String error, java.time.Duration retryAfter,
                               Instant now) {
        LOG.warn("source {} ({}): {}", source.id(), prev.feedUrl() != null ? prev.feedUrl() : source.address(), error);
        SourceState next = schedule.failed(prev, source, status, error, retryAfter, now);
        if (source.site() != null && next.feedUrl() != null && next.failures() >= REDISCOVER_AFTER) {
            LOG.info("source {}: {} failures in a row; the feed of {} will be discovered again", source.id(),
                    next.failures(), source.site());
            next = next.withFeedUrl(null);
        }
        return saved(next);
    }

    private SourceState saved(SourceState state) {
        states.put(state.sourceId(), state);
        try {
            store.commitBatch(List.of(SourceWrite.stateOnly(state)));
        } catch (StoreException e) {
            LOG.warn("source {}: state not saved: {}", state.sourceId(), e.getMessage());
        }
        return state;
    }
}
