package org.feedloom.model;

import java.time.Instant;

/**
 * Rebuilds of the catalog failing in a row, as {@code /status} and {@code /healthz} show them: what was fetched since
 * the last rebuild that passed is not published yet, and the catalog it published is served meanwhile.
 *
 * @param since    when the first of them failed
 * @param failures how many failed
 * @param error    the last one's error
 * @param stopped  whether the last one's error stopped the rebuilds until a restart (an error of the JVM itself, such
 *                 as running out of memory, after which it may not run anything correctly)
 */
public record RebuildFailure(Instant since, int failures, String error, boolean stopped) {
    public RebuildFailure {
        Checks.notNull(since, "since");
        Checks.notNull(error, "error");
        Checks.argument(failures > 0, "a rebuild failure counts at least one");
    }

    /** One rebuild failed at {@code at} with {@code error}, and the next will run. */
    public static RebuildFailure first(Instant at, String error) {
        return new RebuildFailure(at, 1, error, false);
    }

    /** These failures and one more, whose error was {@code error}; the next rebuild will run. */
    public RebuildFailure andAgain(String error) {
        return new RebuildFailure(since, failures + 1, error, false);
    }

    /** These failures, the last of which stopped the rebuilds until a restart. */
    public RebuildFailure andStopped() {
        return new RebuildFailure(since, failures, error, true);
    }
}
