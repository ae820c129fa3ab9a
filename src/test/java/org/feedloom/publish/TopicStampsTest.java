package org.feedloom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;
import org.junit.jupiter.api.Test;

/**
 * Per-topic invalidation (issue 13): a rebuild re-renders only the topics whose documents it changed
 * ({@link Catalog#stampedAfter}); the other topics' cached documents stay valid, and WebSub compares only the changed.
 */
class TopicStampsTest {
    static final String BASE = FeedChangesTest.BASE;
    static final Article A = FeedChangesTest.A;
    static final Article B = FeedChangesTest.B;
    static final Article OLD = FeedChangesTest.OLD;

    static Catalog catalog(long version, Map<String, List<Article>> bySlug) {
        return FeedChangesTest.catalog(version, bySlug);
    }

    @Test
    void aTopicWhoseArticlesDidNotChange_keepsItsStamp_andTheChangedOnesGetTheNewVersion() {
        Catalog one = catalog(1, Map.of("ai", List.of(A), "nlp", List.of(B)));
        Catalog two = catalog(2, Map.of("ai", List.of(A), "nlp", List.of(B, OLD))).stampedAfter(one);
        assertEquals(1, two.stampOf("ai"));
        assertEquals(2, two.stampOf("nlp"));
        assertEquals(2, two.stampOf(Topic.ALL_SLUG), "'all' lists the new article too");
        Catalog three = catalog(3, Map.of("ai", List.of(A), "nlp", List.of(B, OLD))).stampedAfter(two);
        assertEquals(1, three.stampOf("ai"), "a stamp is kept over several rebuilds");
        assertEquals(2, three.stampOf("nlp"));
        assertEquals(1, three.topicsStamp(), "the same topics");
    }

    @Test
    void equalArticlesInOtherInstances_areTheSameArticles() {
        Article copy = FeedChangesTest.article("example.com/a", "Story A", "2022-07-05T10:00:00Z");
        Catalog one = catalog(1, Map.of("ai", List.of(A)));
        Catalog two = catalog(2, Map.of("ai", List.of(copy))).stampedAfter(one);
        assertEquals(1, two.stampOf("ai"));
    }

    @Test
    void anEditedArticle_restampsEveryTopicListingIt() {
        Article edited = FeedChangesTest.article("example.com/a", "Story A, corrected", "2022-07-05T10:00:00Z");
        Catalog one = catalog(1, Map.of("ai", List.of(A), "nlp", List.of(B)));
        Catalog two = catalog(2, Map.of("ai", List.of(edited), "nlp", List.of(B))).stampedAfter(one);
        assertEquals(2, two.stampOf("ai"));
        assertEquals(2, two.stampOf(Topic.ALL_SLUG));
        assertEquals(1, two.stampOf("nlp"));
    }

    @Test
    void aRenamedTopic_aNewTopic_andChangedSlugsOfNames_restamp() {
        Catalog one = catalog(1, Map.of("ai", List.of(A)));
        Catalog renamed = new Catalog(2, List.of(new Topic(Topic.ALL_SLUG, "All articles"), new Topic("ai", "Machines")),
                one.articles(), one.slugs(), Map.of()).stampedAfter(one);
        assertEquals(2, renamed.stampOf("ai"), "the topic's name is in its documents");
        assertEquals(1, renamed.stampOf(Topic.ALL_SLUG));
        assertEquals(2, renamed.topicsStamp(), "the list of topics changed");

        Catalog added = catalog(3, Map.of("ai", List.of(A), "nlp", List.of())).stampedAfter(one);
        assertEquals(3, added.stampOf("nlp"));
        assertEquals(3, added.topicsStamp());

        Map<String, String> otherSlugs = new java.util.HashMap<>(one.slugs());
        otherSlugs.put("Elsewhere", "elsewhere");
        Catalog reslugged = new Catalog(4, one.topics(), one.articles(), otherSlugs, Map.of()).stampedAfter(one);
        assertEquals(4, reslugged.stampOf("ai"), "an entry's category terms are slugs of names");
        assertEquals(4, reslugged.stampOf(Topic.ALL_SLUG));
    }

    @Test
    void aCatalogBuiltAlone_hasItsVersionAsEveryStamp() {
        Catalog alone = catalog(7, Map.of("ai", List.of(A)));
        assertEquals(7, alone.stampOf("ai"));
        assertEquals(7, alone.stampOf(Topic.ALL_SLUG));
        assertEquals(7, alone.topicsStamp());
    }

    @Test
    void aRebuildThatChangedOneTopic_rendersThatTopicAgain_andServesTheOthersFromTheCache() {
        FeedCache cache = new FeedCache(FeedloomConfig.Http.DEFAULT.cacheBytes());
        Publisher publisher = new Publisher(new SiteInfo("Feedloom", "Feedloom", "1", 10), cache);
        Catalog one = catalog(1, Map.of("ai", List.of(A), "nlp", List.of(B)));
        RenderedFeed aiBefore = publisher.atom(one, "ai", BASE).orElseThrow();
        RenderedFeed nlpBefore = publisher.rss(one, "nlp", BASE).orElseThrow();
        RenderedFeed pageBefore = publisher.topicPage(one, "ai", 1, BASE).orElseThrow();
        long renders = cache.renderCount();

        Catalog two = catalog(2, Map.of("ai", List.of(A), "nlp", List.of(B, OLD))).stampedAfter(one);
        assertSame(aiBefore, publisher.atom(two, "ai", BASE).orElseThrow());
        assertSame(pageBefore, publisher.topicPage(two, "ai", 1, BASE).orElseThrow(), "same topics, same page");
        assertEquals(renders, cache.renderCount());
        RenderedFeed nlpAfter = publisher.rss(two, "nlp", BASE).orElseThrow();
        assertEquals(renders + 1, cache.renderCount());
        assertNotEquals(nlpBefore.etag(), nlpAfter.etag());

        Catalog three = catalog(3, Map.of("ai", List.of(A), "nlp", List.of(B, OLD), "web", List.of(OLD)))
                .stampedAfter(two);
        assertSame(aiBefore, publisher.atom(three, "ai", BASE).orElseThrow(), "a feed does not list the others");
        RenderedFeed pageAfter = publisher.topicPage(three, "ai", 1, BASE).orElseThrow();
        assertTrue(new String(pageAfter.body(), java.nio.charset.StandardCharsets.UTF_8).contains("feeds/web.xml"),
                "an HTML page links every topic's feeds, so a new topic renders it again");
    }

    @Test
    void webSub_rendersOnlyTheTopicsWhoseStampChanged() {
        FeedCache cache = new FeedCache(FeedloomConfig.Http.DEFAULT.cacheBytes());
        FeedChanges changes = new FeedChanges(new Publisher(new SiteInfo("Feedloom", "Feedloom", "1", 10), cache));
        Catalog one = catalog(1, Map.of("ai", List.of(A), "nlp", List.of(B)));
        Catalog two = catalog(2, Map.of("ai", List.of(A), "nlp", List.of(B, OLD))).stampedAfter(one);
        assertEquals(FeedChangesTest.feeds("all", "nlp"), changes.changedFeeds(one, two, BASE));
        assertEquals(2 * 2 * 3, cache.renderCount(), "'all' and nlp, before and after, three formats each");
    }
}
