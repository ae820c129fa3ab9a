package org.feedloom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Origin;
import org.feedloom.model.Topic;
import org.junit.jupiter.api.Test;

/** Change detection for WebSub pings (issue 5): which feeds' rendered content differs between two catalogs. */
class FeedChangesTest {
    static final String BASE = "https://feeds.example.org/";
    static final Article A = article("example.com/a", "Story A", "2022-07-05T10:00:00Z");
    static final Article B = article("example.com/b", "Story B", "2022-07-04T10:00:00Z");
    static final Article OLD = article("example.com/old", "An old story", "2020-01-01T00:00:00Z");

    static Article article(String key, String title, String published) {
        Instant t = Instant.parse(published);
        return AtomRendererTest.article(key, "https://" + key, title, t, t, Origin.SEED, List.of());
    }

    /** A catalog from slug → articles (newest first); "all" gets every article. */
    static Catalog catalog(long version, Map<String, List<Article>> bySlug) {
        List<Topic> topics = new ArrayList<>(List.of(new Topic(Topic.ALL_SLUG, "All articles")));
        Map<String, List<Article>> articles = new LinkedHashMap<>();
        List<Article> all = new ArrayList<>();
        bySlug.forEach((slug, list) -> {
            topics.add(new Topic(slug, slug.toUpperCase()));
            articles.put(slug, list);
            list.stream().filter(a -> !all.contains(a)).forEach(all::add);
        });
        all.sort((x, y) -> y.published().compareTo(x.published()));
        articles.put(Topic.ALL_SLUG, all);
        Map<String, String> slugs = new LinkedHashMap<>();
        all.forEach(a -> a.topics().forEach(name -> slugs.put(name, Topic.slugOf(name))));
        return new Catalog(version, topics, articles, slugs, Map.of());
    }

    static List<String> feeds(String... slugs) {
        List<String> out = new ArrayList<>();
        for (String s : slugs) {
            out.addAll(List.of(BASE + "feeds/" + s + ".xml", BASE + "feeds/" + s + ".rss", BASE + "feeds/" + s + ".json"));
        }
        return out;
    }

    static FeedChanges changes(int maxEntries) {
        return new FeedChanges(new Publisher(new SiteInfo("Feedloom", "Feedloom", "1", maxEntries), new FeedCache(FeedloomConfig.Http.DEFAULT.cacheBytes())));
    }

    @Test
    void sameArticles_inANewCatalogVersion_changeNothing() {
        Catalog before = catalog(1, Map.of("ai", List.of(A), "nlp", List.of(B)));
        Catalog after = catalog(2, Map.of("ai", List.of(A), "nlp", List.of(B)));
        assertEquals(List.of(), changes(50).changedFeeds(before, after, BASE));
    }

    @Test
    void anArticleAddedToOneTopic_changesThatTopicAndAll_everyFormatOnce() {
        Catalog before = catalog(1, Map.of("ai", List.of(A), "nlp", List.of()));
        Catalog after = catalog(2, Map.of("ai", List.of(A), "nlp", List.of(B)));
        assertEquals(feeds("all", "nlp"), changes(50).changedFeeds(before, after, BASE));
    }

    @Test
    void anEditedTitle_changesEveryTopicOfTheArticle() {
        Article edited = article("example.com/a", "Story A, corrected", "2022-07-05T10:00:00Z");
        Catalog before = catalog(1, Map.of("ai", List.of(A), "nlp", List.of(B)));
        Catalog after = catalog(2, Map.of("ai", List.of(edited), "nlp", List.of(B)));
        assertEquals(feeds("all", "ai"), changes(50).changedFeeds(before, after, BASE));
    }

    @Test
    void aNewTopic_isChanged_aRemovedTopicIsNotListed() {
        Catalog before = catalog(1, Map.of("ai", List.of(A)));
        Catalog after = catalog(2, Map.of("nlp", List.of(A)));
        assertEquals(feeds("nlp"), changes(50).changedFeeds(before, after, BASE));
    }

    @Test
    void anArticleBeyondTheNewestMaxEntries_changesOnlyTheAtomFeeds_whosePagingLinksMove() {
        Catalog before = catalog(1, Map.of("ai", List.of(A)));
        Catalog after = catalog(2, Map.of("ai", List.of(A, OLD)));
        assertEquals(List.of(BASE + "feeds/all.xml", BASE + "feeds/ai.xml"), changes(1).changedFeeds(before, after, BASE));
        assertEquals(feeds("all", "ai"), changes(2).changedFeeds(before, after, BASE));
    }
}
