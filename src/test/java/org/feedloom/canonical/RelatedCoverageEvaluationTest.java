package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import org.feedloom.model.StoryLink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: {@link RelatedRule#DEFAULT} on the labelled evaluation set, judged as the server judges it: every article
 * of the set put into one {@link Coverage}, as an archive, and a pair linked when the index links its two articles.
 * A regression guard for the precision the issue asks of related coverage (at least 0.95) and for no link among the
 * hard negatives, with a floor on recall over same-story pairs so that the rule cannot silently become one that links
 * nothing; it writes the set's report to {@code target/related-report.md} ({@code bench/run fold} appends it to
 * {@code bench/results/fold.md}). Syndicated copies are folded before related coverage applies, so their links are
 * counted apart and left out of precision. The variants the rule was chosen from are read here, pair by pair, from
 * the same terms and with the rule's own conditions.
 */
class RelatedCoverageEvaluationTest {
    private static final RelatedRule RULE = RelatedRule.DEFAULT;
    private static final Set<String> NEGATIVES = Set.of("follow-up", "template-title", "press-release",
            "short-title");
    /** The most missed same-story pairs the report lists. */
    private static final int MISSED_SHOWN = 10;

    private static List<FoldingSet.Pair> pairs;
    /** Per category: pairs, pairs linked, articles read as press releases. */
    private static final Map<String, int[]> LINKED = new TreeMap<>();
    /** Linked pairs of the negative categories: id and shared terms. */
    private static final List<String> FALSE_LINKS = new ArrayList<>();
    /** Same-story pairs not linked: id, why, and the terms the two share whatever the rule says. */
    private static final List<String> MISSED = new ArrayList<>();
    /** Articles of different pairs that the rule links: ids and shared terms. */
    private static final List<String> ACROSS = new ArrayList<>();
    private static long acrossCompared;
    /** The variants the rule was chosen from: whether each links two stories. */
    private static final Map<String, BiPredicate<Story, Story>> VARIANTS = new LinkedHashMap<>();
    /** Per variant: same-story pairs linked, other pairs linked (syndicated copies left out). */
    private static final Map<String, int[]> VARIANT_LINKS = new LinkedHashMap<>();

    static {
        RelatedRule three = new RelatedRule(true, RULE.window(), 3);
        VARIANTS.put("at least 2 shared, at least 1 a name (the rule)", (a, b) -> !shared(RULE, a, b).isEmpty());
        VARIANTS.put("at least 3 shared", (a, b) -> !shared(three, a, b).isEmpty());
        VARIANTS.put("at least 2 shared names",
                (a, b) -> shared(RULE, a, b).stream().filter(StoryTerms::isName).count() >= 2);
        VARIANTS.put("the rule without leaving out press releases",
                (a, b) -> !shared(RULE, notRelease(a), notRelease(b)).isEmpty());
    }

    /** What the rule reads of an article: its link, publication, terms and whether it is a press release. */
    private record Story(String url, Instant published, List<String> terms, boolean pressRelease) {
        static Story of(FoldingSet.Side s) {
            return new Story(s.url(), s.published(), StoryTerms.of(s.title(), s.excerpt(), s.content()),
                    PressRelease.is(s.url(), s.content()));
        }
    }

    /**
     * The terms two stories share, in {@code a}'s order, when {@code rule}'s conditions link them (every term counts:
     * no term of the set is common); else empty. For the variants; the rule itself is judged by {@link Coverage}.
     */
    private static List<String> shared(RelatedRule rule, Story a, Story b) {
        if (a.pressRelease || b.pressRelease
                || !rule.mayLink(a.published, FoldRule.host(a.url), b.published, FoldRule.host(b.url))) {
            return List.of();
        }
        List<String> shared = a.terms.stream().filter(b.terms::contains).toList();
        return rule.enough(shared.size(), shared.stream().anyMatch(StoryTerms::isName)) ? shared : List.of();
    }

    @BeforeAll
    static void judgeEveryPair() throws IOException {
        pairs = FoldingSet.load();
        Coverage coverage = new Coverage(RULE);
        Map<String, String> idOfUrl = new HashMap<>();
        for (FoldingSet.Pair p : pairs) {
            for (FoldingSet.Side side : List.of(p.a(), p.b())) {
                assertEquals(null, idOfUrl.put(side.url(), p.id() + (side == p.a() ? ".a" : ".b")), side.url());
                coverage.put(CoverageTest.article(side.url(), side.provider(), side.published(), side.title(),
                        side.excerpt(), side.content()));
            }
        }
        for (FoldingSet.Pair p : pairs) {
            Story a = Story.of(p.a());
            Story b = Story.of(p.b());
            List<String> shared = coverage.evidenceOf(CanonicalUrl.keyOf(p.a().url())).stream()
                    .filter(link -> link.otherUrl().equals(p.b().url())).map(StoryLink::terms).findFirst()
                    .orElse(List.of());
            if (!p.category().equals("syndicated-copy")) {
                assertEquals(Set.copyOf(shared), Set.copyOf(shared(RULE, a, b)),
                        p.id() + ": the index links what the rule's conditions do, by the same terms");
            }
            int[] counts = LINKED.computeIfAbsent(p.category(), k -> new int[3]);
            counts[0]++;
            counts[1] += shared.isEmpty() ? 0 : 1;
            counts[2] += (a.pressRelease() ? 1 : 0) + (b.pressRelease() ? 1 : 0);
            compare(p, a, b);
            if (!shared.isEmpty() && NEGATIVES.contains(p.category())) {
                FALSE_LINKS.add(p.id() + " " + shared);
            } else if (shared.isEmpty() && p.expect().equals("related")) {
                MISSED.add(p.id() + " (" + why(a, b) + "): " + common(a, b));
            }
        }
        long articles = idOfUrl.size();
        acrossCompared = articles * (articles - 1) / 2 - pairs.size();
        for (String url : new TreeMap<>(idOfUrl).keySet()) {
            for (StoryLink link : coverage.evidenceOf(CanonicalUrl.keyOf(url))) {
                String x = idOfUrl.get(link.url());
                String y = idOfUrl.get(link.otherUrl());
                if (x.compareTo(y) < 0 && !pairOf(x).equals(pairOf(y))) {
                    ACROSS.add(x + " ~ " + y + " " + link.terms());
                }
            }
        }
        Path report = Path.of("target", "related-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, report());
    }

    /** The pair an article's id ({@code <pair>.a} or {@code <pair>.b}) belongs to. */
    private static String pairOf(String id) {
        return id.substring(0, id.length() - 2);
    }

    /** Each variant's judgement of a labelled pair that is not a syndicated copy. */
    private static void compare(FoldingSet.Pair p, Story a, Story b) {
        if (p.category().equals("syndicated-copy")) {
            return;
        }
        VARIANTS.forEach((name, links) -> {
            int[] counts = VARIANT_LINKS.computeIfAbsent(name, k -> new int[2]);
            if (links.test(a, b)) {
                counts[p.expect().equals("related") ? 0 : 1]++;
            }
        });
    }

    private static Story notRelease(Story s) {
        return new Story(s.url(), s.published(), s.terms(), false);
    }

    /** The terms two stories have in common, whatever the rule's other conditions. */
    private static List<String> common(Story a, Story b) {
        return a.terms().stream().filter(b.terms()::contains).toList();
    }

    /** Which of the rule's conditions two stories fail, the first of them. */
    private static String why(Story a, Story b) {
        List<String> common = common(a, b);
        if (a.pressRelease() || b.pressRelease()) {
            return "read as a press release";
        } else if (Duration.between(a.published(), b.published()).abs().compareTo(RULE.window()) > 0) {
            return "outside the window";
        } else if (FoldRule.host(a.url()).equals(FoldRule.host(b.url()))) {
            return "same host";
        } else if (common.stream().noneMatch(StoryTerms::isName)) {
            return "no shared name";
        }
        return "shares " + common.size() + " of " + RULE.minShared();
    }

    private static int linked(String category) {
        return LINKED.getOrDefault(category, new int[3])[1];
    }

    private static int count(String category) {
        return LINKED.getOrDefault(category, new int[3])[0];
    }

    /** Linked same-story pairs over every linked labelled pair that is not a syndicated copy. */
    private static double precision() {
        int linked = LINKED.entrySet().stream().filter(e -> !e.getKey().equals("syndicated-copy"))
                .mapToInt(e -> e.getValue()[1]).sum();
        return linked == 0 ? 1 : linked("same-story") / (double) linked;
    }

    private static double recall() {
        return count("same-story") == 0 ? 0 : linked("same-story") / (double) count("same-story");
    }

    @Test
    void theSetHasSameStoryPairsAndNegatives() {
        assertTrue(count("same-story") >= 50 && NEGATIVES.stream().allMatch(c -> count(c) >= 50),
                "pairs per category: " + LINKED.keySet());
    }

    @Test
    void precisionIsAtLeastWhatTheIssueAsks() {
        assertTrue(precision() >= 0.95, String.format("precision %.3f; false links %s", precision(), FALSE_LINKS));
    }

    @Test
    void noHardNegativeIsLinked() {
        assertEquals(List.of(), FALSE_LINKS);
    }

    @Test
    void atLeastHalfTheSameStoryPairsAreLinked() {
        assertTrue(recall() >= 0.5, String.format("recall %.3f; missed %s", recall(), MISSED));
    }

    private static String report() {
        StringBuilder out = new StringBuilder("# Related coverage: the evaluation set\n\n");
        out.append(String.format("Rule: at least %d shared story terms (names of two or more capitalised words, "
                        + "figures of three digits or with million/billion), one of them a name; window %d hours; "
                        + "different hosts; neither article a press release. %d pairs.%n%n", RULE.minShared(),
                RULE.window().toHours(), pairs.size()));
        out.append("| category | pairs | linked | articles read as press releases |\n|---|---|---|---|\n");
        LINKED.forEach((category, c) -> out.append(String.format("| %s | %d | %d | %d |%n", category, c[0], c[1],
                c[2])));
        int falseLinks = LINKED.entrySet().stream()
                .filter(e -> !e.getKey().equals("syndicated-copy") && !e.getKey().equals("same-story"))
                .mapToInt(e -> e.getValue()[1]).sum();
        out.append(String.format("%nRecall on same-story pairs: %d of %d (%.3f). Precision: %d of %d linked pairs "
                        + "are the same story (%.3f); syndicated copies are left out, since they fold before related "
                        + "coverage applies (%d of %d would be linked).%n", linked("same-story"),
                count("same-story"), recall(), linked("same-story"), linked("same-story") + falseLinks, precision(),
                linked("syndicated-copy"), count("syndicated-copy")));
        out.append(String.format("%nThe variants the rule was chosen from, on the labelled pairs other than syndicated "
                + "copies:%n%n| variant | same-story pairs linked (of %d) | other pairs linked |%n|---|---|---|%n",
                count("same-story")));
        VARIANT_LINKS.forEach((name, c) -> out.append(String.format("| %s | %d | %d |%n", name, c[0], c[1])));
        out.append("\nFalse links: ").append(FALSE_LINKS.isEmpty() ? "none" : String.join(", ", FALSE_LINKS))
                .append('\n');
        out.append(String.format("%nUnlabelled links across pairs, to read by hand (each article against every "
                + "article of the other pairs, %,d comparisons): %d%n%n", acrossCompared, ACROSS.size()));
        ACROSS.forEach(link -> out.append("- ").append(link).append('\n'));
        out.append(String.format("%nSame-story pairs missed: %d%s, why and the terms the two share:%n%n",
                MISSED.size(), MISSED.size() > MISSED_SHOWN ? " (the first " + MISSED_SHOWN + ")" : ""));
        MISSED.stream().limit(MISSED_SHOWN).forEach(m -> out.append("- ").append(m).append('\n'));
        return out.toString();
    }
}
