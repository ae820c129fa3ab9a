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
 * choose; a shared figure or two alone is chance). Stricter than folding by design: a wrong link costs a reader
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
     * The terms two stories share, in {@code a}'s order, when they are coverage of one story by this rule; else
     * empty.
     */
    List<String> shared(Story a, Story b) {
        if (!enabled || a.pressRelease || b.pressRelease
                || Duration.between(a.published, b.published).abs().compareTo(window) > 0
                || FoldRule.host(a.url).equals(FoldRule.host(b.url))) {
            return List.of();
        }
        List<String> shared = new ArrayList<>();
        boolean name = false;
        for (String term : a.terms) {
            if (b.terms.contains(term)) {
                shared.add(term);
                name |= StoryTerms.isName(term);
            }
        }
        return name && shared.size() >= minShared ? shared : List.of();
    }
}
