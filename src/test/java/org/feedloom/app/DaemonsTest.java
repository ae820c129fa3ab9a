package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DaemonsTest {
    /** A run that throws (a driver's odd failure in a lease's renewal) does not end the chore. */
    @Test
    void aChoreWhoseRunThrows_runsAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledExecutorService chore = Daemons.every("feedloom-test-chore", Duration.ZERO, Duration.ofMillis(10),
                () -> {
                    if (runs.incrementAndGet() == 1) {
                        throw new IllegalStateException("the first run fails");
                    }
                });
        try {
            RunningFeedloom.waitUntil("two runs after the failed one", () -> runs.get() >= 3);
        } finally {
            chore.shutdownNow();
            assertTrue(chore.awaitTermination(5, TimeUnit.SECONDS));
        }
    }
}
