package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rebuilder's pacing on a clock the test moves (no test waits for a gap to pass), what its listener hears, and
 * how a fault of the code or of the JVM in a rebuild leaves the catalog published.
 */
class RebuilderTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir Path dir;
    final MutableClock pacing = new MutableClock(T0);
    MergedStore merged;
    Rebuilder rebuilder;

    Rebuilder start(Rebuilder.Listener listener) {
        merged = new MergedStore(dir, Clock.fixed(T0, ZoneOffset.UTC));
        rebuilder = new Rebuilder(merged.aggregator, merged.store, pacing, listener);
        return rebuilder;
    }

    @AfterEach
    void close() {
        if (rebuilder != null) {
            rebuilder.close();
            merged.close();
        }
    }

    long version() {
        return merged.aggregator.catalog().version();
    }

    @Test
    void nextAllowed_isTwiceTheRebuildsDurationAfterIt_betweenTheMinimumAndTheMaximumGap() {
        assertEquals(T0.plus(Rebuilder.MIN_GAP), Rebuilder.nextAllowed(T0, T0));
        assertEquals(T0.plusMillis(50 + 200), Rebuilder.nextAllowed(T0, T0.plusMillis(50)), "the minimum gap");
        assertEquals(T0.plusSeconds(3), Rebuilder.nextAllowed(T0, T0.plusSeconds(1)), "twice a slow rebuild");
        assertEquals(T0.plusSeconds(12).plus(Rebuilder.MAX_GAP), Rebuilder.nextAllowed(T0, T0.plusSeconds(12)),
                "a rebuild made slow by a first cycle's fetches holds the next back by the maximum gap only");
    }

    @Test
    void requestsDuringTheGap_makeOneRebuild_whenTheGapHasPassed() throws Exception {
        start(Rebuilder.Listener.NONE);
        rebuilder.request();
        RunningFeedloom.waitUntil("the first rebuild", () -> version() == 1);
        RunningFeedloom.waitUntil("its gap is set", () -> rebuilder.notBefore().equals(T0.plus(Rebuilder.MIN_GAP)));
        for (int i = 0; i < 5; i++) {
            rebuilder.request();
        }
        assertTrue(rebuilder.pending(), "a burst waits for the gap: the pacing clock has not moved");
        pacing.advance(Rebuilder.MIN_GAP);
        RunningFeedloom.waitUntil("the second rebuild", () -> version() == 2);
        assertFalse(rebuilder.pending(), "the burst was one rebuild");
    }

    @Test
    void aSlowRebuild_keepsTheNextOneTwiceItsDurationAway() throws Exception {
        // each rebuild after the first takes a second on the pacing clock
        start((before, after) -> pacing.advance(Duration.ofSeconds(1)));
        rebuilder.rebuildNow();
        rebuilder.request();
        RunningFeedloom.waitUntil("the gap after a one-second rebuild",
                () -> rebuilder.notBefore().equals(T0.plusSeconds(1 + 2)));
        rebuilder.request();
        pacing.advance(Duration.ofSeconds(2));
        RunningFeedloom.waitUntil("the next rebuild", () -> version() == 3);
    }

    @Test
    void onceNoFetchIsComing_aRequestWaitsTheShortestGapOnly_notTwiceTheSlowRebuildBeforeIt() throws Exception {
        AtomicBoolean fetching = new AtomicBoolean(true);
        start((before, after) -> pacing.advance(Duration.ofSeconds(1)));
        rebuilder.pacedWhile(fetching::get);
        rebuilder.rebuildNow();
        rebuilder.request();
        RunningFeedloom.waitUntil("the gap after a one-second rebuild",
                () -> rebuilder.notBefore().equals(T0.plusSeconds(1 + 2)));
        rebuilder.request();
        pacing.advance(Rebuilder.MIN_GAP);
        Thread.sleep(3 * Rebuilder.MIN_GAP.toMillis());
        assertEquals(2, version(), "while fetches are coming the next waits twice the rebuild");
        fetching.set(false); // the burst's last fetch committed
        RunningFeedloom.waitUntil("the next rebuild, the shortest gap after the last", () -> version() == 3);
    }

    @Test
    void theListener_hearsOfEveryRebuildButTheFirst_withTheCatalogItReplaces() {
        List<String> told = new CopyOnWriteArrayList<>();
        start((before, after) -> told.add(before.version() + "->" + after.version()));
        rebuilder.rebuildNow();
        rebuilder.rebuildNow();
        rebuilder.rebuildNow();
        assertEquals(List.of("1->2", "2->3"), told);
    }

    @Test
    void close_runsAPendingRebuildAtOnce_withoutWaitingForTheGap() throws Exception {
        start(Rebuilder.Listener.NONE);
        rebuilder.request();
        RunningFeedloom.waitUntil("the first rebuild", () -> version() == 1 && !rebuilder.pending());
        rebuilder.request();
        rebuilder.close();
        assertEquals(2, version());
    }

    /**
     * A fault of the code in what hears of the second rebuild, once its catalog is published: an exception, a stack
     * overflow (deep input through recursive code), a class that could not be loaded, an assertion.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exception", "stack overflow", "class not found", "assertion"})
    void aRebuildThatFails_leavesItsCatalogPublishedAndTold_andTheNextRebuildRuns(String fault) throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        start((before, after) -> {
            told.add(before.version() + "->" + after.version());
            if (told.size() == 1) {
                switch (fault) {
                    case "stack overflow" -> throw new StackOverflowError();
                    case "class not found" -> throw new NoClassDefFoundError("org/feedloom/Gone");
                    case "assertion" -> throw new AssertionError("a broken invariant");
                    default -> throw new IllegalStateException("a fault in what hears of the second rebuild");
                }
            }
        });
        rebuilder.request();
        // each wait includes the gap the loop sets after a rebuild: the pacing clock moves only once it is set
        RunningFeedloom.waitUntil("the first rebuild", () -> version() == 1
                && rebuilder.notBefore().equals(T0.plus(Rebuilder.MIN_GAP)));
        pacing.advance(Rebuilder.MAX_GAP);
        rebuilder.request();
        RunningFeedloom.waitUntil("the second rebuild, which fails", () -> told.size() == 1
                && rebuilder.notBefore().equals(T0.plus(Rebuilder.MAX_GAP).plus(Rebuilder.MIN_GAP)));
        pacing.advance(Rebuilder.MAX_GAP);
        rebuilder.request();
        RunningFeedloom.waitUntil("a third rebuild all the same", () -> version() == 3 && told.size() == 2);
        assertEquals(List.of("1->2", "2->3"), told, "the failed rebuild's catalog was told too");
        assertNull(rebuilder.failing(), "a fault after the catalog was published fails no rebuild");
    }

    /** An error of the JVM itself (out of memory, an internal error): the rebuilds stop and say so. */
    @Test
    void aRebuildEndedByTheJvmsOwnError_stopsTheRebuilds_andSaysSo() throws Exception {
        AtomicInteger told = new AtomicInteger();
        start((before, after) -> {
            if (told.incrementAndGet() == 1) { // the second rebuild: the first is not told
                throw new InternalError("the JVM's own");
            }
        });
        rebuilder.request();
        RunningFeedloom.waitUntil("the first rebuild", () -> version() == 1
                && rebuilder.notBefore().equals(T0.plus(Rebuilder.MIN_GAP)));
        assertNull(rebuilder.failing());
        pacing.advance(Rebuilder.MAX_GAP);
        rebuilder.request();
        RunningFeedloom.waitUntil("the second rebuild, which stops them",
                () -> rebuilder.failing() != null && rebuilder.failing().stopped());
        assertEquals("the JVM's own", rebuilder.failing().error());
        assertEquals(2, version(), "its catalog was published before the error");
        pacing.advance(Rebuilder.MAX_GAP);
        rebuilder.request();
        Thread.sleep(300);
        assertEquals(2, version(), "no rebuild runs after it");
        assertTrue(rebuilder.failing().stopped(), "and they still say so");
    }

    @Test
    void rebuildNow_runsOnTheCallersThread_andIsNotPaced() {
        start(Rebuilder.Listener.NONE);
        assertEquals(1, rebuilder.rebuildNow().version());
        assertEquals(2, rebuilder.rebuildNow().version());
        assertEquals(Instant.MIN, rebuilder.notBefore());
    }
}
