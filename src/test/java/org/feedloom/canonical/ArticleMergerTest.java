package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.junit.jupiter.api.Test;

class ArticleMergerTest {
    private static final Instant T1 = Instant.parse("2022-07-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2022-07-02T10:00:00Z");
    private static final Instant T3 = Instant.parse("2022-07-03T10:00:00Z");
    private static final Instant SEEN = Instant.parse("2026-01-01T00:00:00Z");

    static Item item(Origin origin, String provenance, List<String> urls, String title, String excerpt,
                     Instant published, Instant updated, List<String> topics, List<Item> related) {
        return new Item(origin, provenance, urls, title, Body.of(excerpt), null, published, updated, null, topics, List.of(),
                List.of(Image.of(urls.get(0) + "/img.jpg")), related, null, null, SeedFacts.NONE, Item.defaultWebUrl(origin, urls), null);
    }

    private static List<Article> merge(List<Item> items) {
        return ArticleMerger.merge(items, key -> SEEN);
    }

    /**
     * A feed listing one story twice under one link (a corrected version under another id): the article takes the
     * newer one's title and leads with its URLs whatever order the two come in, from scratch or one after the other
     * incrementally, so a restart's merge gives what the running merge gave.
     */
    @Test
    void twoItemsOfOneSourceUnderOneLink_mergeAlike_inEitherOrder_fromScratchOrIncrementally() {
        Item first = item(Origin.FEED, "source:a", List.of("https://x.com/1", "https://x.com/1/amp/"), "Tytle",
                "Words.", T1, null, List.of("ai"), List.of());
        Item corrected = item(Origin.FEED, "source:a", List.of("https://www.x.com/1?utm_source=rss"), "Title",
                "Words.", T2, null, List.of("robots"), List.of());
        Article oneWay = merge(List.of(first, corrected)).get(0);
        assertEquals(oneWay, merge(List.of(corrected, first)).get(0));
        assertEquals("Title", oneWay.title(), "the newer version's");
        assertEquals(List.of("robots", "ai"), oneWay.topics());
        for (List<Item> arrival : List.of(List.of(first, corrected), List.of(corrected, first))) {
            MergedArticles merged = new MergedArticles();
            arrival.forEach(i -> merged.apply(List.of(), List.of(i), new PublishedIds(), key -> SEEN));
            assertEquals(List.of(oneWay), merged.articles(), "arriving " + arrival.get(0).title() + " first");
        }
    }

    @Test
    void countNew_countsLinksWithANewCanonicalKey_notTrackingVariantsOfKnownOnes() {
        List<Item> before = List.of(Item.ofFeed("source:s", "https://x.com/1", "One"),
                Item.ofFeed("source:s", "https://x.com/2", "Two"));
        List<Item> now = List.of(Item.ofFeed("source:s", "http://www.x.com/1?utm_source=rss", "One again"),
                Item.ofFeed("source:s", "https://x.com/3", "Three"), Item.ofFeed("source:s", "https://x.com/4", "Four"));
        assertEquals(2, ArticleMerger.countNew(before, now));
        assertEquals(3, ArticleMerger.countNew(List.of(), now));
        assertEquals(0, ArticleMerger.countNew(now, List.of()));
    }

    @Test
    void merge_anArticleOfOneItem_holdsThatItemsOwnLists_andAnArticleOfSeveral_theirUnion() {
        Item alone = new Item(Origin.FEED, "source:a", List.of("https://x.com/1", "https://x.com/1/amp"), "One",
                null, null, T1, null, null, List.of("AI", "Robots"), List.of("News", "Tech"), List.of(), List.of(),
                null, null, SeedFacts.NONE, "https://x.com/1", null);
        Article one = merge(List.of(alone)).get(0);
        assertSame(alone.urls(), one.aliases(), "an article of one item holds its item's URL list, not a copy");
        assertSame(alone.topics(), one.topics());
        assertSame(alone.categories(), one.categories());

        Item repeating = new Item(Origin.FEED, "source:a", List.of("https://x.com/2"), "Two", null, null, T1, null,
                null, List.of("AI", "ai", "Robots"), List.of("News", "News"), List.of(), List.of(), null, null,
                SeedFacts.NONE, "https://x.com/2", null);
        Article two = merge(List.of(repeating)).get(0);
        assertEquals(List.of("AI", "Robots"), two.topics(), "a topic repeated in another case is one topic");
        assertEquals(List.of("News"), two.categories(), "a repeated category is one category");

        Item copy = new Item(Origin.FEED, "source:b", List.of("https://www.x.com/1/"), "One again", null, null, T2,
                null, null, List.of("Science"), List.of("Tech", "Space"), List.of(), List.of(), null, null,
                SeedFacts.NONE, "https://www.x.com/1/", null);
        Article both = merge(List.of(alone, copy)).get(0);
        assertEquals(List.of("https://x.com/1", "https://x.com/1/amp", "https://www.x.com/1/"), both.aliases());
        assertEquals(List.of("AI", "Robots", "Science"), both.topics());
        assertEquals(List.of("News", "Tech", "Space"), both.categories());
    }

    @Test
    void merge_itemsSharingAnAliasKey_becomeOneArticle_transitively() {
        Item a = item(Origin.FEED, "source:a", List.of("https://x.com/1", "https://x.com/2"), "A", null, T1, null, List.of(), List.of());
        Item b = item(Origin.FEED, "source:b", List.of("https://www.x.com/2/", "https://x.com/3"), "B", null, T2, null, List.of(), List.of());
        Item c = item(Origin.FEED, "source:c", List.of("http://x.com/3?utm_source=rss"), "C", null, T3, null, List.of(), List.of());
        Item other = item(Origin.FEED, "source:c", List.of("https://x.com/4"), "D", null, T3, null, List.of(), List.of());
        List<Article> articles = merge(List.of(a, b, c, other));
        assertEquals(2, articles.size());
        Article merged = articles.stream().filter(x -> x.aliasKeys().size() == 3).findFirst().orElseThrow();
        assertEquals(List.of("x.com/1", "x.com/2", "x.com/3"), merged.aliasKeys());
        assertEquals(T1, merged.published(), "earliest published");
        assertEquals(T3, merged.updated(), "latest date seen, never before published");
        assertEquals(List.of("source:a", "source:b", "source:c"), merged.provenance());
        assertEquals(3, merged.images().size(), "images unioned");
    }

    @Test
    void merge_seedTitleWinsOverRelatedMention_andLongestExcerptWins() {
        Item mention = item(Origin.RELATED, "seed:0.txt", List.of("https://y.com/story/"), "Mention title",
                "a much longer excerpt than the seed's own", T2, null, List.of(), List.of());
        Item seed0 = item(Origin.SEED, "seed:0.txt", List.of("https://z.com/s0"), "Seed zero", "short", T1, null,
                List.of("AI"), List.of(mention));
        Item seed1 = item(Origin.SEED, "seed:1.txt", List.of("https://www.y.com/story"), "Seed title", "short",
                T3, null, List.of("Computer Vision", "ai"), List.of());
        List<Article> articles = merge(List.of(seed0, seed1));
        assertEquals(2, articles.size());
        Article y = articles.stream().filter(x -> x.key().equals("y.com/story")).findFirst().orElseThrow();
        assertEquals("Seed title", y.title());
        assertEquals("https://www.y.com/story", y.url(), "the seed's own URL is shown, never the key");
        assertEquals("a much longer excerpt than the seed's own", y.excerpt());
        assertEquals(T2, y.published());
        assertEquals(Origin.SEED, y.origin());
        Article z = articles.stream().filter(x -> x.key().equals("z.com/s0")).findFirst().orElseThrow();
        assertEquals(1, z.related().size());
        assertEquals("Seed title", z.related().get(0).title(), "related link resolves to the merged article");
        assertEquals("https://www.y.com/story", z.related().get(0).url());
    }

    @Test
    void merge_undatedArticle_usesFirstSeen_andUpdatedIsNeverBeforePublished() {
        Item undated = item(Origin.FEED, "source:a", List.of("https://x.com/u"), "U", null, null, null, List.of(), List.of());
        Article article = merge(List.of(undated)).get(0);
        assertEquals(SEEN, article.published());
        assertEquals(SEEN, article.updated());
    }

    @Test
    void entryKey_isIndependentOfLoadOrderAndAliasOrder() {
        Item a = seed("seed:a", "https://x.com/a", List.of("https://x.com/a", "https://x.com/a/amp/", "https://x.com/b"));
        Item aReordered = seed("seed:a", "https://x.com/a",
                List.of("https://x.com/b", "https://x.com/a?amp", "https://x.com/a"));
        Item live = item(Origin.FEED, "source:s", List.of("https://x.com/0-sorts-first"), "L", null, T2, null, List.of(), List.of());
        Item liveAlias = item(Origin.FEED, "source:s", List.of("https://x.com/0-sorts-first", "https://x.com/b"), "L", null, T2, null, List.of(), List.of());
        String key = merge(List.of(a)).get(0).key();
        assertEquals("x.com/a", key, "a new article's id comes from its webUrl");
        assertEquals(key, merge(List.of(aReordered)).get(0).key());
        List<Item> forward = new ArrayList<>(List.of(a, live, liveAlias));
        List<Item> backward = new ArrayList<>(forward);
        Collections.reverse(backward);
        assertEquals(key, merge(forward).get(0).key(), "a live item joining the article does not change its key");
        assertEquals(merge(forward), merge(backward));
    }

    /** A seed record as the seed loader makes it: {@code webUrl} named, the other URLs in any order. */
    static Item seed(String provenance, String webUrl, List<String> urls) {
        return new Item(Origin.SEED, provenance, urls, "Title", null, null, T1, null, null, List.of(), List.of(),
                List.of(), List.of(), null, null, SeedFacts.NONE, webUrl, null);
    }

    @Test
    void merge_relatedLinkToItself_isDropped() {
        Item selfMention = item(Origin.RELATED, "seed:a", List.of("https://x.com/a?utm_medium=x"), "A again", null, T1, null, List.of(), List.of());
        Item a = item(Origin.SEED, "seed:a", List.of("https://x.com/a"), "A", null, T1, null, List.of(), List.of(selfMention));
        List<Article> articles = merge(List.of(a));
        assertEquals(1, articles.size());
        assertEquals(List.of(), articles.get(0).related());
        assertNull(articles.get(0).excerpt());
    }
}
