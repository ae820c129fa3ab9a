package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedloom.canonical.CanonicalUrl;
import org.feedloom.canonical.MergedArticles;
import org.feedloom.model.Article;
import org.feedloom.model.Fold;
import org.feedloom.model.Item;
import org.feedloom.model.PublishedId;
import org.feedloom.model.StoryLink;
import org.junit.jupiter.api.Test;

/**
 * A forgetting pass ({@link ArticleStore#noteGone}, {@link ArticleStore#forgetKeys}): the keys no article holds are noted when first found so, taken
 * off the note when held again, and forgotten with their records once noted before the time given, in the same
 * database the next start reads.
 */
class ForgetGoneTest extends StoreContract {
    static final Instant T0 = Instant.parse("2026-12-06T08:00:00Z");
    static final String GONE = "https://gazette.example/2025/bridge";
    static final String BACK = "https://gazette.example/2025/meteors";
    static final String KEPT = "https://gazette.example/2026/harbour";
    static final String COPY = "https://wire.example/2025/bridge-copy";

    @Test
    void keysNotedGone_areForgottenWithTheirRecords_onceNotedBeforeTheTime() throws Exception {
        try (JdbcStore store = open()) {
            store.saveFirstSeen(Map.of(key(GONE), T0, key(BACK), T0, key(KEPT), T0));
            store.savePublishedIds(List.of(new PublishedId(key(GONE), key(GONE), T0),
                    new PublishedId(key(COPY), key(GONE), T0), new PublishedId(key(BACK), key(BACK), T0),
                    new PublishedId(key(KEPT), key(KEPT), T0)));
            store.saveEvidence(List.of(new Fold(GONE, COPY, "Wire", 0.9, 45, 50, null),
                            new Fold(KEPT, "https://wire.example/2026/harbour-copy", "Wire", 0.9, 45, 50, null)),
                    List.of(new StoryLink(GONE, KEPT, null, List.of("harbour bridge")),
                            new StoryLink(BACK, KEPT, null, List.of("meteors"))), T0);

            Instant day1 = T0.plus(Duration.ofDays(1));
            Set<String> unheld = Set.of(key(GONE), key(COPY), key(BACK));
            assertEquals(Set.of(), pass(store, unheld, day1, day1.minus(Duration.ofDays(30))), "noted only");
            Instant day10 = T0.plus(Duration.ofDays(10));
            assertEquals(Set.of(), pass(store, Set.of(key(GONE), key(COPY)), day10,
                    day10.minus(Duration.ofDays(30))), "the meteors are back: taken off the note");
            assertEquals(2, backend().count("SELECT count(*) FROM gone_key"));

            Instant day31 = T0.plus(Duration.ofDays(31));
            assertEquals(Set.of(), pass(store, Set.of(key(GONE), key(COPY), key(BACK)), day31,
                    day31.minus(Duration.ofDays(30))), "the meteors gone again, noted anew; the bridge 30 days ago");
            Instant day32 = T0.plus(Duration.ofDays(32));
            assertEquals(Set.of(key(GONE), key(COPY)), pass(store, Set.of(key(GONE), key(COPY), key(BACK)), day32,
                    day32.minus(Duration.ofDays(30))), "the bridge and its copy, noted 31 days ago");
            assertEquals(1, backend().count("SELECT count(*) FROM gone_key"), "the meteors, noted on day 31");
        }
        try (JdbcStore store = open()) {
            ArticleStore.Snapshot stored = store.load();
            assertEquals(Map.of(key(BACK), T0, key(KEPT), T0), stored.firstSeen());
            assertEquals(Set.of(key(BACK), key(KEPT)), Set.copyOf(stored.publishedIds().stream()
                    .map(PublishedId::aliasKey).toList()), "the copy's record, under the bridge's id, forgotten too");
            assertEquals(List.of(KEPT), store.latestFolds(10).stream().map(Fold::url).toList(),
                    "the bridge's copy's fold evidence forgotten");
            assertEquals(List.of(BACK), store.latestStoryLinks(10).stream().map(StoryLink::url).toList(),
                    "the coverage link with the bridge as a side forgotten");
        }
    }

    /**
     * Another instance sharing the database forgot a key this one still remembers: this one's next pass finds it
     * without a record and not noted, and gives it back as forgotten, for its memory to forget it too.
     */
    @Test
    void aKeyWithoutARecord_isGivenBackAsForgotten_notNoted() throws Exception {
        try (JdbcStore store = open()) {
            store.saveFirstSeen(Map.of(key(KEPT), T0));
            Instant day1 = T0.plus(Duration.ofDays(1));
            assertEquals(Set.of(key(GONE)), pass(store, Set.of(key(GONE), key(KEPT)), day1,
                    day1.minus(Duration.ofDays(30))), "the other instance's pass forgot the bridge");
            assertEquals(1, backend().count("SELECT count(*) FROM gone_key"), "the harbour noted, the bridge not");
        }
    }

    /**
     * An article of the merged archive holds its own key, not only its members' links: one published under the id of
     * a link none of its items carries any more (its id read from the record of another link) keeps that id's record
     * and first sight through a pass, so it keeps its date when it is merged again.
     */
    @Test
    void anArticlesOwnKey_isHeld_thoughNoneOfItsItemsLinksToIt() throws Exception {
        String first = "https://gazette.example/2026/harbour-first";
        try (JdbcStore store = open()) {
            store.saveFirstSeen(Map.of(key(first), T0));
            store.savePublishedIds(List.of(new PublishedId(key(first), key(first), T0),
                    new PublishedId(key(KEPT), key(first), T0)));
            Item item = Item.ofFeed("source:s", KEPT, "The harbour reopens");
            Instant day40 = T0.plus(Duration.ofDays(40));
            Article article = store.merging(in -> new MergedArticles(in.state())
                    .apply(List.of(), List.of(item), in.ids(), in.firstSeenOr(day40)).changed().get(0));
            assertEquals(key(first), article.key(), "published under the first link's id");
            assertEquals(T0, article.published());

            assertEquals(Set.of(), store.unheldRecords());
            assertEquals(List.of(), store.forgetKeys(List.of(key(first), key(KEPT))), "both held");
            assertEquals(T0, store.load().firstSeen().get(key(first)));
        }
    }

    @Test
    void aLargePass_writesInRuns() throws Exception {
        try (JdbcStore store = open()) {
            java.util.Map<String, Instant> many = new java.util.HashMap<>();
            for (int i = 0; i < 12_000; i++) {
                many.put("gazette.example/archive/" + i, T0);
            }
            store.saveFirstSeen(many);
            Instant day1 = T0.plus(Duration.ofDays(1));
            pass(store, many.keySet(), day1, T0);
            Instant day40 = T0.plus(Duration.ofDays(40));
            assertEquals(many.keySet(), pass(store, many.keySet(), day40, day40.minus(Duration.ofDays(30))));
            assertEquals(0, backend().count("SELECT count(*) FROM first_seen"));
            assertEquals(0, backend().count("SELECT count(*) FROM gone_key"));
        }
    }

    /** A whole pass, as a server runs it: the keys noted, then those due forgotten; returns those. */
    private static Set<String> pass(ArticleStore store, Set<String> unheld, Instant now, Instant before) {
        List<String> due = store.noteGone(unheld, now, before);
        store.forgetKeys(due);
        return Set.copyOf(due);
    }

    private static String key(String url) {
        return CanonicalUrl.keyOf(url);
    }
}
