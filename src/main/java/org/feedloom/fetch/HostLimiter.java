package org.feedloom.fetch;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ObjLongConsumer;
import org.feedloom.config.FeedloomConfig;

/**
 * Politeness: at most {@code concurrency} requests in flight overall and {@code perHost} to any one host, or what
 * {@code fetch.hosts:} sets for the host; and for a host with a {@code minInterval}, at least that long between the
 * starts of two of its requests. Fair semaphores, so waiting requests go in order. The interval is real time (the
 * monotonic clock), like every wait of the fetcher. Each wait is reported to the listener it is given: the limit
 * ({@code host} or {@code overall}, the host's spacing counted in the latter) and how many nanoseconds it took
 * (about none when there was room). With {@link SharedHostPermits} ({@link #share}), a request also takes one of
 * its host's slots shared with other processes, so that the per-host limit holds for all of them together (the
 * minimum interval stays this process's). Thread-safe.
 */
final class HostLimiter {
    private final Semaphore total;
    private final FeedloomConfig.Fetch settings;
    private final ConcurrentHashMap<String, Host> hosts = new ConcurrentHashMap<>();
    private final ObjLongConsumer<String> waits;
    /** The per-host slots shared with other processes; null while this process fetches alone. */
    private volatile SharedHostPermits shared;
    static final long SHARED_POLL_MS = 20;

    /**
     * The limits of {@code settings}: its concurrency, per-host concurrency and per-host overrides.
     *
     * @param waits told each wait for a permit; must be quick and not throw
     */
    HostLimiter(FeedloomConfig.Fetch settings, ObjLongConsumer<String> waits) {
        this.total = new Semaphore(settings.concurrency(), true);
        this.settings = settings;
        this.waits = waits;
    }

    /** One host's permits, and for a host with a minimum interval, when its last request started. */
    private static final class Host {
        final Semaphore permits;
        final long intervalNanos;
        final ReentrantLock starting = new ReentrantLock(true);
        long lastStart;
        boolean started;

        Host(int permits, long intervalNanos) {
            this.permits = new Semaphore(permits, true);
            this.intervalNanos = intervalNanos;
        }
    }

    /**
     * Blocks until a request to {@code host} may start; the returned permit must be closed. For a host with a
     * minimum interval, its requests take their turn to start one at a time: each waits until the interval has
     * passed since the last one started, then for an overall permit, and starts.
     */
    Permit acquire(String host) throws InterruptedException {
        String name = host.toLowerCase(Locale.ROOT);
        Host h = hosts.computeIfAbsent(name, k -> new Host(settings.perHostFor(k), settings.minIntervalFor(k).toNanos()));
        long started = System.nanoTime();
        h.permits.acquire();
        SharedHostPermits others = shared;
        int slot;
        try {
            slot = others == null ? -1 : sharedSlot(others, name, settings.perHostFor(name));
        } catch (InterruptedException e) {
            h.permits.release();
            throw e;
        }
        long hostDone = System.nanoTime();
        waits.accept("host", hostDone - started);
        try {
            if (h.intervalNanos > 0) {
                startSpaced(h);
            } else {
                total.acquire();
            }
        } catch (InterruptedException e) {
            giveBack(others, name, slot);
            h.permits.release();
            throw e;
        }
        waits.accept("overall", System.nanoTime() - hostDone);
        return () -> {
            total.release();
            giveBack(others, name, slot);
            h.permits.release();
        };
    }

    /**
     * Shares the per-host limits with other processes from now on: a request also takes one of its host's shared
     * slots (after this process's own permit for the host), polling every {@value #SHARED_POLL_MS} ms while all are
     * taken.
     */
    void share(SharedHostPermits permits) {
        shared = permits;
    }

    private static int sharedSlot(SharedHostPermits others, String host, int limit) throws InterruptedException {
        for (int slot = others.take(host, limit); ; slot = others.take(host, limit)) {
            if (slot >= 0) {
                return slot;
            }
            TimeUnit.MILLISECONDS.sleep(SHARED_POLL_MS);
        }
    }

    private static void giveBack(SharedHostPermits others, String host, int slot) {
        if (others != null && slot >= 0) {
            others.give(host, slot);
        }
    }

    private void startSpaced(Host h) throws InterruptedException {
        h.starting.lockInterruptibly();
        try {
            if (h.started) {
                long wait = h.lastStart + h.intervalNanos - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            total.acquire();
            h.lastStart = System.nanoTime();
            h.started = true;
        } finally {
            h.starting.unlock();
        }
    }

    /**
     * How many requests wait for a permit now, overall or for their host (an estimate while threads come and go;
     * exact once they are all parked, which is what tests wait for).
     */
    int waiting() {
        int n = total.getQueueLength();
        for (Host h : hosts.values()) {
            n += h.permits.getQueueLength() + h.starting.getQueueLength();
        }
        return n;
    }

    /** A held permission to run one request. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
