package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.feedloom.model.Fold;
import org.feedloom.model.StoryLink;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the store records why each copy was folded, the latest judgement per copy (by its link's canonical
 * key), and why two articles were linked as coverage of one story, the latest per pair (in either order); and gives
 * the latest first, exactly as recorded.
 */
class FoldEvidenceTest extends StoreContract {
    private static final Instant T0 = Instant.parse("2026-03-05T15:30:00Z");

    @Test
    void theLatestJudgementOfEachCopy_isKept_andTheLatestComeFirst() {
        Fold first = new Fold("https://gazette.example/bridge", "https://wire.example/bridge-copy", "Wire",
                0.8571428571428571, 42, 49, "the city council voted on");
        Fold second = new Fold("https://gazette.example/meteors", "https://digest.example/meteors", null, 1.0, 30, 30,
                null);
        Fold firstAgain = new Fold("https://gazette.example/bridge", "http://www.wire.example/bridge-copy/", "Wire",
                0.9, 45, 50, "the city council voted on");
        try (JdbcStore store = open()) {
            store.saveFolds(List.of(first), T0);
            store.saveFolds(List.of(second), T0.plusSeconds(1));
            assertEquals(List.of(second, first), store.latestFolds(10), "newest first, every field as written");
            assertEquals(List.of(second), store.latestFolds(1));

            store.saveFolds(List.of(firstAgain), T0.plusSeconds(2)); // the same copy (one canonical key), judged again
            assertEquals(List.of(firstAgain, second), store.latestFolds(10), "one row per copy, the latest");
        }
        try (JdbcStore store = open()) {
            assertEquals(List.of(firstAgain, second), store.latestFolds(10), "kept across closing and opening");
        }
    }

    @Test
    void theLatestEvidenceOfEachLinkedPair_isKept_whicheverWayRoundItIsJudged() {
        StoryLink dam = new StoryLink("https://inland.example/dam", "https://statehouse.example/dam",
                "Statehouse Report", List.of("lake corrine", "1,400", "sheriff dana pruitt"));
        StoryLink grocer = new StoryLink("https://markets.example/deal", "https://local.example/jobs", null,
                List.of("halvorsen group", "$7.8 billion"));
        StoryLink damReversed = new StoryLink("https://www.statehouse.example/dam/", "https://inland.example/dam",
                "Inland Daily", List.of("lake corrine", "1,400"));
        Fold fold = new Fold("https://gazette.example/bridge", "https://wire.example/bridge-copy", "Wire", 0.9, 45,
                50, null);
        try (JdbcStore store = open()) {
            store.saveEvidence(List.of(fold), List.of(dam), T0);
            store.saveEvidence(List.of(), List.of(grocer), T0.plusSeconds(1));
            assertEquals(List.of(grocer, dam), store.latestStoryLinks(10), "newest first, every field as written");
            assertEquals(List.of(fold), store.latestFolds(10), "saved with the links, in one transaction");

            store.saveEvidence(List.of(), List.of(damReversed), T0.plusSeconds(2)); // one pair, the other way round
            assertEquals(List.of(damReversed, grocer), store.latestStoryLinks(10), "one row per pair, the latest");
        }
        try (JdbcStore store = open()) {
            assertEquals(List.of(damReversed, grocer), store.latestStoryLinks(2), "kept across closing and opening");
        }
    }

    @Test
    void theEvidenceAboutAnArticle_isFoundByItsLinks_andByItsCopiesCanonicalKeys_andNothingElse() {
        Fold bridge = new Fold("https://gazette.example/bridge", "https://wire.example/bridge-copy", "Wire", 0.9, 45,
                50, "the city council voted on");
        Fold meteors = new Fold("https://gazette.example/meteors", "https://digest.example/meteors", null, 1.0, 30,
                30, null);
        StoryLink asFirst = new StoryLink("https://gazette.example/bridge", "https://herald.example/bridge-shut",
                "Herald", List.of("harbour bridge", "2,400"));
        StoryLink asOther = new StoryLink("https://post.example/quay", "https://gazette.example/bridge", "Gazette",
                List.of("harbour bridge", "quay traders"));
        StoryLink elsewhere = new StoryLink("https://post.example/dam", "https://inland.example/dam", null,
                List.of("lake corrine", "1,400"));
        try (JdbcStore store = open()) {
            store.saveEvidence(List.of(bridge, meteors), List.of(asFirst, asOther, elsewhere), T0);

            var about = store.evidenceAbout(List.of("https://gazette.example/bridge"));
            assertEquals(List.of(bridge), about.folds(), "the fold into the article, by its link");
            assertEquals(java.util.Set.of(asFirst, asOther), java.util.Set.copyOf(about.storyLinks()),
                    "its coverage links, whichever side it is on");

            var byCopy = store.evidenceAbout(List.of("http://www.wire.example/bridge-copy/?utm_source=rss"));
            assertEquals(List.of(bridge), byCopy.folds(), "a copy's other URL finds its fold by canonical key");
            assertEquals(List.of(), byCopy.storyLinks());

            var both = store.evidenceAbout(List.of("https://digest.example/meteors", "https://inland.example/dam"));
            assertEquals(List.of(meteors), both.folds());
            assertEquals(List.of(elsewhere), both.storyLinks());

            assertEquals(org.feedloom.model.Evidence.NONE, store.evidenceAbout(List.of()));
            assertEquals(org.feedloom.model.Evidence.NONE,
                    store.evidenceAbout(List.of("https://unknown.example/a")), "nothing recorded, nothing found");
        }
    }
}
