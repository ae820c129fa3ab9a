package org.feedloom.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.feedloom.config.ConfigChanges;
import org.feedloom.fetch.FetchResult.Outcome;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.model.SourceState.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofMinutes(30);
    private final Schedule schedule = new Schedule(new Random(7));
    private final Source source = new Source("s", null, "https://example.org/feed", null, List.of(), List.of(), INTERVAL, true, null);
    private final SourceState pending = SourceState.pending("s", "https://example.org/feed");

    private static FetchResult ok(Instant freshUntil) {
        return new FetchResult(Outcome.OK, 200, "https://example.org/feed", "https://example.org/feed", null,
                new byte[0], "application/rss+xml", "\"v1\"", "Sun, 22 Nov 2026 09:00:00 GMT", null, freshUntil, null);
    }

    private static void assertBetween(Instant low, Instant high, Instant actual) {
        assertTrue(!actual.isBefore(low) && !actual.isAfter(high), actual + " not in [" + low + ", " + high + "]");
    }

    @Test
    void dueAfterConfiguring_newAtOnce_knownWhenItsStateSays_movedAtOnce_disabledNever() {
        SourceState fetched = schedule.fetched(pending, source, ok(null), null, 12, 5, NOW);
        Source moved = new Source("s", null, "https://example.org/other-feed", null, List.of(), List.of(), INTERVAL, true, null);
        Source off = new Source("s", null, "https://example.org/feed", null, List.of(), List.of(), INTERVAL, false, null);
        assertEquals(NOW, Schedule.dueAfterConfiguring(new ConfigChanges.Change(null, source), pending, NOW));
        assertEquals(fetched.nextFetch(), Schedule.dueAfterConfiguring(new ConfigChanges.Change(null, source), fetched, NOW),
                "a restart keeps the stored schedule");
        assertEquals(NOW, Schedule.dueAfterConfiguring(new ConfigChanges.Change(source, moved), fetched, NOW));
        assertNull(Schedule.dueAfterConfiguring(new ConfigChanges.Change(source, off), fetched, NOW));
        SourceState gone = schedule.gone(fetched, new FetchResult(Outcome.GONE, 410, "https://example.org/feed",
                "https://example.org/feed", null, null, null, null, null, null, null, "fetch: HTTP 410 Gone"), NOW);
        assertNull(Schedule.dueAfterConfiguring(new ConfigChanges.Change(null, source), gone, NOW),
                "gone stays gone across restarts");
        Source renamed = new Source("s", "Renamed", "https://example.org/feed", null, List.of(), List.of(), INTERVAL, true, null);
        assertEquals(NOW, Schedule.dueAfterConfiguring(new ConfigChanges.Change(source, renamed), gone, NOW),
                "until its configuration changes");
    }

    @Test
    void fetched_nextIsTheIntervalPlusAtMostATenthOfJitter_andKeepsTheValidators() {
        SourceState s = schedule.fetched(pending, source, ok(null), null, 12, 5, NOW);
        assertEquals(Status.OK, s.status());
        assertEquals("\"v1\"", s.etag());
        assertEquals("Sun, 22 Nov 2026 09:00:00 GMT", s.lastModified());
        assertEquals(NOW, s.lastSuccess());
        assertEquals(12, s.itemsInLast());
        assertEquals(5, s.newItems());
        assertBetween(NOW.plus(INTERVAL), NOW.plus(Duration.ofMinutes(33)), s.nextFetch());
    }

    @Test
    void fetched_jitterSpreadsSourcesWithTheSameInterval() {
        long distinct = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> schedule.fetched(pending, source, ok(null), null, 0, 0, NOW).nextFetch())
                .distinct().count();
        assertTrue(distinct > 10, "jitter should spread next fetches, got " + distinct + " distinct times");
    }

    @Test
    void fetched_cacheControlMaxAgeIsAFloor() {
        Instant fresh = NOW.plus(Duration.ofHours(2));
        assertEquals(fresh, schedule.fetched(pending, source, ok(fresh), null, 0, 0, NOW).nextFetch());
    }

    @Test
    void fetched_rssTtlIsAFloor() {
        assertEquals(NOW.plus(Duration.ofMinutes(90)),
                schedule.fetched(pending, source, ok(null), 90, 0, 0, NOW).nextFetch());
    }

    @Test
    void fetched_aFreshnessOfAYearIsCappedAtADay() {
        Instant fresh = NOW.plus(Duration.ofDays(365));
        assertEquals(NOW.plus(Schedule.MAX_DELAY), schedule.fetched(pending, source, ok(fresh), null, 0, 0, NOW).nextFetch());
    }

    @Test
    void fetched_aPermanentRedirectBecomesTheFeedUrl() {
        FetchResult moved = new FetchResult(Outcome.OK, 200, "https://example.org/feed", "https://new.example/feed",
                "https://new.example/feed", new byte[0], null, null, null, null, null, null);
        assertEquals("https://new.example/feed", schedule.fetched(pending, source, moved, null, 0, 0, NOW).feedUrl());
    }

    @Test
    void notModified_keepsTheStoredValidatorsAndClearsFailures() {
        SourceState failing = schedule.failed(schedule.fetched(pending, source, ok(null), null, 3, 3, NOW), source, 500,
                "fetch: HTTP 500", null, NOW);
        FetchResult notModified = new FetchResult(Outcome.NOT_MODIFIED, 304, "u", "u", null, null, null, null, null,
                null, null, null);
        SourceState s = schedule.notModified(failing, source, notModified, NOW);
        assertEquals(Status.NOT_MODIFIED, s.status());
        assertEquals("\"v1\"", s.etag());
        assertEquals(0, s.failures());
        assertNull(s.error());
    }

    @Test
    void fetched_recordsTheBodyHash_failuresKeepIt_andTheSameBodyAgainIsNotModifiedWithItsOwnValidators_issue14() {
        SourceState fetched = schedule.fetched(pending, source, ok(null), null, 3, 3, NOW);
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", fetched.bodyHash(),
                "SHA-256 of the empty body");
        SourceState failed = schedule.failed(fetched, source, 500, "fetch: HTTP 500", null, NOW);
        assertEquals(fetched.bodyHash(), failed.bodyHash());
        FetchResult again = new FetchResult(Outcome.OK, 200, "u", "u", null, new byte[0], "application/rss+xml",
                "\"v2\"", null, null, null, null);
        SourceState s = schedule.notModified(failed, source, again, NOW.plusSeconds(60));
        assertEquals(Status.NOT_MODIFIED, s.status());
        assertEquals(200, s.httpStatus());
        assertEquals("\"v2\"", s.etag(), "the 200's own validators");
        assertNull(s.lastModified());
        assertEquals(fetched.bodyHash(), s.bodyHash());
        assertEquals(0, s.failures());
        assertNull(s.withFeedUrl("https://example.org/moved").bodyHash(), "another feed, another body");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void failed_backsOffExponentially(int failures) {
        SourceState s = pending;
        for (int i = 0; i < failures; i++) {
            s = schedule.failed(s, source, 503, "fetch: HTTP 503", null, NOW);
        }
        Duration base = INTERVAL.multipliedBy(1L << (failures - 1));
        Instant low = NOW.plus(base.compareTo(Schedule.MAX_DELAY) > 0 ? Schedule.MAX_DELAY : base);
        Instant high = NOW.plus(base.plus(base.dividedBy(10)).compareTo(Schedule.MAX_DELAY) > 0
                ? Schedule.MAX_DELAY : base.plus(base.dividedBy(10)));
        assertEquals(failures, s.failures());
        assertEquals(failures == 1 ? Status.ERROR : Status.BACKING_OFF, s.status());
        assertEquals("fetch: HTTP 503", s.error());
        assertBetween(low, high, s.nextFetch());
    }

    @Test
    void failed_backoffNeverExceedsADay() {
        SourceState s = pending;
        for (int i = 0; i < 40; i++) {
            s = schedule.failed(s, source, 0, "fetch: connection refused", null, NOW);
        }
        assertEquals(NOW.plus(Schedule.MAX_DELAY), s.nextFetch());
    }

    @Test
    void failed_retryAfterIsHonouredAsAFloor() {
        SourceState s = schedule.failed(pending, source, 429, "fetch: HTTP 429", Duration.ofHours(3), NOW);
        assertEquals(NOW.plus(Duration.ofHours(3)), s.nextFetch());
        assertEquals(Status.BACKING_OFF, s.status());
    }

    @Test
    void failed_keepsTheLastGoodValidatorsAndSuccessTime() {
        SourceState good = schedule.fetched(pending, source, ok(null), null, 1, 1, NOW.minusSeconds(3600));
        SourceState s = schedule.failed(good, source, 500, "fetch: HTTP 500", null, NOW);
        assertEquals("\"v1\"", s.etag());
        assertEquals(NOW.minusSeconds(3600), s.lastSuccess());
        assertEquals(NOW, s.lastAttempt());
    }

    @Test
    void gone_disablesTheSourceAndSaysSo() {
        FetchResult gone = new FetchResult(Outcome.GONE, 410, "u", "u", null, null, null, null, null, null, null,
                "fetch: HTTP 410 Gone");
        SourceState s = schedule.gone(pending, gone, NOW);
        assertEquals(Status.DISABLED, s.status());
        assertNull(s.nextFetch());
        assertTrue(s.error().contains("410"));
        assertFalse(s.error().isBlank());
    }
}
