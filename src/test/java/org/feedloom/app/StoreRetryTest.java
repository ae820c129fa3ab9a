package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreRetryTest {
    @Test
    void theWaitStartsAtOneSecond_doublesWithEachFailure_andStopsAtAMinute() {
        Duration wait = Duration.ZERO;
        StringBuilder waits = new StringBuilder();
        for (int failure = 0; failure < 9; failure++) {
            wait = StoreRetry.after(wait);
            waits.append(wait.toSeconds()).append(' ');
        }
        assertEquals("1 2 4 8 16 32 60 60 60 ", waits.toString());
    }
}
