package org.feedloom.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.fetch.Discovery;
import org.feedloom.fetch.FeedDiscovery;
import org.feedloom.fetch.FetchRequest;
import org.feedloom.fetch.FetchResult;
import org.feedloom.fetch.HttpFetcher;
import org.feedloom.fetch.Schedule;
import org.feedloom.metrics.Recorder;
import org.feedloom.model.Item;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.parse.FeedParseException;
import org.feedloom.parse.FeedParser;
import org.feedloom.parse.ParsedFeed;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.feedloom.topic.TopicIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes one live source: discovers its feed if it is a site, fetches it with the validators of its latest
 * state, parses it (unless it is the body of the last 200 that parsed, which counts as a 304), and hands the items and the new state to the {@link StoreWriter}, which commits them (with other
 * sources') and only then publishes them: the source's state here (what {@code /status} reads), its stored items to
 * the aggregator, and a rebuild. Sequences the stages; the decisions are theirs. A site whose discovered feed fails
 * {@value #REDISCOVER_AFTER} times in a row is discovered again (sites move their feeds).
 *
 * <p>A refresh returns once its outcome is handed over, not committed. Until it is published, {@link #stateOf}
 * still gives the committed state, while a new refresh of the source starts from the state handed over (its
 * validators, discovered feed and failure count).
 *
 * <p>Thread-safe for different sources at once (the scheduler never runs one source twice at a time). Never throws
 * for a bad source: every failure becomes the source's state, logged once at WARN, without a stack trace. A fetch
 * whose commit the store refuses makes the source failed with the store's error; it is tried again when the fetch
 * had planned (the scheduler was told so when it was handed over), without backoff: the fault was not the
 * source's.
 *
 * <p>Each refresh is reported to its {@link Recorder} once, with the outcome of its fetch ({@code error} for a site
 * whose feed could not be discovered), how long it took to get the response and the bytes fetched.
 */
final class SourceRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(SourceRefresher.class);
    /** A site source whose discovered feed failed this many times in a row has its feed discovered again. */
    static final int REDISCOVER_AFTER = 3;

    private final HttpFetcher fetcher;
    private final FeedDiscovery discovery;
    private final FeedParser parser;
    private final StoreWriter writer;
    /** The keys of a source's stored items (by source id): which items of a fetch are new. */
    private final Function<String, Set<String>> storedKeys;
    private final Schedule schedule;
    private final Clock clock;
    private final Recorder recorder;
    /** Committed and published states: what {@code /status} shows. */
    private final Map<String, SourceState> states = new ConcurrentHashMap<>();
    /** States handed to the writer and not published yet: what the next refresh of the source starts from. */
    private final Map<String, SourceState> handed = new ConcurrentHashMap<>();
    private volatile ArticleStore.Retention retention;

    /**
     * What a refresh did.
     *
     * @param state     the state handed to the writer (its next fetch is when the source is due again)
     * @param published completed with the source's state once the writer published it: {@code state}, unless the
     *                  store refused it
     */
    record Refreshed(SourceState state, CompletableFuture<SourceState> published) {}

    SourceRefresher(HttpFetcher fetcher, FeedParser parser, StoreWriter writer, ArticleStore store,
                    Schedule schedule, Clock clock, ArticleStore.Retention retention) {
        this(fetcher, parser, writer, store, schedule, clock, retention, Recorder.NONE);
    }

    /** As above, reporting each refresh's fetch to {@code recorder}. */
    SourceRefresher(HttpFetcher fetcher, FeedParser parser, StoreWriter writer, ArticleStore store,
                    Schedule schedule, Clock clock, ArticleStore.Retention retention, Recorder recorder) {
        this.recorder = recorder;
        this.fetcher = fetcher;
        this.discovery = new FeedDiscovery(fetcher);
        this.parser = parser;
        this.writer = writer;
        this.storedKeys = store::itemKeys;
        this.schedule = schedule;
        this.clock = clock;
        this.retention = retention;
    }

    void setRetention(ArticleStore.Retention retention) {
        this.retention = retention;
    }

    /** Adopts stored states (at start-up). */
    void restore(Map<String, SourceState> stored) {
        states.putAll(stored);
    }

    /**
     * The committed state of a configured source: the stored one if it was for the same URL or site, else pending.
     * A source whose configuration changed starts afresh (no validators, no discovered URL, not disabled).
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

    /** What the next refresh starts from: the state last handed over, if not published yet, else the committed one. */
    private SourceState latest(Source source) {
        SourceState h = handed.get(source.id());
        return h != null && Objects.equals(h.url(), source.address()) ? h : stateOf(source);
    }

    void forget(String sourceId) {
        states.remove(sourceId);
        handed.remove(sourceId);
    }

    /** Fetches the source once and hands the outcome to the writer. */
    Refreshed refresh(Source source) {
        long started = System.nanoTime();
        SourceState prev = latest(source);
        Instant now = clock.instant();
        String feedUrl = prev.feedUrl() != null ? prev.feedUrl() : source.url();
        if (feedUrl == null) {
            Discovery found = discovery.discover(source.site());
            if (found.error() != null) {
                recorder.fetched("error", System.nanoTime() - started, 0);
                return failed(prev, source, 0, found.error(), null, now);
            }
            feedUrl = found.feedUrl();
            prev = prev.withFeedUrl(feedUrl);
            LOG.info("source {}: discovered feed {} from {}", source.id(), feedUrl, source.site());
        }
        // the source's configured URL or site decides whether the fetch may reach private networks, not the feed URL
        // it moved to or was discovered at
        FetchResult r = fetcher.fetch(new FetchRequest(feedUrl, prev.etag(), prev.lastModified(), source.address()));
        recorder.fetched(r.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'), System.nanoTime() - started,
                r.body() == null ? 0 : r.body().length);
        return switch (r.outcome()) {
            case NOT_MODIFIED ->
                    hand(prev, source, r, SourceWrite.stateOnly(schedule.notModified(prev, source, r, now)), now);
            case GONE -> {
                LOG.warn("source {} ({}): {}", source.id(), feedUrl, r.error());
                yield hand(prev, source, r, SourceWrite.stateOnly(schedule.gone(prev, r, now)), now);
            }
            case ERROR -> failed(prev, source, r.httpStatus(), r.error(), r.retryAfter(), now);
            case OK -> r.bodyHash().equals(prev.bodyHash())
                    ? hand(prev, source, r, SourceWrite.stateOnly(schedule.notModified(prev, source, r, now)), now)
                    : fetched(prev, source, r, now);
        };
    }

    private Refreshed fetched(SourceState prev, Source source, FetchResult r, Instant now) {
        ParsedFeed parsed;
        try {
            parsed = parser.parse(r.body(), r.contentType(), r.finalUrl(), source.provenance());
        } catch (FeedParseException e) {
            return failed(prev, source, r.httpStatus(), e.getMessage(), null, now);
        }
        List<Item> items = TopicIndex.withSourceTopics(source, parsed.items());
        int fresh = ArticleMerger.countNew(storedKeys.apply(source.id()), items);
        SourceState next = schedule.fetched(prev, source, r, parsed.ttlMinutes(), items.size(), fresh, now);
        if (r.permanentUrl() != null) {
            LOG.info("source {}: moved permanently to {}", source.id(), r.permanentUrl());
        }
        return hand(prev, source, r, SourceWrite.fetched(next, items, retention, now), now);
    }

    private Refreshed failed(SourceState prev, Source source, int status, String error, Duration retryAfter,
                             Instant now) {
        return hand(SourceWrite.stateOnly(failure(prev, source, status, error, retryAfter, now)), null);
    }

    private SourceState failure(SourceState prev, Source source, int status, String error, Duration retryAfter,
                                Instant now) {
        LOG.warn("source {} ({}): {}", source.id(), prev.feedUrl() != null ? prev.feedUrl() : source.address(), error);
        SourceState next = schedule.failed(prev, source, status, error, retryAfter, now);
        if (source.site() != null && next.feedUrl() != null && next.failures() >= REDISCOVER_AFTER) {
            LOG.info("source {}: {} failures in a row; the feed of {} will be discovered again", source.id(),
                    next.failures(), source.site());
            next = next.withFeedUrl(null);
        }
        return next;
    }

    /**
     * Hands over what a fetch said when it did not fail (a 200, a 304, a 410): if the store refuses it, the source
     * is failed with the store's error instead, due again when it would have been.
     */
    private Refreshed hand(SourceState prev, Source source, FetchResult r, SourceWrite write, Instant now) {
        Function<String, SourceWrite> ifRefused = error -> SourceWrite.stateOnly(
                failure(prev, source, r.httpStatus(), error, null, now).withNextFetch(write.state().nextFetch()));
        return hand(write, ifRefused);
    }

    /** Hands an outcome to the writer; {@code ifRefused} null: a refused state is published unsaved. */
    private Refreshed hand(SourceWrite write, Function<String, SourceWrite> ifRefused) {
        SourceState state = write.state();
        CompletableFuture<SourceState> published = new CompletableFuture<>();
        handed.put(state.sourceId(), state);
        StoreWriter.Outcome outcome = outcome(write, state, published,
                ifRefused == null ? null : error -> outcome(ifRefused.apply(error), state, published, null));
        if (!writer.hand(outcome)) {
            handed.remove(state.sourceId(), state);
            LOG.warn("source {}: not saved, the store is closing; the next start fetches it again", state.sourceId());
            published.complete(states.getOrDefault(state.sourceId(), state));
        }
        return new Refreshed(state, published);
    }

    /** The outcome that, once committed, publishes {@code write}'s state and stored items. */
    private StoreWriter.Outcome outcome(SourceWrite write, SourceState handedState,
                                        CompletableFuture<SourceState> published,
                                        Function<String, StoreWriter.Outcome> ifRefused) {
        return new StoreWriter.Outcome(write, () -> publish(write.state(), handedState, published),
                ifRefused);
    }

    /** Makes a committed state visible. */
    private void publish(SourceState state, SourceState handedState, CompletableFuture<SourceState> published) {
        states.put(state.sourceId(), state);
        handed.remove(state.sourceId(), handedState);
        published.complete(state);
    }
}
