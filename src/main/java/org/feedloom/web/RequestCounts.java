package org.feedloom.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests answered, by route template and status code, for the metrics: a {@link LongAdder} per route and status,
 * made on the first such request, so counting one costs a map lookup by the route's (constant) template, an array
 * read and an add, without allocating; {@link Route} skips the lookup where the route is known in advance (the fast
 * path). Thread-safe.
 */
final class RequestCounts {
    /** The route of a request no route matched. */
    static final String OTHER = "other";
    private static final int MAX_STATUS = 599;

    private final ConcurrentHashMap<String, Route> routes = new ConcurrentHashMap<>();

    /** The counts of route template {@code template} ({@link #OTHER} for none). */
    Route route(String template) {
        Route r = routes.get(template);
        return r != null ? r : routes.computeIfAbsent(template, Route::new);
    }

    /** Every count so far, in no particular order. */
    List<WebApp.RequestCount> counts() {
        List<WebApp.RequestCount> out = new ArrayList<>();
        for (Route r : routes.values()) {
            for (int status = 0; status <= MAX_STATUS; status++) {
                LongAdder n = r.byStatus.get(status);
                if (n != null) {
                    out.add(new WebApp.RequestCount(r.template, status, n.sum()));
                }
            }
        }
        return out;
    }

    /** The counts of one route. */
    static final class Route {
        private final String template;
        private final AtomicReferenceArray<LongAdder> byStatus = new AtomicReferenceArray<>(MAX_STATUS + 1);

        private Route(String template) {
            this.template = template;
        }

        /** Counts a request answered with {@code status} (one outside 0-599 is counted as 0). */
        void count(int status) {
            int s = status < 0 || status > MAX_STATUS ? 0 : status;
            LongAdder n = byStatus.get(s);
            if (n == null) {
                byStatus.compareAndSet(s, null, new LongAdder());
                n = byStatus.get(s);
            }
            n.increment();
        }
    }
}
