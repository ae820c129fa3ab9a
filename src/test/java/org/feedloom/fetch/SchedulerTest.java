package org.feedloom.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scheduler driven by hand: the test calls tick() and moves the clock; jobs block on latches it controls. */
class SchedulerTest {
    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    private final MutableClock clock = new MutableClock(START);

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out waiting");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 1000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), "condition not reached");
    }

    @Test
    void aDueSourceRunsOnce_andAgainOnlyWhenItsNextTimeComes() throws Exception {
        List<String> runs = new CopyOnWriteArrayList<>();
        try (Scheduler s = new Scheduler(2, clock, id -> {
            runs.add(id);
            return clock.instant().plus(Duration.ofMinutes(30));
        })) {
            s.schedule("a", START);
            s.schedule("b", START.plus(Duration.ofMinutes(10)));
            assertEquals(List.of("a"), s.tick());
            waitUntil(() -> s.inFlight() == 0 && runs.size() == 1);
            assertEquals(List.of(), s.tick(), "nothing is due until b's time");
            assertEquals(List.of("a"), runs);
            clock.advance(Duration.ofMinutes(10));
            assertEquals(List.of("b"), s.tick());
            waitUntil(() -> runs.size() == 2);
            assertEquals("b", runs.get(1));
            clock.advance(Duration.ofMinutes(20));
            s.tick();
            waitUntil(() -> runs.size() == 3);
            assertEquals("a", runs.get(2));
        }
    }

    @Test
    void aSourceNeverRunsTwiceAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        try (Scheduler s = new Scheduler(4, clock, id -> {
            runs.incrementAndGet();
            await(release);
            // next due in an hour: a job due again at once would be run by whichever tick comes next, and the runs
            // could pass 2 between two looks at the count
            return START.plus(Duration.ofHours(1));
        })) {
            s.schedule("a", START);
            s.tick();
            waitUntil(() -> runs.get() == 1);
            s.runNow("a");
            assertEquals(List.of(), s.tick(), "not started again while it runs");
            assertEquals(List.of(), s.tick());
            assertEquals(1, runs.get());
            release.countDown();
            waitUntil(() -> runs.get() == 2); // the runNow asked while running is honoured after it
        }
    }

    @Test
    void noMoreThanTheWorkerCountRunAtOnce() throws Exception {
        AtomicInteger current = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        try (Scheduler s = new Scheduler(3, clock, id -> {
            max.accumulateAndGet(current.incrementAndGet(), Math::max);
            await(release);
            current.decrementAndGet();
            done.incrementAndGet();
            return null;
        })) {
            for (int i = 0; i < 10; i++) {
                s.schedule("s" + i, START);
            }
            assertEquals(10, s.tick().size(), "all ten handed to the workers");
            // a job counts itself running, then records the peak: wait for both, or the peak may still read 2
            waitUntil(() -> current.get() == 3 && max.get() == 3);
            // three are running and blocked, so the seven others can only be waiting for a worker
            assertEquals(7, s.queued());
            release.countDown();
            // a job counts itself done before the scheduler records its result: wait for the scheduler too
            waitUntil(() -> done.get() == 10 && s.inFlight() == 0);
            assertEquals(3, max.get());
            assertTrue(s.due().isEmpty(), "jobs that return null are not rescheduled: " + s.due());
        }
    }

    @Test
    void runNow_startsAKnownSourceAtOnce_andRefusesAnUnknownOne() throws Exception {
        Map<String, Integer> runs = new ConcurrentHashMap<>();
        try (Scheduler s = new Scheduler(2, clock, id -> {
            runs.merge(id, 1, Integer::sum);
            return clock.instant().plus(Duration.ofHours(1));
        })) {
            s.start();
            s.schedule("a", START.plus(Duration.ofHours(1)));
            s.schedule("b", START.plus(Duration.ofHours(1)));
            assertFalse(s.runNow("nope"));
            assertTrue(s.runNow("a"));
            waitUntil(() -> runs.getOrDefault("a", 0) == 1);
            assertEquals(2, s.runAllNow());
            waitUntil(() -> runs.getOrDefault("a", 0) == 2 && runs.getOrDefault("b", 0) == 1);
        }
    }

    /** What a job throws: an exception or an error of the code, or the JVM's own (which ends the worker's thread). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exception", "stack overflow", "class not found", "assertion", "the JVM's own"})
    void aJobThatThrowsIsRetriedLater_andOthersGoOn(String fault) throws Exception {
        List<String> runs = new CopyOnWriteArrayList<>();
        try (Scheduler s = new Scheduler(1, clock, id -> {
            runs.add(id);
            if (id.equals("bad")) {
                switch (fault) {
                    case "stack overflow" -> throw new StackOverflowError();
                    case "class not found" -> throw new NoClassDefFoundError("org/feedloom/Gone");
                    case "assertion" -> throw new AssertionError("a broken invariant");
                    case "the JVM's own" -> throw new InternalError("the JVM's own");
                    default -> throw new IllegalStateException("boom");
                }
            }
            return null;
        })) {
            s.schedule("bad", START);
            s.schedule("good", START);
            s.tick();
            waitUntil(() -> runs.size() == 2 && s.inFlight() == 0);
            assertEquals(START.plus(Scheduler.RETRY_AFTER_CRASH), s.due().get("bad"));
        }
    }

    @Test
    void stop_waitsForTheRunningJob_andStartsNoMore() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        Scheduler s = new Scheduler(1, clock, id -> {
            started.countDown();
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.incrementAndGet();
            return START;
        });
        s.schedule("a", START);
        s.tick();
        await(started);
        assertTrue(s.stop(Duration.ofSeconds(10)));
        assertEquals(1, finished.get());
        s.tick();
        assertEquals(0, s.inFlight());
    }
}
