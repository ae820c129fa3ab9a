package org.feedloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: an article's page shows only the evidence that holds for the article as published. The store's records
 * are a log (a fold undone later keeps its row until it is judged again), so a fold counts only while its copy is
 * one of the article's URLs and one of its related links, and a coverage link only while it joins one of the
 * article's URLs to one of its related links.
 */
class ExplanationTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final String ORIGINAL = "https://gazette.example/bridge";
    private static final String AMP = "https://gazette.example/amp/bridge";
    private static final String COPY = "https://wire.example/bridge-copy";
    private static final String FORMER_COPY = "https://digest.example/bridge";
    private static final String HERALD = "https://herald.example/bridge-shut";
    private static final String POST = "https://post.example/quay";
    private static final String SEED_RELATED = "https://council.example/minutes";

    private static Article article() {
        return new Article("gazette.example/bridge", ORIGINAL, List.of("gazette.example/bridge", "wire.example/bridge-copy"),
                List.of(ORIGINAL, AMP, COPY), "Harbour bridge to close", null, null, T, T, null, List.of(), List.of(),
                List.of(), List.of(new Link(SEED_RELATED, "Council minutes"), new Link(COPY, "Also published at Wire"),
                        new Link(HERALD, "Also reported by Herald: Bridge shut"),
                        new Link(POST, "Also reported by Post: Quay traders fear closure")),
                null, List.of(), List.of("source:gazette"), Origin.FEED, SeedFacts.NONE);
    }

    @Test
    void onlyEvidenceThatHolds_isKept_andCoverageIsTurnedToTheArticlesSide() {
        Fold copy = new Fold(AMP, COPY, "Wire", 0.86, 43, 50, "the city council voted on");
        Fold undone = new Fold(ORIGINAL, FORMER_COPY, "Digest", 0.81, 40, 49, "the city council");
        StoryLink fromHere = new StoryLink(ORIGINAL, HERALD, "Herald", List.of("harbour bridge", "2,400"));
        StoryLink fromThere = new StoryLink(POST, AMP, "Gazette", List.of("harbour bridge", "quay", "2,400"));
        StoryLink unlinked = new StoryLink(ORIGINAL, "https://elsewhere.example/x", null, List.of("harbour bridge"));

        Explanation why = Explanation.of(article(), new Evidence(List.of(undone, copy),
                List.of(fromHere, unlinked, fromThere)));

        assertEquals(List.of(copy), why.folds(), "a copy no longer folded in is not shown");
        assertEquals(List.of(new StoryLink(AMP, POST, null, List.of("harbour bridge", "quay", "2,400")), fromHere),
                why.coverage(), "the strongest first, each seen from the article");
        assertEquals(List.of(new Link(SEED_RELATED, "Council minutes")), why.otherRelated(),
                "what neither evidence explains is the seed's or the feed's own");
        assertEquals("Also published at Wire", why.relatedLink(COPY).title());
    }

    @Test
    void withNothingRecorded_everyRelatedLinkIsAnOtherOne() {
        Explanation why = Explanation.of(article(), Evidence.NONE);
        assertEquals(List.of(), why.folds());
        assertEquals(List.of(), why.coverage());
        assertEquals(article().related(), why.otherRelated());
    }
}
