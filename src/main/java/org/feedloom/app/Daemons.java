package org.feedloom.app;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.feedloom.model.Faults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Background chores (of instances sharing a store, of a server): each on a daemon thread of its own, named for it. */
final class Daemons {
    private static final Logger LOG = LoggerFactory.getLogger(Daemons.class);

    private Daemons() {}

    /** Runs {@code work} once, now, on a daemon thread called {@code name}. */
    static Thread once(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Runs {@code chore} every {@code every} (after a first {@code first}) on a daemon thread called {@code name}. A
     * run that throws is logged and the chore runs again at its next time: a scheduled executor would never run it
     * again, and an instance whose lease or request slots stopped being renewed over one odd failure would lose
     * them for good.
     */
    static ScheduledExecutorService every(String name, Duration first, Duration every, Runnable chore) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                chore.run();
            } catch (RuntimeException | Error e) {
                if (Faults.ofTheJvm(e)) {
                    LOG.error("{}: stopped by an error of the JVM", name, e);
                    throw e;
                }
                LOG.warn("{}: this run failed, the next is in {} ms", name, every.toMillis(), e);
            }
        }, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return executor;
    }
}
