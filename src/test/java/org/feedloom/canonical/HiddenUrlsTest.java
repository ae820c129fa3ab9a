package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code hide:} list matches an article by any alias (issue 11). */
class HiddenUrlsTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
    static final String STORY = "https://example.com/news/story";

    /** One article merged from a seed with the story's URL and a live item with another of its URLs. */
    static List<Article> articles() {
        Item seed = ArticleMergerTest.item(Origin.SEED, "seed:1.txt", List.of(STORY), "Story", null, T, null,
                List.of(), List.of());
        Item live = ArticleMergerTest.item(Origin.FEED, "source:s", List.of("https://example.com/news/story-2"),
                "Story", null, T, null, List.of(), List.of());
        Item other = ArticleMergerTest.item(Origin.FEED, "source:s", List.of("https://example.com/news/other"),
                "Other", null, T, null, List.of(), List.of());
        Item both = ArticleMergerTest.item(Origin.FEED, "source:t", List.of("https://example.com/news/story-2", STORY),
                "Story", null, T, null, List.of(), List.of());
        return ArticleMerger.merge(List.of(seed, live, other, both), key -> T);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "the URL itself,         https://example.com/news/story",
            "AMP path,               https://example.com/news/story/amp",
            "AMP cache,              https://example-com.cdn.ampproject.org/c/s/example.com/news/story/amp",
            "tracking parameter,     https://example.com/news/story?utm_source=x",
            "www and http,           http://www.example.com/news/story/",
            "another alias,          https://amp.example.com/news/story-2?amp=1"})
    void visible_anyVariantOfAnyAlias_hidesTheWholeArticle(String variant, String hidden) {
        List<Article> visible = new HiddenUrls(List.of(hidden)).visible(articles());
        assertEquals(List.of("Other"), visible.stream().map(Article::title).toList(), variant);
    }

    @Test
    void visible_aUrlOfNoArticle_orNone_hidesNothing() {
        assertEquals(2, new HiddenUrls(List.of("https://example.com/news/story?page=2")).visible(articles()).size(),
                "a kept parameter is another URL");
        assertEquals(articles(), HiddenUrls.NONE.visible(articles()));
    }
}
