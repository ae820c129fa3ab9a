package org.feedloom.canonical;

import java.time.Duration;
import java.time.Instant;
import org.feedloom.model.Checks;

/**
 * When two articles that stay separate entries report one story, so that each links to the other: they were
 * published within {@code window} of each other, on different hosts, neither is a press release
 * ({@link PressRelease}), and among their {@link StoryTerms} they share at least {@code minShared}, one of them a
 * name (two outlets reporting one event name its people and places and give its figures, whatever words they
 * choose; a shared figure or two alone is chance). A term many articles name in those days is common, no evidence
 * ({@link #COMMON}; {@link Coverage} counts them). Stricter than folding by design: a wrong link costs a reader
 * more than a missing one. Immutable and thread-safe.
 *
 * @param enabled   whether any articles are linked at all
 * @param window    the longest time between the two publications
 * @param minShared the fewest terms the two must share
 */
public record RelatedRule(boolean enabled, Duration window, int minShared) {
    /** The defaults: on, 72 hours, two shared terms. */
    public static final RelatedRule DEFAULT = new RelatedRule(true, Duration.ofHours(72), 2);
    /** Nothing is linked. */
    public static final RelatedRule OFF = new RelatedRule(false, DEFAULT.window, DEFAULT.minShared);

    public RelatedRule {
        Checks.notNull(window, "window");
        Checks.argument(!window.isNegative(), "related window must not be negative");
        Checks.argument(minShared >= 1, "related minShared must be at least 1");
    }

    /**
     * How many articles may name a term within the window of a day before it is common there, and no evidence that
     * two of them report one story.
     */
    public static final int COMMON = 20;

    /**
     * Whether two articles may be linked at all, before their terms are read: the rule is on, they were published
     * within the window and on different hosts ({@link FoldRule#host}). Press releases never get this far:
     * {@link Coverage} keeps no entry for one.
     */
    boolean mayLink(Instant publishedA, String hostA, Instant publishedB, String hostB) {
        return enabled && FoldRule.within(publishedA, publishedB, window) && !hostA.equals(hostB);
    }

    /** Whether {@code shared} distinctive terms, a name among them or not, are evidence of one story. */
    boolean enough(int shared, boolean sharedName) {
        return sharedName && shared >= minShared;
    }
}
