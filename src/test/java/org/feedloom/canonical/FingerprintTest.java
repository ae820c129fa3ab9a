package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 15: fingerprints of articles' texts, outlets' boilerplate left out, and the rule that folds copies. */
class FingerprintTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String P1 = "<p>The city council voted on Tuesday to close the old harbour bridge to cars "
            + "from next spring, after engineers found that two of its steel supports had corroded far faster than "
            + "expected.</p>";
    private static final String P2 = "<p>Cyclists and pedestrians will still be able to cross while a replacement "
            + "is designed, the council said, and buses will be rerouted over the northern ring road.</p>";
    private static final String P3 = "<p>Shop owners on the quay warned that the closure could cost them a third of "
            + "their trade, and asked for a temporary ferry to link the two halves of the old town.</p>";
    private static final String ORIGINAL = P1 + P2 + P3;

    @Test
    void boilerplateBlocks_areLeftOut() {
        List<String> blocks = Boilerplate.blocks("<p>By Jane Doe, Professor of Engineering</p>" + P1
                + "<p>This article is republished from The Conversation under a Creative Commons license. "
                + "Read the original article.</p><p>Share on Facebook Share on Twitter</p>");
        assertEquals(1, blocks.size(), blocks.toString());
        assertTrue(blocks.get(0).startsWith("The city council voted"));
    }

    @Test
    void aCreditLineWithALinkInIt_isBoilerplateToo() {
        // the link's tags leave two spaces where the words meet; the line must still read as "read the full story"
        assertEquals(List.of("The city council voted."), Boilerplate.blocks(
                "<p>The city council voted.</p><p>Read <a href=\"https://gazette.example/x\">the full story</a> or "
                        + "<em>share it</em>.</p>"));
    }

    @Test
    void aDisclaimerInCapitals_isBoilerplateToo() {
        assertTrue(Boilerplate.isBoilerplate("FORWARD-LOOKING STATEMENTS. THIS RELEASE CONTAINS STATEMENTS ABOUT "
                + "FUTURE EVENTS THAT INVOLVE RISKS AND UNCERTAINTIES, AND ACTUAL RESULTS MAY DIFFER MATERIALLY FROM "
                + "THOSE THE STATEMENTS EXPRESS OR IMPLY, FOR REASONS WE DESCRIBE IN OUR FILINGS WITH REGULATORS."));
        assertTrue(Boilerplate.isBoilerplate("This press release contains statements about the future."));
    }

    @Test
    void aCopyWithBoilerplateAndACutEnding_isContainedInTheOriginal() {
        Fingerprint original = Fingerprint.of(null, ORIGINAL);
        Fingerprint copy = Fingerprint.of("The harbour bridge closes to cars next spring.",
                "<p>By Jane Doe</p>" + P1 + P2 + "<p>Continue reading at the Harbour Gazette.</p>");
        assertTrue(copy.containment(original) >= 0.8, "containment " + copy.containment(original));
        assertEquals(1.0, original.containment(Fingerprint.of(null, ORIGINAL)), 1e-9);
    }

    @Test
    void unrelatedTexts_shareNothing() {
        Fingerprint a = Fingerprint.of(null, ORIGINAL);
        Fingerprint b = Fingerprint.of(null, "<p>The orchestra opened its season with a programme of Baltic "
                + "composers, and the new concert hall's acoustics drew praise from critics and players alike, "
                + "though the seats were said to be narrow and the bar queues long.</p>");
        assertTrue(a.containment(b) < 0.1, "containment " + a.containment(b));
    }

    @Test
    void anchors_areTheSmallestDistinctRuns_asSortingThemGives() {
        java.util.Random r = new java.util.Random(12);
        for (int round = 0; round < 20_000; round++) {
            int n = r.nextInt(Fingerprint.ANCHOR_RUNS + 1);
            long[] runs = new long[n];
            int range = 1 + r.nextInt(4 * n + 1); // small ranges repeat values; 0 and negatives among them
            for (int i = 0; i < n; i++) {
                runs[i] = round % 3 == 0 ? r.nextLong() : r.nextInt(range) - range / 2;
            }
            int least = 1 + r.nextInt(Fingerprint.ANCHOR_RUNS);
            long[] sorted = java.util.Arrays.stream(runs).sorted().distinct().toArray();
            long[] expected = sorted.length < least ? new long[0]
                    : java.util.Arrays.copyOf(sorted, Math.min(Fingerprint.ANCHORS, sorted.length));
            assertEquals(java.util.Arrays.toString(expected),
                    java.util.Arrays.toString(Fingerprint.smallest(runs, n, least)), "round " + round);
        }
    }

    @Test
    void noText_hasNoShingles() {
        assertEquals(0, Fingerprint.of(null, null).shingles());
        assertEquals(0, Fingerprint.of(null, null).containment(Fingerprint.of(null, ORIGINAL)));
    }

    @Test
    void theRule_foldsCopiesAcrossOutlets_withinTheWindow_only() {
        Fingerprint text = Fingerprint.of(null, ORIGINAL);
        FoldRule.Candidate original = new FoldRule.Candidate("https://gazette.example/bridge", T0, text);
        FoldRule.Candidate copy = new FoldRule.Candidate("https://www.wire.example/2026/bridge-closes",
                T0.plusSeconds(86_400 * 3), text);
        assertNotNull(FoldRule.DEFAULT.judge(original, copy), "a copy three days later on another outlet");
        assertNull(FoldRule.DEFAULT.judge(original, new FoldRule.Candidate("https://www.gazette.example/again",
                T0.plusSeconds(3600), text)), "the same outlet twice is not syndication");
        assertNull(FoldRule.DEFAULT.judge(original, new FoldRule.Candidate("https://wire.example/late",
                T0.plusSeconds(86_400 * 15), text)), "outside the 14-day window");
        FoldRule.Candidate teaser = new FoldRule.Candidate("https://wire.example/short", T0,
                Fingerprint.of("The bridge closes to cars.", null));
        assertNull(FoldRule.DEFAULT.judge(original, teaser), "a headline-length text is no evidence");
    }
}
