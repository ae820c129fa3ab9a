package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.feedloom.store.Coordination.Announcement;
import org.junit.jupiter.api.Test;

/** {@link CoordinationTest} on the tests' PostgreSQL server, and its wake-up of waiting readers. */
class CoordinationOnPostgresTest extends CoordinationTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }

    @Test
    void aReaderWaitingForAnnouncements_isWokenWhenOneIsCommitted() throws Exception {
        try (JdbcStore a = open(); JdbcStore b = open()) {
            b.awaitAnnouncement(Duration.ofMillis(1)); // listening from now on
            Thread announcer = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                a.announce(Announcement.merged(List.of(), List.of("s.example/1")), Fixtures.T0);
            });
            long started = System.nanoTime();
            announcer.start();
            b.awaitAnnouncement(Duration.ofSeconds(120));
            long waited = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            announcer.join();
            assertTrue(waited < 60, "woken by the announcement, not by the end of the wait: " + waited + " s");
        }
    }
}
