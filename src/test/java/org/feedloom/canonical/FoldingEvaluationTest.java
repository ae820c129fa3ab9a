package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: {@link FoldRule#DEFAULT} on the labelled evaluation set. A regression guard for the floor the issue
 * sets (no false fold among the hard negatives, nor among same-story pairs, which are linked, not folded) and for
 * recall on true copies; it writes the set's report to {@code target/fold-report.md} ({@code bench/run fold}
 * copies it into {@code bench/results/}).
 */
class FoldingEvaluationTest {
    private static List<FoldingSet.Pair> pairs;
    private static final Map<String, List<Double>> SCORES = new TreeMap<>();
    private static final Map<String, int[]> FOLDED = new TreeMap<>();
    private static final List<String> FALSE_FOLDS = new ArrayList<>();
    private static final List<String> MISSED = new ArrayList<>();
    /** True copies that share no LSH band: an index would not find them. */
    private static final List<String> NOT_CANDIDATES = new ArrayList<>();
    /** Pairs that are not copies and would be compared, with containment of at least 0.5: the closest calls. */
    private static final List<String> CLOSEST = new ArrayList<>();
    /** Per method compared, each pair's score (0 when the rule's other conditions fail) and whether it is a copy. */
    private static final Map<String, List<double[]>> METHODS = new TreeMap<>();

    @BeforeAll
    static void judgeEveryPair() throws IOException {
        pairs = FoldingSet.load();
        for (FoldingSet.Pair p : pairs) {
            FoldRule.Candidate a = candidate(p.a());
            FoldRule.Candidate b = candidate(p.b());
            FoldRule.Evidence evidence = FoldRule.DEFAULT.judge(a, b);
            SCORES.computeIfAbsent(p.category(), k -> new ArrayList<>())
                    .add(a.fingerprint().containment(b.fingerprint()));
            int[] counts = FOLDED.computeIfAbsent(p.category(), k -> new int[2]);
            counts[0]++;
            if (evidence != null) {
                counts[1]++;
            }
            compare(p, a, b);
            if (evidence != null && !p.expect().equals("fold")) {
                FALSE_FOLDS.add(p.id() + String.format(" (containment %.2f)", evidence.containment()));
            } else if (evidence == null && p.expect().equals("fold")) {
                MISSED.add(p.id() + String.format(" (containment %.2f)", a.fingerprint().containment(b.fingerprint())));
            }
        }
        Path report = Path.of("target", "fold-report.md");
        Files.createDirectories(report.getParent());
        Files.writeString(report, report());
    }

    /**
     * The measurement behind the choice of MinHash containment: each pair scored by the estimate the rule uses, by
     * the exact containment of the shingle sets, by MinHash's Jaccard estimate and by SimHash (64 bits over the
     * same shingles), under the rule's other conditions (hosts, window, minimum size).
     */
    private static void compare(FoldingSet.Pair p, FoldRule.Candidate a, FoldRule.Candidate b) {
        boolean eligible = FoldRule.DEFAULT.comparable(a, b);
        Fingerprint fa = a.fingerprint();
        Fingerprint fb = b.fingerprint();
        double copy = p.expect().equals("fold") ? 1 : 0;
        score("containment (the rule)", eligible ? fa.containment(fb) : 0, copy);
        if (eligible && copy == 0 && fa.containment(fb) >= 0.5) {
            CLOSEST.add(String.format("%s (%.2f)", p.id(), fa.containment(fb)));
        }
        score("Jaccard", eligible ? fa.jaccard(fb) : 0, copy);
        score("SimHash similarity (64 bits)", eligible ? simHashSimilarity(p) : 0, copy);
        if (copy == 1 && !shareAnchor(p)) {
            NOT_CANDIDATES.add(p.id());
        }
    }

    private static void score(String method, double score, double copy) {
        METHODS.computeIfAbsent(method, k -> new ArrayList<>()).add(new double[] {score, copy});
    }

    private static boolean shareAnchor(FoldingSet.Pair p) {
        int least = FoldRule.DEFAULT.minShingles();
        long[] other = Fingerprint.anchors(p.b().excerpt(), p.b().content(), least);
        for (long anchor : Fingerprint.anchors(p.a().excerpt(), p.a().content(), least)) {
            if (java.util.Arrays.binarySearch(other, anchor) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static double simHashSimilarity(FoldingSet.Pair p) {
        return 1 - Long.bitCount(simHash(p.a()) ^ simHash(p.b())) / 64.0;
    }

    /** SimHash over the words of the text (boilerplate left out), each word hashed. */
    private static long simHash(FoldingSet.Side side) {
        int[] votes = new int[64];
        List<Long> hashes = new ArrayList<>();
        for (String text : new String[] {side.excerpt(), side.content()}) {
            for (String block : Boilerplate.blocks(text)) {
                for (String word : block.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                    if (!word.isEmpty()) {
                        long h = word.hashCode() * 0x9E3779B97F4A7C15L;
                        hashes.add(h ^ (h >>> 29));
                    }
                }
            }
        }
        for (long h : hashes) {
            for (int i = 0; i < 64; i++) {
                votes[i] += (h >>> i & 1) == 1 ? 1 : -1;
            }
        }
        long out = 0;
        for (int i = 0; i < 64; i++) {
            if (votes[i] > 0) {
                out |= 1L << i;
            }
        }
        return out;
    }

    private static FoldRule.Candidate candidate(FoldingSet.Side s) {
        return new FoldRule.Candidate(s.url(), s.published(), Fingerprint.of(s.excerpt(), s.content()));
    }

    @Test
    void theSetIsAsLargeAsTheIssueAsks() {
        long negatives = pairs.stream().filter(p -> p.expect().equals("separate")).count();
        assertTrue(pairs.size() >= 300 && negatives >= 200, pairs.size() + " pairs, " + negatives + " negatives");
    }

    @Test
    void noHardNegativeAndNoSameStoryPairFolds() {
        assertEquals(List.of(), FALSE_FOLDS);
    }

    @Test
    void nearlyEveryTrueCopyFolds() {
        long copies = pairs.stream().filter(p -> p.expect().equals("fold")).count();
        double recall = 1 - MISSED.size() / (double) copies;
        assertTrue(recall >= 0.90, String.format("recall %.3f; missed %s", recall, MISSED));
    }

    private static String report() {
        StringBuilder out = new StringBuilder("# Folding: the evaluation set\n\n");
        out.append(String.format("Rule: containment >= %.2f, window %d days, at least %d shingles each, different "
                        + "hosts. %d pairs.%n%n", FoldRule.DEFAULT.containment(), FoldRule.DEFAULT.window().toDays(),
                FoldRule.DEFAULT.minShingles(), pairs.size()));
        out.append("Containment is shown for every pair; the rule compares only pairs on different hosts within the "
                + "window.\n\n| category | pairs | folded | containment min | median | max |\n|---|---|---|---|---|---|\n");
        FOLDED.forEach((category, counts) -> {
            List<Double> s = new ArrayList<>(SCORES.get(category));
            s.sort(null);
            out.append(String.format("| %s | %d | %d | %.2f | %.2f | %.2f |%n", category, counts[0], counts[1],
                    s.get(0), s.get(s.size() / 2), s.get(s.size() - 1)));
        });
        long copies = pairs.stream().filter(p -> p.expect().equals("fold")).count();
        long folded = copies - MISSED.size();
        out.append(String.format("%nRecall on true copies: %d of %d (%.3f). Precision: %d of %d folds are true "
                        + "(%.3f).%n", folded, copies, copies == 0 ? 0 : folded / (double) copies, folded,
                folded + FALSE_FOLDS.size(), folded + FALSE_FOLDS.size() == 0 ? 1
                        : folded / (double) (folded + FALSE_FOLDS.size())));
        out.append("\n| method | highest score of a pair that is not a copy | copies above it (recall at no false "
                + "fold) |\n|---|---|---|\n");
        METHODS.forEach((method, scores) -> {
            double worst = scores.stream().filter(x -> x[1] == 0).mapToDouble(x -> x[0]).max().orElse(0);
            long above = scores.stream().filter(x -> x[1] == 1 && x[0] > worst).count();
            long all = scores.stream().filter(x -> x[1] == 1).count();
            out.append(String.format("| %s | %.3f | %d of %d (%.3f) |%n", method, worst, above, all,
                    all == 0 ? 0 : above / (double) all));
        });
        out.append("\nThe closest calls (not copies, compared, containment at least 0.5): ")
                .append(CLOSEST.isEmpty() ? "none" : String.join(", ", CLOSEST)).append('\n');
        out.append("\nFalse folds: ").append(FALSE_FOLDS.isEmpty() ? "none" : String.join(", ", FALSE_FOLDS));
        out.append(String.format("%n%nTrue copies that share none of their %d anchors (an index would not find "
                + "them): %s", Fingerprint.ANCHORS, NOT_CANDIDATES.isEmpty() ? "none" : NOT_CANDIDATES));
        out.append("\n\nMissed copies: ").append(MISSED.isEmpty() ? "none" : String.join(", ", MISSED)).append('\n');
        return out.toString();
    }
}
