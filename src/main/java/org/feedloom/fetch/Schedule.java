package org.feedloom.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.feedloom.config.ConfigChanges;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.model.SourceState.Status;

/**
 * When a source is fetched next, and the state it is in after an attempt. Pure apart from the jitter's random
 * numbers, which come from the generator it is given.
 *
 * <ul>
 *   <li>After a success (200 or 304): the source's interval plus a jitter of up to a tenth of it, but never before
 *       the response said it stays fresh ({@code Cache-Control: max-age}, {@code Expires}) or its RSS
 *       {@code <ttl>} runs out — those are floors, capped at {@link #MAX_DELAY} so a silly header cannot park a
 *       source for a year.</li>
 *   <li>After a failure: exponential backoff, {@code interval × 2^(failures − 1)} plus jitter, capped at
 *       {@link #MAX_DELAY}; a {@code Retry-After} (429/503) is honoured as a floor. The first failure is
 *       {@code error}, later ones {@code backing-off}.</li>
 *   <li>410 Gone: {@code disabled}, never fetched again until the configuration changes.</li>
 * </ul>
 *
 * <p>Thread-safe if the random generator is.
 */
public final class Schedule {
    /** The longest a source waits between attempts, whatever backoff or headers say. */
    public static final Duration MAX_DELAY = Duration.ofHours(24);

    private final RandomGenerator random;

    public Schedule(RandomGenerator random) {
        this.random = random;
    }

    /**
     * When a source the configuration added or changed is due, or null for not at all: never while the
     * configuration disables it, nor while a 410 of an earlier run disables it (until its configuration changes);
     * at once when it was never fetched or now follows another feed or site; else when its state says.
     *
     * @param state the source's state now (a source that follows another feed starts afresh)
     */
    public static Instant dueAfterConfiguring(ConfigChanges.Change change, SourceState state, Instant now) {
        if (!change.after().enabled() || state.status() == Status.DISABLED && change.isNew()) {
            return null;
        }
        return state.nextFetch() == null || change.feedMoved() ? now : state.nextFetch();
    }

    /** The state after a 200 whose body parsed into {@code items} items, {@code newItems} of them unseen. */
    public SourceState fetched(SourceState prev, Source source, FetchResult r, Integer ttlMinutes,
                               int items, int newItems, Instant now) {
        Instant next = now.plus(jittered(source.interval()));
        next = later(next, floor(r.freshUntil(), now));
        if (ttlMinutes != null && ttlMinutes > 0) {
            next = later(next, floor(now.plus(Duration.ofMinutes(ttlMinutes)), now));
        }
        return new SourceState(prev.sourceId(), prev.url(), feedUrl(prev, r), r.etag(), r.lastModified(), Status.OK,
                0, now, now, next, r.httpStatus(), items, newItems, null, r.bodyHash());
    }

    /**
     * The state after a 304, or after a 200 whose body is the one the last 200 that parsed had (a server that ignores
     * conditional GET): counted as a success, nothing parsed. A 304 keeps the validators; such a 200 brings its own.
     */
    public SourceState notModified(SourceState prev, Source source, FetchResult r, Instant now) {
        Instant next = later(now.plus(jittered(source.interval())), floor(r.freshUntil(), now));
        boolean ok = r.outcome() == FetchResult.Outcome.OK;
        return new SourceState(prev.sourceId(), prev.url(), feedUrl(prev, r), ok ? r.etag() : prev.etag(),
                ok ? r.lastModified() : prev.lastModified(), Status.NOT_MODIFIED, 0, now, now, next, r.httpStatus(),
                0, 0, null, prev.bodyHash());
    }

    /**
     * The state after a failed attempt (network, HTTP error, discovery or parse failure).
     *
     * @param httpStatus 0 when there was no response
     * @param retryAfter from a 429/503, or null
     */
    public SourceState failed(SourceState prev, Source source, int httpStatus, String error, Duration retryAfter,
                              Instant now) {
        int failures = prev.failures() + 1;
        Duration delay = backoff(source.interval(), failures);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : retryAfter;
        }
        Status status = failures > 1 || retryAfter != null ? Status.BACKING_OFF : Status.ERROR;
        return new SourceState(prev.sourceId(), prev.url(), prev.feedUrl(), prev.etag(), prev.lastModified(), status,
                failures, now, prev.lastSuccess(), now.plus(delay), httpStatus, 0, 0, error, prev.bodyHash());
    }

    /** The state after a 410 Gone: disabled, with a message saying so. */
    public SourceState gone(SourceState prev, FetchResult r, Instant now) {
        return new SourceState(prev.sourceId(), prev.url(), prev.feedUrl(), prev.etag(), prev.lastModified(),
                Status.DISABLED, prev.failures(), now, prev.lastSuccess(), null, r.httpStatus(), 0, 0,
                "fetch: HTTP 410 Gone: the feed was removed; the source is disabled until its configuration changes",
                prev.bodyHash());
    }

    /** {@code interval × 2^(failures − 1)} plus jitter, at most {@link #MAX_DELAY}. */
    Duration backoff(Duration interval, int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 20);
        Duration base = interval.multipliedBy(1L << doublings);
        if (base.compareTo(MAX_DELAY) >= 0) {
            return MAX_DELAY;
        }
        Duration delay = jittered(base);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** {@code d} plus a random part of up to a tenth of it, so sources with one interval spread out. */
    Duration jittered(Duration d) {
        long tenth = d.toMillis() / 10;
        return tenth <= 0 ? d : d.plusMillis(random.nextLong(tenth + 1));
    }

    private static String feedUrl(SourceState prev, FetchResult r) {
        return r.permanentUrl() != null ? r.permanentUrl() : prev.feedUrl();
    }

    private static Instant floor(Instant freshUntil, Instant now) {
        if (freshUntil == null) {
            return null;
        }
        Instant cap = now.plus(MAX_DELAY);
        return freshUntil.isAfter(cap) ? cap : freshUntil;
    }

    private static Instant later(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
