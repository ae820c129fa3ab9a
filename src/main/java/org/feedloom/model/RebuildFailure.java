package org.feedloom.model;

import java.time.Instant;

/**
 * Rebuilds of the catalog failing in a row, as {@code /status} and {@code /healthz} show them: what was fetched since
 * the last rebuild that passed is not published yet, and the catalog it published is served meanwhile.
 *
 * @param since    when the first of them failed
 * @param failures how many failed
 * @param error    the last one's error
 */
public record RebuildFailure(Instant since, int failures, String error) {
    public RebuildFailure {
        Checks.notNull(since, "since");
        Checks.notNull(error, "error");
        Checks.argument(failures > 0, "a rebuild failure counts at least one");
    }

    /** These failures and one more, whose error was {@code error}. */
    public RebuildFailure andAgain(String error) {
        return new RebuildFailure(since, failures + 1, error);
    }
}
