package org.feedloom.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Source;
import org.feedloom.model.TopicRule;
import org.junit.jupiter.api.Test;

/** Topic rules, and the topic {@code exclude:} keywords (issue 11). */
class TopicIndexTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    static Article article(String key, String title, String excerpt, List<String> topics, List<String> categories) {
        return new Article(key, "https://" + key, List.of(key), List.of("https://" + key), title, Body.of(excerpt), null, T, T,
                null, topics, categories, List.of(), List.of(), null, List.of(), List.of("source:s"), Origin.FEED,
                SeedFacts.NONE);
    }

    static TopicRule rule(String name, List<String> aliases, List<String> keywords, List<String> exclude) {
        return new TopicRule(name, null, aliases, keywords, exclude);
    }

    private static final TopicIndex AI = new TopicIndex(List.of(
            rule("AI", List.of("Artificial Intelligence"), List.of("machine learning"), List.of("robot", "crypto scam")),
            rule("Robots", List.of(), List.of("robot"), List.of())));

    @Test
    void withSourceTopics_addsTheSourcesTopicsAfterEachItemsOwn_once() {
        Source source = new Source("s", "S", "https://s.example/feed", null, List.of("AI", "Robots"), List.of(),
                null, true, null);
        Item own = new Item(Origin.FEED, "source:s", List.of("https://s.example/1"), "One", null, null, null, null,
                null, List.of("Robots", "Science"), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, "https://s.example/1", null);
        List<Item> items = TopicIndex.withSourceTopics(source, List.of(own, Item.ofFeed("source:s", "https://s.example/2", "Two")));
        assertEquals(List.of("Robots", "Science", "AI"), items.get(0).topics());
        assertEquals(List.of("AI", "Robots"), items.get(1).topics());
    }

    @Test
    void assign_articlesGivenEqualTopics_shareOneList() {
        Article first = AI.assign(article("x.com/1", "Machine learning today", null, List.of("Science"), List.of()));
        Article second = AI.assign(article("x.com/2", "More machine learning", null, List.of("Science"),
                List.of("Artificial Intelligence")));
        Article other = AI.assign(article("x.com/3", "A robot", null, List.of(), List.of()));
        assertEquals(List.of("Science", "AI"), first.topics());
        assertSame(first.topics(), second.topics(), "equal topic lists are one list");
        assertEquals(List.of("Robots"), other.topics());
    }

    @Test
    void assign_keywordAndCategoryAndOwnTopics_withoutExcludes_asBefore() {
        Article a = AI.assign(article("x.com/1", "Machine learning today", null, List.of("Science"),
                List.of("artificial intelligence")));
        assertEquals(List.of("Science", "AI"), a.topics());
    }

    @Test
    void assign_topicExclude_keepsTheArticleOutOfThatTopicOnly_whateverPutItThere() {
        Article byKeyword = article("x.com/1", "A machine learning robot", null, List.of(), List.of());
        Article byCategory = article("x.com/2", "Robot news", null, List.of(), List.of("Artificial Intelligence"));
        Article byOwnTopic = article("x.com/3", "A robot", null, List.of("ai"), List.of());
        for (Article a : List.of(byKeyword, byCategory, byOwnTopic)) {
            assertEquals(List.of("Robots"), AI.assign(a).topics(), a.key());
        }
    }

    @Test
    void assign_topicExclude_matchesLikeKeywords_caseInsensitiveOnWordBoundaries_inTitleExcerptAndCategories() {
        assertEquals(List.of("AI"), AI.assign(article("x.com/1", "Machine learning for robotics", null, List.of(),
                List.of())).topics(), "robotics is not the word robot");
        assertEquals(List.of("Robots"), AI.assign(article("x.com/2", "Machine learning", "<p>Meet the <b>ROBOT</b></p>",
                List.of(), List.of())).topics(), "in the excerpt, tags stripped, any case");
        assertEquals(List.of(), AI.assign(article("x.com/3", "Machine learning", null, List.of(),
                List.of("Crypto Scam"))).topics(), "in the categories, several words");
    }

    @Test
    void assignAll_countsTheArticlesKeptOutOfEachTopic() {
        TopicIndex.Assigned assigned = AI.assignAll(List.of(
                article("x.com/1", "A machine learning robot", null, List.of(), List.of()),
                article("x.com/2", "Machine learning", null, List.of(), List.of()),
                article("x.com/3", "Robot", null, List.of("AI"), List.of()),
                article("x.com/4", "A robot, no AI", null, List.of(), List.of())));
        assertEquals(4, assigned.articles().size());
        assertEquals(Map.of("ai", 2), assigned.excludedByTopic());
        assertEquals(2, assigned.excludedArticles());
        assertEquals(List.of("x.com/1", "x.com/2", "x.com/3", "x.com/4"),
                assigned.articles().stream().map(Article::key).toList(), "in the order given");
    }

    @Test
    void catalog_aTopicWhoseExcludeKeepsEveryArticleOut_isStillListed_empty() {
        TopicIndex index = new TopicIndex(List.of(rule("AI", List.of(), List.of("robot"), List.of("robot"))));
        Catalog catalog = index.catalog(1, index.assignAll(List.of(
                article("x.com/1", "Robot", null, List.of(), List.of()))).articles());
        assertTrue(catalog.topic("ai").isPresent());
        assertEquals(List.of(), catalog.articlesOf("ai"));
        assertEquals(1, catalog.all().size(), "still published, in all");
    }
}
