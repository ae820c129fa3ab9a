package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.feedloom.model.Article;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 11: the link an article shows, and ids fixed at first publication ({@link ArticleLink}, {@link IdAssignment}). */
class EntryIdentityTest {
    private static final Instant T1 = Instant.parse("2022-07-01T10:00:00Z");
    private static final Instant DAY1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-01-02T00:00:00Z");
    private static final Instant DAY3 = Instant.parse("2026-01-03T00:00:00Z");

    private static final String WEB = "https://news.example.org/2022/07/story";
    private static final String AMP = "https://news.example.org/2022/07/story/amp/";
    private static final String AMP_CACHE =
            "https://news-example-org.cdn.ampproject.org/c/s/news.example.org/2022/07/story/amp/";
    private static final String ORIGINAL = "https://wire.example.com/original/story";

    private final PublishedIds published = new PublishedIds();

    private static Item seed(String file, String webUrl, String originalUrl, List<String> urls, Item... related) {
        return new Item(Origin.SEED, "seed:" + file, urls, "Seed " + file, null, null, T1, null, null, List.of(),
                List.of(), List.of(), List.of(related), null, null, SeedFacts.NONE, webUrl, originalUrl);
    }

    private static Item related(String file, String webUrl, List<String> urls) {
        return new Item(Origin.RELATED, "seed:" + file, urls, "Mention", null, null, T1, null, null, List.of(),
                List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, webUrl, null);
    }

    private static Item live(String source, String... urls) {
        return new Item(Origin.FEED, "source:" + source, List.of(urls), "Live", null, null, T1, null, null, List.of(),
                List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, urls[0], null);
    }

    /** Merges with the ids published so far, then publishes the result at {@code now}, as a rebuild does. */
    private List<Article> publish(Instant now, Item... items) {
        List<Article> articles = ArticleMerger.merge(List.of(items), published, key -> now);
        published.record(articles, now);
        return articles;
    }

    private static Article only(List<Article> articles) {
        assertEquals(1, articles.size(), () -> "one article expected: " + articles);
        return articles.get(0);
    }

    private static Article withAlias(List<Article> articles, String url) {
        String key = CanonicalUrl.keyOf(url);
        return articles.stream().filter(a -> a.aliasKeys().contains(key)).findFirst().orElseThrow();
    }

    @Test
    void link_isTheWebUrlOfAnotherMention_whenTheSeedGivesOnlyItsAmpCacheForm() {
        Item other = seed("other.md", "https://elsewhere.example.net/x", null,
                List.of("https://elsewhere.example.net/x"), related("other.md", WEB, List.of(WEB)));
        Item ampOnly = seed("amp-only.md", null, null, List.of(AMP_CACHE));
        Article article = withAlias(ArticleMerger.merge(List.of(ampOnly, other), key -> DAY1), WEB);
        assertEquals(WEB, article.url());
        assertEquals(CanonicalUrl.keyOf(WEB), article.key());
    }

    @Test
    void link_fallsBackToOriginalUrl_thenToTheFirstUrlThatIsNoAmpForm_thenToTheFirstUrl() {
        assertEquals(ORIGINAL, only(ArticleMerger.merge(List.of(
                seed("a.md", null, ORIGINAL, List.of(AMP_CACHE, ORIGINAL))), key -> DAY1)).url());
        Item noRoles = new Item(Origin.RELATED, "seed:a.md", List.of(AMP_CACHE, AMP, WEB), "T", null, null, T1, null,
                null, null, null, null, null, null, null, null, null, null);
        assertEquals(WEB, only(ArticleMerger.merge(List.of(noRoles), key -> DAY1)).url());
        Item ampOnly = new Item(Origin.RELATED, "seed:a.md", List.of(AMP_CACHE, AMP), "T", null, null, T1, null,
                null, null, null, null, null, null, null, null, null, null);
        assertEquals(AMP_CACHE, only(ArticleMerger.merge(List.of(ampOnly), key -> DAY1)).url());
    }

    @Test
    void link_ofALiveItem_isItsLink_evenWhenASeedWithoutWebUrlIsStronger() {
        Item seed = seed("a.md", null, null, List.of(AMP_CACHE));
        Article article = only(ArticleMerger.merge(List.of(seed, live("s", WEB + "?utm_source=rss")), key -> DAY1));
        assertEquals(WEB + "?utm_source=rss", article.url());
    }

    @Test
    void id_staysPut_whenTheArticleGainsAliasesAndStrongerMentions() {
        String id = only(publish(DAY1, live("s", WEB))).key();
        Item seedNamingIt = seed("b.md", ORIGINAL, null, List.of(ORIGINAL),
                related("b.md", "https://mirror.example.net/story", List.of("https://mirror.example.net/story", WEB)));
        assertEquals(id, withAlias(publish(DAY2, live("s", WEB), seedNamingIt), WEB).key(),
                "a seed lists it as a related mention, with extra aliases");
        Item ampCacheSeed = seed("c.md", null, null, List.of(AMP_CACHE));
        assertEquals(id, withAlias(publish(DAY3, live("s", WEB), seedNamingIt, ampCacheSeed), WEB).key(),
                "a seed whose only URL is its AMP-cache form");
        assertEquals(id, withAlias(publish(DAY3, live("s", WEB), seedNamingIt), WEB).key(), "that seed removed");
        assertEquals(id, only(publish(DAY3, live("s", WEB))).key(), "every seed removed");
    }

    @Test
    void id_ofTwoPublishedArticlesThatTurnOutToBeOne_isTheOnePublishedFirst() {
        String first = only(publish(DAY1, live("s", "https://b.example.org/zz-later-key"))).key();
        publish(DAY2, live("s", "https://b.example.org/zz-later-key"), live("t", "https://a.example.org/aa-smaller"));
        Article joined = only(publish(DAY3,
                live("s", "https://b.example.org/zz-later-key"),
                live("t", "https://a.example.org/aa-smaller", "https://b.example.org/zz-later-key")));
        assertEquals(first, joined.key());
    }

    @Test
    void id_ofAnArticleThatSplits_isTheOneRecordedForEachPartsOwnKeys() {
        String idA = only(publish(DAY1, live("s", "https://a.example.org/1"))).key();
        String idB = only(publish(DAY2, live("t", "https://b.example.org/2"))).key();
        Item bridge = seed("bridge.md", "https://a.example.org/1", null,
                List.of("https://a.example.org/1", "https://b.example.org/2"));
        Article joined = only(publish(DAY3, live("s", "https://a.example.org/1"), live("t", "https://b.example.org/2"),
                bridge));
        assertEquals(idA, joined.key());
        List<Article> split = publish(DAY3, live("s", "https://a.example.org/1"), live("t", "https://b.example.org/2"));
        assertEquals(idA, withAlias(split, "https://a.example.org/1").key());
        assertEquals(idB, withAlias(split, "https://b.example.org/2").key());
    }

    @Test
    void id_ofAPartHoldingOnlyKeysGainedLater_isNew_andTheOriginalKeysKeepTheId() {
        String id = only(publish(DAY1, live("s", "https://a.example.org/1"))).key();
        Item gained = seed("g.md", "https://a.example.org/1", null,
                List.of("https://a.example.org/1", "https://c.example.org/3"));
        assertEquals(id, only(publish(DAY2, live("s", "https://a.example.org/1"), gained)).key());
        Item splitOff = seed("g.md", "https://c.example.org/3", null, List.of("https://c.example.org/3"));
        List<Article> split = publish(DAY3, live("s", "https://a.example.org/1"), splitOff);
        assertEquals(id, withAlias(split, "https://a.example.org/1").key());
        String other = withAlias(split, "https://c.example.org/3").key();
        assertFalse(other.equals(id));
        List<Article> again = publish(DAY3, splitOff, live("s", "https://a.example.org/1"));
        assertEquals(other, withAlias(again, "https://c.example.org/3").key(), "and the same one every time");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void ids_onANewStore_doNotDependOnTheOrderOfSeedsOrOfTheirUrls(long seed) {
        List<Item> seeds = new ArrayList<>(List.of(
                seed("a.md", WEB, ORIGINAL, List.of(WEB, ORIGINAL, AMP, AMP_CACHE)),
                seed("b.md", null, ORIGINAL, List.of(ORIGINAL, "https://c.example.org/c"),
                        related("b.md", "https://d.example.org/d", List.of("https://d.example.org/d"))),
                seed("c.md", "https://e.example.org/e", null, List.of("https://e.example.org/e", AMP_CACHE)),
                seed("d.md", "https://d.example.org/d/", null, List.of("https://d.example.org/d/"))));
        List<String> expected = ArticleMerger.merge(seeds, new PublishedIds(), key -> DAY1).stream()
                .map(Article::key).toList();
        Random random = new Random(seed);
        List<Item> shuffled = new ArrayList<>();
        for (Item s : seeds) {
            List<String> urls = new ArrayList<>(s.urls());
            Collections.shuffle(urls, random);
            shuffled.add(new Item(s.origin(), s.provenance(), urls, s.title(), null, null, s.published(), null, null,
                    s.topics(), s.categories(), s.images(), s.related(), null, null, s.facts(), s.webUrl(),
                    s.originalUrl()));
        }
        Collections.shuffle(shuffled, random);
        assertEquals(expected, ArticleMerger.merge(shuffled, new PublishedIds(), key -> DAY1).stream()
                .map(Article::key).toList());
    }

    @Test
    void ids_areUnique_evenWhenSeveralPartsClaimOneId() {
        publish(DAY1, seed("x.md", "https://a.example.org/1", null,
                List.of("https://a.example.org/1", "https://b.example.org/2", "https://c.example.org/3")));
        List<Article> parts = publish(DAY2, live("s", "https://a.example.org/1"), live("t", "https://b.example.org/2"),
                live("u", "https://c.example.org/3"));
        assertEquals(3, parts.stream().map(Article::key).distinct().count());
        assertEquals(CanonicalUrl.keyOf("https://a.example.org/1"),
                withAlias(parts, "https://a.example.org/1").key(), "the smallest key recorded first keeps it");
        assertTrue(published.size() >= 3);
    }
}
