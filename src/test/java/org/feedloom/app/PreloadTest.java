package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreloadTest {
    /** The throwaway server the preload starts is stopped: nothing of it outlives the thread. */
    @Test
    void thePreloadThread_endsWithNoServerThreadLeft() throws InterruptedException {
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        Thread preload = Preload.start();
        preload.join(60_000);
        assertFalse(preload.isAlive());
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName)
                .filter(name -> name.contains("Jetty") || name.contains("Scheduler") || name.contains("qtp"))
                .toList();
        assertEquals(List.of(), left);
    }
}
