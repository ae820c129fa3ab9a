package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;
import org.junit.jupiter.api.Test;

/** Issue 15: folding in the merge, whatever the order items come in, and never on template posts. */
class FoldingTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String FIRST = "The city council voted on Tuesday to close the old harbour bridge to cars from "
            + "next spring, after engineers found that two of its steel supports had corroded far faster than expected.";
    private static final String REST = "<p>Cyclists and pedestrians will still be able to cross while a replacement "
            + "is designed, the council said, and buses will be rerouted over the northern ring road.</p>";
    private static final Function<String, Instant> FIRST_SEEN = key -> T0;

    private static Item item(Origin origin, String url, String title, String excerpt, String content, Instant at,
                             String provider) {
        return new Item(origin, (origin == Origin.SEED ? "seed:" : "source:") + provider, List.of(url), title, Body.of(excerpt),
                Body.of(content), at, null, new Provider(provider, null, List.of()), List.of(), List.of(), List.of(), List.of(),
                null, null, SeedFacts.NONE, url, null);
    }

    private final Item seed = item(Origin.SEED, "https://gazette.example/bridge", "Harbour bridge to close", FIRST,
            null, T0, "Gazette");
    private final Item live = item(Origin.FEED, "https://wire.example/bridge-copy", "Bridge shuts | Wire", null,
            "<p>By Jane Doe</p><p>" + FIRST + "</p>" + REST, T0.plusSeconds(86_400), "Wire");
    private final Item second = item(Origin.FEED, "https://digest.example/a/bridge", "Old bridge closes", FIRST,
            "<p>" + FIRST + "</p>" + REST + "<p>Republished with permission.</p>", T0.plusSeconds(2 * 86_400),
            "Digest");

    @Test
    void aSeedAndTwoLiveCopies_foldTheSame_inEveryOrder_andTheFirstPublishedKeepsItsId() {
        List<List<Item>> orders = List.of(List.of(seed, live, second), List.of(seed, second, live),
                List.of(live, seed, second), List.of(live, second, seed), List.of(second, seed, live),
                List.of(second, live, seed));
        List<Article> fromScratch = ArticleMerger.merge(List.of(seed, live, second), FIRST_SEEN);
        assertEquals(1, fromScratch.size(), fromScratch.toString());
        Article folded = fromScratch.get(0);
        assertEquals("https://gazette.example/bridge", folded.url(), "the earliest published is the original");
        assertEquals(List.of("Also published at Wire", "Also published at Digest"),
                folded.related().stream().map(org.feedloom.model.Link::title).toList());
        for (List<Item> order : orders) {
            MergedArticles merged = new MergedArticles();
            PublishedIds published = new PublishedIds();
            for (Item item : order) {
                merged.apply(List.of(), List.of(item), published, FIRST_SEEN);
                published.record(merged.articles(), T0);
            }
            assertEquals(1, merged.size(), "order " + order.stream().map(Item::preferredUrl).toList());
            Article article = merged.articles().get(0);
            String firstId = CanonicalUrl.keyOf(order.get(0).preferredUrl());
            assertEquals(firstId, article.key(), "the first published keeps its id");
            assertEquals(folded.url(), article.url());
            assertEquals(folded.related(), article.related());
        }
    }

    @Test
    void aChangeIntoAnEmptyState_foldsWithoutLookingUpTheAnchorIndex_andALaterChangeLooksItUp() {
        CountingState counted = new CountingState();
        MergedArticles merged = new MergedArticles(counted, FoldRule.DEFAULT);
        merged.apply(List.of(), List.of(seed, live), new PublishedIds(), FIRST_SEEN); // a start: everything at once
        assertEquals(1, merged.size(), "the copy folds into the original as before");
        assertEquals(0, counted.anchorLookups, "an empty state holds no article an anchor could lead to");

        merged.apply(List.of(), List.of(second), new PublishedIds(), FIRST_SEEN);
        assertEquals(1, merged.size(), "a copy fetched later folds into the stored article through the index");
        assertTrue(counted.anchorLookups > 0, "the later change looked its anchors up");
        assertEquals(ArticleMerger.merge(List.of(seed, live, second), FIRST_SEEN).get(0).related(),
                merged.articles().get(0).related());
    }

    /** The in-memory state, counting the anchor index's lookups. */
    private static final class CountingState implements MergeState {
        private final MergeState state = MergeState.inMemory();
        int anchorLookups;

        @Override
        public Article article(String key) {
            return state.article(key);
        }

        @Override
        public Article ownerOf(String aliasKey) {
            return state.ownerOf(aliasKey);
        }

        @Override
        public List<Item> members(String articleKey) {
            return state.members(articleKey);
        }

        @Override
        public long[] anchors(String articleKey) {
            return state.anchors(articleKey);
        }

        @Override
        public java.util.Set<String> referrers(String aliasKey) {
            return state.referrers(aliasKey);
        }

        @Override
        public java.util.Set<String> anchoredBy(long anchor, int limit) {
            anchorLookups++;
            return state.anchoredBy(anchor, limit);
        }

        @Override
        public void remove(String articleKey) {
            state.remove(articleKey);
        }

        @Override
        public void put(Article article, List<Item> members, java.util.Set<String> relatedKeys, long[] anchors) {
            state.put(article, members, relatedKeys, anchors);
        }

        @Override
        public int size() {
            return state.size();
        }

        @Override
        public List<Article> articles() {
            return state.articles();
        }

        @Override
        public List<String> keys() {
            return state.keys();
        }
    }

    @Test
    void pinnedApart_twoCopiesStayTwo_evenWhenAThirdIsACopyOfBoth_inEveryOrder() {
        FoldRule rule = FoldRule.DEFAULT.pinnedApart(List.of(List.of("https://wire.example/bridge-copy",
                "https://digest.example/a/bridge")));
        List<Item> all = List.of(seed, live, second);
        List<Article> fromScratch = ArticleMerger.merge(all, new PublishedIds(), FIRST_SEEN, rule);
        assertEquals(2, fromScratch.size(), "the pinned pair is never one article: " + fromScratch);
        for (Article a : fromScratch) {
            assertTrue(!(a.aliases().contains(live.preferredUrl()) && a.aliases().contains(second.preferredUrl())));
        }
        for (List<Item> order : List.of(List.of(seed, live, second), List.of(second, live, seed),
                List.of(live, second, seed))) {
            MergedArticles merged = new MergedArticles(MergeState.inMemory(), rule);
            for (Item item : order) {
                merged.apply(List.of(), List.of(item), new PublishedIds(), FIRST_SEEN);
            }
            assertEquals(fromScratch, merged.articles(), "order " + order.stream().map(Item::preferredUrl).toList());
        }
    }

    @Test
    void aThousandTemplatePosts_onTwoHosts_foldNothing() {
        String intro = "<p>Welcome to this week's digest from the community team, where we gather what happened "
                + "across the projects, the meetups and the forum so that you do not have to.</p>";
        String outro = "<p>That is all for this week. Thanks for reading, and thanks to every contributor who sent "
                + "notes for this issue. Reply to this email to suggest a link for next week.</p>";
        List<Item> posts = new ArrayList<>();
        for (int n = 1; n <= 1_000; n++) {
            String host = n % 2 == 0 ? "digest.example" : "community.example";
            String middle = "<ul><li>Release " + n + " of the parser fixes " + (n % 7 + 2) + " bugs in number "
                    + "handling.</li><li>Meetup number " + n + " met in hall " + (n % 11) + " to plan the next sprint.</li>"
                    + "<li>Forum thread " + (n * 31 % 997) + " asked about plugin " + (n * 17 % 89) + ".</li></ul>";
            posts.add(item(Origin.FEED, "https://" + host + "/digest/" + n, "Weekly digest #" + n, null,
                    intro + middle + outro, T0.plusSeconds(3_600L * (n % 48)), host));
        }
        List<Article> articles = ArticleMerger.merge(posts, FIRST_SEEN);
        assertEquals(1_000, articles.size(), "no template post folded");
        assertTrue(articles.stream().allMatch(a -> a.related().isEmpty()));
    }

    @Test
    void twoTextsPinnedTogether_areOneEntry_inEveryOrder_unlessAlsoPinnedApart() {
        Item story = item(Origin.FEED, "https://gazette.example/bridge", "Harbour bridge to close", null,
                "<p>" + FIRST + "</p>" + REST, T0, "Gazette");
        Item rewrite = item(Origin.FEED, "https://other.example/le-pont", "Le pont du port ferme", null,
                "<p>Le conseil municipal a vote mardi la fermeture du vieux pont du port aux voitures.</p>",
                T0.plusSeconds(40L * 86_400), "Other"); // rewritten, and weeks later: the texts alone never fold
        List<List<String>> pair = List.of(List.of(story.preferredUrl(), rewrite.preferredUrl()));
        assertEquals(2, ArticleMerger.merge(List.of(story, rewrite), new PublishedIds(), FIRST_SEEN,
                FoldRule.DEFAULT).size());
        FoldRule together = FoldRule.DEFAULT.pinnedTogether(pair);
        List<Article> fromScratch = ArticleMerger.merge(List.of(story, rewrite), new PublishedIds(), FIRST_SEEN,
                together);
        assertEquals(1, fromScratch.size(), fromScratch.toString());
        assertEquals(story.preferredUrl(), fromScratch.get(0).url(), "the earliest published is the original");
        for (List<Item> order : List.of(List.of(story, rewrite), List.of(rewrite, story))) {
            MergedArticles merged = new MergedArticles(MergeState.inMemory(), together);
            PublishedIds published = new PublishedIds();
            for (Item item : order) {
                merged.apply(List.of(), List.of(item), published, FIRST_SEEN);
                published.record(merged.articles(), T0);
            }
            assertEquals(ArticleMerger.merge(List.of(story, rewrite), published, FIRST_SEEN, together),
                    merged.articles(), "one after the other, as at once with the ids published meanwhile");
            assertEquals(1, merged.size());
            merged.apply(List.of(rewrite), List.of(), published, FIRST_SEEN);
            assertEquals(1, merged.size());
            assertEquals(story.preferredUrl(), merged.articles().get(0).url(), "the pinned copy gone, the story stays");
        }
        FoldRule both = together.pinnedApart(pair);
        assertEquals(2, ArticleMerger.merge(List.of(story, rewrite), new PublishedIds(), FIRST_SEEN, both).size(),
                "a pair pinned apart too stays apart");
    }
    @Test
    void sharing_listsTheGroupsOfEachAnchor_asAMapOfAnchorsWould() {
        java.util.Random r = new java.util.Random(15);
        for (int round = 0; round < 300; round++) {
            long[][] anchorsOf = new long[r.nextInt(200)][];
            java.util.Map<Long, List<Integer>> byAnchor = new java.util.HashMap<>();
            for (int g = 0; g < anchorsOf.length; g++) {
                // few distinct anchors, some differing only in their high bits (the same first slot), some shared by
                // more than MAX_SHARED groups
                anchorsOf[g] = r.longs(r.nextInt(Fingerprint.ANCHORS + 1), 0, 1 + r.nextInt(300))
                        .map(a -> a % 3 == 0 ? a << 40 : a).distinct().toArray();
                for (long a : anchorsOf[g]) {
                    byAnchor.computeIfAbsent(a, k -> new ArrayList<>()).add(g);
                }
            }
            List<String> expected = byAnchor.values().stream()
                    .filter(l -> l.size() >= 2 && l.size() <= Folding.MAX_SHARED).map(List::toString).sorted().toList();
            List<String> got = Folding.sharing(anchorsOf).stream()
                    .map(a -> java.util.Arrays.toString(a)).sorted().toList();
            assertEquals(expected, got, "round " + round);
        }
    }
}
