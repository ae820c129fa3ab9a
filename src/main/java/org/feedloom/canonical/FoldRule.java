package org.feedloom.canonical;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.feedloom.model.Checks;

/**
 * When two articles with different canonical keys are one piece republished (a syndicated copy): their texts,
 * boilerplate taken out, have at least {@code minShingles} shingles each, the shorter's shingles are nearly all in
 * the other ({@link Fingerprint#containment} at least {@code containment}), they were published within
 * {@code window} of each other, and on different hosts (an outlet that publishes one text twice gives it one URL
 * and its variants; two posts of one outlet that share most words are a template, a digest or a follow-up).
 * Immutable and thread-safe.
 *
 * @param enabled     whether anything folds at all
 * @param containment the least estimated share of the shorter text found in the other, in (0, 1]
 * @param window      the longest time between the two publications
 * @param minShingles the least number of shingles each text needs (titles and short excerpts are no evidence)
 * @param apart       alias keys pinned apart: for a key, the keys whose articles never fold with its article
 * @param together    alias keys pinned together: for a key, the keys whose articles fold with its article whatever
 *                    their texts, dates and hosts (unless a pin apart says otherwise: apart wins)
 */
public record FoldRule(boolean enabled, double containment, Duration window, int minShingles,
                       Map<String, Set<String>> apart, Map<String, Set<String>> together) {
    /** The defaults: on, 0.8, 14 days, 20 shingles, nothing pinned apart. */
    public static final FoldRule DEFAULT = new FoldRule(true, 0.8, Duration.ofDays(14), 20);

    public FoldRule {
        Checks.argument(containment > 0 && containment <= 1, "fold containment must be in (0, 1]");
        Checks.argument(!window.isNegative(), "fold window must not be negative");
        Checks.argument(minShingles > 0, "fold minShingles must be positive");
        apart = frozen(apart);
        together = frozen(together);
    }

    /** A rule with nothing pinned together. */
    public FoldRule(boolean enabled, double containment, Duration window, int minShingles,
                    Map<String, Set<String>> apart) {
        this(enabled, containment, window, minShingles, apart, Map.of());
    }

    private static Map<String, Set<String>> frozen(Map<String, Set<String>> pins) {
        Map<String, Set<String>> copy = new HashMap<>();
        pins.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        return Map.copyOf(copy);
    }

    /**
     * What the anchors of a text depend on under this rule besides the text ({@link Fingerprint}'s way of reading
     * them and {@link #minShingles}): anchors kept under another value are not this rule's.
     */
    public String anchoring() {
        return Fingerprint.ANCHORING + ", at least " + minShingles;
    }

    /** A rule with nothing pinned apart. */
    public FoldRule(boolean enabled, double containment, Duration window, int minShingles) {
        this(enabled, containment, window, minShingles, Map.of());
    }

    /**
     * The same rule with pairs of URLs pinned apart: the two articles of a pair are never one, even when a third
     * text is a copy of both (of the folds that would join them, the weaker is not made).
     */
    public FoldRule pinnedApart(List<List<String>> pairs) {
        return new FoldRule(enabled, containment, window, minShingles, pinned(apart, pairs), together);
    }

    /**
     * The same rule with pairs of URLs pinned together: the two articles of a pair are one, whatever their texts
     * (a copy the rule cannot see: rewritten, translated, too short), unless a pin apart keeps them apart.
     */
    public FoldRule pinnedTogether(List<List<String>> pairs) {
        return new FoldRule(enabled, containment, window, minShingles, apart, pinned(together, pairs));
    }

    /** {@code pins} with {@code pairs} added both ways, by the canonical keys of their URLs. */
    private static Map<String, Set<String>> pinned(Map<String, Set<String>> pins, List<List<String>> pairs) {
        Map<String, Set<String>> out = new HashMap<>();
        pins.forEach((k, v) -> out.put(k, new HashSet<>(v)));
        for (List<String> pair : pairs) {
            String a = CanonicalUrl.keyOf(pair.get(0));
            String b = CanonicalUrl.keyOf(pair.get(1));
            out.computeIfAbsent(a, k -> new HashSet<>()).add(b);
            out.computeIfAbsent(b, k -> new HashSet<>()).add(a);
        }
        return out;
    }

    /** One side of a comparison: where an article was published, when, and its text. */
    public record Candidate(String url, Instant published, Fingerprint fingerprint) {}

    /** The evidence for one fold: the estimated containment and Jaccard similarity. */
    public record Evidence(double containment, double jaccard) {}

    /** The evidence that {@code a} and {@code b} are one piece, or null when they are not (or folding is off). */
    public Evidence judge(Candidate a, Candidate b) {
        return mayCompare(a.url(), a.published(), b.url(), b.published()) ? judgeTexts(a, b) : null;
    }

    /**
     * {@link #judge} of two candidates {@link #mayCompare} has passed already (a caller that checks it before it
     * fingerprints the texts): each text long enough, and the shorter nearly all in the other.
     */
    Evidence judgeTexts(Candidate a, Candidate b) {
        if (!longEnough(a, b)) {
            return null;
        }
        double c = a.fingerprint().containment(b.fingerprint());
        return c >= containment ? new Evidence(c, a.fingerprint().jaccard(b.fingerprint())) : null;
    }

    /**
     * Whether the texts of {@code a} and {@code b} are to be compared at all: folding is on, each text is long enough,
     * they were published within the window and on different hosts.
     */
    public boolean comparable(Candidate a, Candidate b) {
        return mayCompare(a.url(), a.published(), b.url(), b.published()) && longEnough(a, b);
    }

    /** Whether each text has the shingles a judgement needs (titles and short excerpts are no evidence). */
    private boolean longEnough(Candidate a, Candidate b) {
        return a.fingerprint().shingles() >= minShingles && b.fingerprint().shingles() >= minShingles;
    }

    /**
     * What {@link #comparable} asks of two texts before reading them: folding is on, they were published within the
     * window and on different hosts. A pair that fails it need not be fingerprinted.
     */
    public boolean mayCompare(String urlA, Instant publishedA, String urlB, Instant publishedB) {
        return enabled && within(publishedA, publishedB, window) && !host(urlA).equals(host(urlB));
    }

    /**
     * Whether {@code a} and {@code b} are at most {@code window} apart, either way round: the window test of folding
     * and of related coverage. Not {@code Duration.abs}, whose negation goes through {@code BigDecimal} arithmetic
     * in Java 17 (2.5% of the samples of a restart of 31,541 full posts, in the pairs coverage judged).
     */
    static boolean within(Instant a, Instant b, Duration window) {
        return (a.isAfter(b) ? Duration.between(b, a) : Duration.between(a, b)).compareTo(window) <= 0;
    }

    /** The host of a URL without a leading {@code www.}, lower-cased; the URL itself if it has none. */
    static String host(String url) {
        String key = CanonicalUrl.keyOf(url);
        int slash = key.indexOf('/');
        String host = (slash < 0 ? key : key.substring(0, slash)).toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }
}
