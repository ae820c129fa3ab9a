package org.feedloom.app;

import java.time.Duration;

/**
 * How long to wait before trying the store again after it failed to read, for every part of the server that tries
 * again on its own (the rebuilder, the start-up read): {@link #FIRST} after one failure, then twice the wait before,
 * at most {@link #MAX}.
 */
final class StoreRetry {
    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofMinutes(1);

    private StoreRetry() {}

    /** The wait after one more failure in a row, {@code last} the wait before it ({@link Duration#ZERO}: none). */
    static Duration after(Duration last) {
        if (last.isZero()) {
            return FIRST;
        }
        Duration twice = last.multipliedBy(2);
        return twice.compareTo(MAX) > 0 ? MAX : twice;
    }
}
