package org.feedloom.fetch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedloom.model.Faults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each source's job when it is due, on a bounded pool of workers, never two runs of one source at once. A job
 * returns when the source is due next (null: never, until it is scheduled again). A tick every
 * {@value #TICK_MILLIS} ms starts whatever is due; {@link #runNow} and {@link #runAllNow} start sources at once.
 *
 * <p>Thread-safe. A job that throws is logged once and its source is tried again after {@link #RETRY_AFTER_CRASH}.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    static final long TICK_MILLIS = 250;
    static final Duration RETRY_AFTER_CRASH = Duration.ofMinutes(5);

    /** What the scheduler runs for a source. */
    @FunctionalInterface
    public interface Job {
        /** Does the work for one source; returns when it is due next, or null for never. */
        Instant run(String sourceId);
    }

    private final Clock clock;
    private final Job job;
    private final java.util.concurrent.ThreadPoolExecutor workers;
    private final ScheduledExecutorService ticker;
    private final Map<String, Instant> due = new HashMap<>();
    private final Set<String> running = new HashSet<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private boolean closed;

    /** @param workers how many jobs run at once (the fetcher's politeness limits apply inside each job) */
    public Scheduler(int workers, Clock clock, Job job) {
        this.clock = clock;
        this.job = job;
        AtomicInteger n = new AtomicInteger();
        this.workers = (java.util.concurrent.ThreadPoolExecutor)
                Executors.newFixedThreadPool(workers, r -> daemon(r, "feedloom-fetch-" + n.incrementAndGet()));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "feedloom-scheduler"));
    }

    /** Starts ticking. */
    public void start() {
        ticker.scheduleWithFixedDelay(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Adds or reschedules a source; {@code when} null means not at all (a disabled source). */
    public synchronized void schedule(String sourceId, Instant when) {
        if (when == null) {
            due.remove(sourceId);
        } else {
            due.put(sourceId, when);
        }
    }

    /** Forgets a source; a run in progress finishes but is not rescheduled. */
    public synchronized void remove(String sourceId) {
        due.remove(sourceId);
    }

    /** The sources known, with when each is due. */
    public synchronized Map<String, Instant> due() {
        return Map.copyOf(due);
    }

    /** Makes a known source due now; false if it is unknown. */
    public synchronized boolean runNow(String sourceId) {
        if (!due.containsKey(sourceId)) {
            return false;
        }
        due.put(sourceId, Instant.MIN);
        ticker.execute(this::tick);
        return true;
    }

    /** Makes every known source due now; returns how many. */
    public synchronized int runAllNow() {
        due.replaceAll((id, when) -> Instant.MIN);
        ticker.execute(this::tick);
        return due.size();
    }

    /** Jobs running now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Jobs handed to the workers that none has started yet (all workers busy). */
    int queued() {
        return workers.getQueue().size();
    }

    /** Starts every due source that is not already running; returns their ids. */
    synchronized List<String> tick() {
        if (closed) {
            return List.of();
        }
        Instant now = clock.instant();
        List<String> start = new ArrayList<>();
        due.forEach((id, when) -> {
            if (!when.isAfter(now) && !running.contains(id)) {
                start.add(id);
            }
        });
        for (String id : start) {
            running.add(id);
            due.put(id, Instant.MAX);
            inFlight.incrementAndGet();
            workers.execute(() -> runJob(id));
        }
        return start;
    }

    private void runJob(String id) {
        Instant next;
        Error ofTheJvm = null; // rethrown once the source is scheduled again ({@link Faults})
        try {
            next = job.run(id);
        } catch (RuntimeException | Error e) {
            LOG.error("scheduler: source {} failed unexpectedly; trying again in {}", id, RETRY_AFTER_CRASH, e);
            next = clock.instant().plus(RETRY_AFTER_CRASH);
            ofTheJvm = Faults.ofTheJvm(e) ? (Error) e : null;
        }
        reschedule(id, next);
        if (ofTheJvm != null) {
            throw ofTheJvm;
        }
    }

    /** Takes the job of source {@code id} as ended, its source due at {@code next} (null: not again). */
    private synchronized void reschedule(String id, Instant next) {
        running.remove(id);
        inFlight.decrementAndGet();
        Instant current = due.get(id);
        if (current == null) {
            return; // removed while running
        }
        if (current.equals(Instant.MIN)) {
            ticker.execute(this::tick); // asked for again while running
        } else if (next == null) {
            due.remove(id);
        } else {
            due.put(id, next);
        }
    }

    /** Stops starting jobs and waits up to {@code wait} for running ones to finish; true if they all did. */
    public boolean stop(Duration wait) {
        synchronized (this) {
            closed = true;
        }
        ticker.shutdownNow();
        workers.shutdown();
        try {
            return workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (!stop(Duration.ofSeconds(5))) {
            workers.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
