package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DaemonsTest {
    /** A run that throws (a driver's odd failure in a lease's renewal, a fault of the code) does not end the chore. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exception", "assertion", "class not found"})
    void aChoreWhoseRunThrows_runsAgain(String fault) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledExecutorService chore = Daemons.every("feedloom-test-chore", Duration.ZERO, Duration.ofMillis(10),
                () -> {
                    if (runs.incrementAndGet() == 1) {
                        switch (fault) {
                            case "assertion" -> throw new AssertionError("a broken invariant");
                            case "class not found" -> throw new NoClassDefFoundError("org/feedloom/Gone");
                            default -> throw new IllegalStateException("the first run fails");
                        }
                    }
                });
        try {
            RunningFeedloom.waitUntil("two runs after the failed one", () -> runs.get() >= 3);
        } finally {
            chore.shutdownNow();
            assertTrue(chore.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    /** An error of the JVM itself (out of memory) ends the chore: nothing it runs next can be trusted. */
    @Test
    void aChoreEndedByTheJvmsOwnError_runsNoMore() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledExecutorService chore = Daemons.every("feedloom-test-chore", Duration.ZERO, Duration.ofMillis(10),
                () -> {
                    if (runs.incrementAndGet() == 2) {
                        throw new InternalError("the JVM's own");
                    }
                });
        try {
            RunningFeedloom.waitUntil("the run that fails", () -> runs.get() >= 2);
            Thread.sleep(200); // twenty periods
            assertEquals(2, runs.get());
        } finally {
            chore.shutdownNow();
            assertTrue(chore.awaitTermination(5, TimeUnit.SECONDS));
        }
    }
}
