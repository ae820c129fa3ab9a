package org.feedloom.canonical;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** What the rule reads of an article: its link, publication, terms and whether it is a press release. */
    record Story(String url, Instant published, List<String> terms, boolean pressRelease) {
        Story {
            terms = List.copyOf(terms);
        }

        static Story of(String url, Instant published, String title, String excerpt, String content) {
            return new Story(url, published, StoryTerms.of(title, excerpt, content), PressRelease.is(url, content));
        }
    }

    /**
     * How many articles may name a term within the window of a day before it is common there, and no evidence that
     * two of them report one story.
     */
    public static final int COMMON = 20;

    /**
     * The terms two stories share, in {@code a}'s order, when they are coverage of one story by this rule; else
     * empty. Every term counts.
     */
    List<String> shared(Story a, Story b) {
        return shared(a, b, term -> false);
    }

    /**
     * The distinctive terms two stories share, in {@code a}'s order, when they are coverage of one story by this
     * rule; else empty. A term {@code common} answers true for is no evidence.
     */
    List<String> shared(Story a, Story b, java.util.function.Predicate<String> common) {
        if (!mayLink(a.published, FoldRule.host(a.url), a.pressRelease, b.published, FoldRule.host(b.url),
                b.pressRelease)) {
            return List.of();
        }
        List<String> shared = new ArrayList<>();
        boolean name = false;
        for (String term : a.terms) {
            if (b.terms.contains(term) && !common.test(term)) {
                shared.add(term);
                name |= StoryTerms.isName(term);
            }
        }
        return enough(shared.size(), name) ? shared : List.of();
    }

    /**
     * Whether two articles may be linked at all, before their terms are read: the rule is on, neither is a press
     * release, they were published within the window and on different hosts ({@link FoldRule#host}).
     */
    boolean mayLink(Instant publishedA, String hostA, boolean releaseA, Instant publishedB, String hostB,
                    boolean releaseB) {
        return enabled && !releaseA && !releaseB
                && Duration.between(publishedA, publishedB).abs().compareTo(window) <= 0 && !hostA.equals(hostB);
    }

    /** Whether {@code shared} distinctive terms, a name among them or not, are evidence of one story. */
    boolean enough(int shared, boolean sharedName) {
        return sharedName && shared >= minShared;
    }
}
