package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The window test of folding and related coverage: two instants at most a window apart, either way round. */
class WindowTest {
    private static final Instant T0 = Instant.parse("2026-02-11T06:20:00Z");

    @Test
    void theEdge_isWithin_eitherWayRound_andOneNanosecondPastIsNot() {
        Duration window = Duration.ofHours(72);
        Instant edge = T0.plus(window);
        assertTrue(FoldRule.within(T0, edge, window));
        assertTrue(FoldRule.within(edge, T0, window));
        assertFalse(FoldRule.within(T0, edge.plusNanos(1), window));
        assertFalse(FoldRule.within(edge.plusNanos(1), T0, window));
        assertTrue(FoldRule.within(T0, T0, Duration.ZERO));
    }

    @Test
    void answersAsTheAbsoluteDurationDoes() {
        Random random = new Random(72);
        for (int i = 0; i < 20_000; i++) {
            Instant a = T0.plusSeconds(random.nextInt(1_000_000) - 500_000).plusNanos(random.nextInt(1_000_000_000));
            Instant b = random.nextInt(8) == 0 ? a : a.plusMillis(random.nextInt(600_000_000) - 300_000_000);
            Duration window = Duration.ofSeconds(random.nextInt(400_000), random.nextInt(1_000_000_000));
            assertEquals(Duration.between(a, b).abs().compareTo(window) <= 0, FoldRule.within(a, b, window),
                    a + " " + b + " " + window);
        }
    }
}
