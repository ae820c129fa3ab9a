package org.feedloom.fetch;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.ObjLongConsumer;

/**
 * Politeness: at most {@code total} requests in flight overall and {@code perHost} to any one host. Fair
 * semaphores, so waiting requests go in order. Each wait is reported to the listener it is given: the limit
 * ({@code host} or {@code overall}) and how many nanoseconds it took (about none when there was room). Thread-safe.
 */
final class HostLimiter {
    private final Semaphore total;
    private final int perHost;
    private final ConcurrentHashMap<String, Semaphore> hosts = new ConcurrentHashMap<>();
    private final ObjLongConsumer<String> waits;

    HostLimiter(int total, int perHost) {
        this(total, perHost, (limit, nanos) -> { });
    }

    /** @param waits told each wait for a permit; must be quick and not throw */
    HostLimiter(int total, int perHost, ObjLongConsumer<String> waits) {
        this.total = new Semaphore(total, true);
        this.perHost = perHost;
        this.waits = waits;
    }

    /** Blocks until a request to {@code host} may start; the returned permit must be closed. */
    Permit acquire(String host) throws InterruptedException {
        Semaphore h = hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), k -> new Semaphore(perHost, true));
        long started = System.nanoTime();
        h.acquire();
        long hostDone = System.nanoTime();
        waits.accept("host", hostDone - started);
        try {
            total.acquire();
        } catch (InterruptedException e) {
            h.release();
            throw e;
        }
        waits.accept("overall", System.nanoTime() - hostDone);
        return () -> {
            total.release();
            h.release();
        };
    }

    /**
     * How many requests wait for a permit now, overall or for their host (an estimate while threads come and go;
     * exact once they are all parked, which is what tests wait for).
     */
    int waiting() {
        int n = total.getQueueLength();
        for (Semaphore h : hosts.values()) {
            n += h.getQueueLength();
        }
        return n;
    }

    /** A held permission to run one request. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
