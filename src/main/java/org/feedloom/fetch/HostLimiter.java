package org.feedloom.fetch;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Politeness: at most {@code total} requests in flight overall and {@code perHost} to any one host. Fair
 * semaphores, so waiting requests go in order. Thread-safe.
 */
final class HostLimiter {
    private final Semaphore total;
    private final int perHost;
    private final ConcurrentHashMap<String, Semaphore> hosts = new ConcurrentHashMap<>();

    HostLimiter(int total, int perHost) {
        this.total = new Semaphore(total, true);
        this.perHost = perHost;
    }

    /** Blocks until a request to {@code host} may start; the returned permit must be closed. */
    Permit acquire(String host) throws InterruptedException {
        Semaphore h = hosts.computeIfAbsent(host.toLowerCase(Locale.ROOT), k -> new Semaphore(perHost, true));
        h.acquire();
        try {
            total.acquire();
        } catch (InterruptedException e) {
            h.release();
            throw e;
        }
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
