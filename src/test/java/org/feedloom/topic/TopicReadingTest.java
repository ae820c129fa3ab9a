package org.feedloom.topic;

import static org.feedloom.topic.TopicIndexTest.article;
import static org.feedloom.topic.TopicIndexTest.rule;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.TopicRule;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: what the topic rules read from an article's text, kept by the store, gives a restart the same topics
 * without the excerpt being read again, and is never taken for another text or other rules.
 */
class TopicReadingTest {
    private static final List<String> WORDS = List.of("harbour", "robot", "council", "machine learning", "crypto scam",
            "ferry", "budget", "Artificial Intelligence", "quantum", "tram", "<b>robot</b>", "machine-learning");

    /** Rules of a few keywords, aliases and excludes drawn from {@link #WORDS}, some sharing a slug. */
    private static List<TopicRule> rules(Random random) {
        List<TopicRule> rules = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            String name = random.nextInt(6) == 0 ? "Topic 0" : "Topic " + i; // now and then a slug twice
            rules.add(rule(name, words(random, 2), words(random, 3), words(random, 2)));
        }
        return rules;
    }

    private static List<String> words(Random random, int most) {
        List<String> out = new ArrayList<>();
        for (int i = random.nextInt(most + 1); i > 0; i--) {
            out.add(WORDS.get(random.nextInt(WORDS.size())));
        }
        return out;
    }

    private static Article randomArticle(Random random, int i) {
        String excerpt = random.nextInt(5) == 0 ? null : String.join(" ", words(random, 6)) + ".";
        List<String> own = random.nextBoolean() ? List.of() : List.of(random.nextBoolean() ? "Topic 1" : "Local");
        return article("a" + i + ".example/p", "Story " + String.join(" ", words(random, 3)), excerpt, own,
                words(random, 2));
    }

    @Test
    void assigningByAReading_givesTheTopicsTheRulesDescribe_underRandomRulesAndTexts() {
        Random random = new Random(13);
        int excludedSome = 0;
        for (int round = 0; round < 200; round++) {
            List<TopicRule> rules = rules(random);
            TopicIndex topics = new TopicIndex(rules);
            for (int i = 0; i < 30; i++) {
                Article article = randomArticle(random, i);
                TopicReading reading = topics.read(article);
                TopicIndex.Assigned assigned = topics.assignAll(List.of(article), a -> reading);
                Set<String> slugs = new TreeSet<>();
                assigned.articles().get(0).topics().forEach(name -> slugs.add(topics.slugOf(name)));
                assertEquals(described(rules, topics, article), slugs, "round " + round + ": " + article);
                assertEquals(topics.assignAll(List.of(article)), assigned);
                excludedSome += assigned.excludedArticles();
            }
        }
        assertTrue(excludedSome > 100, "the excludes took topics away often: " + excludedSome);
    }

    /**
     * The slugs of an article's topics as the class comment of {@link TopicIndex} describes them, worked out here
     * from each rule: its own ∪ the rules' whose name or alias is a category or with a keyword in its title, excerpt
     * or categories, less the rules' with an exclude keyword there.
     */
    private static Set<String> described(List<TopicRule> rules, TopicIndex topics, Article article) {
        Set<String> slugs = new TreeSet<>();
        article.topics().forEach(name -> slugs.add(topics.slugOf(name)));
        Set<String> categories = new TreeSet<>();
        article.categories().forEach(c -> categories.add(c.strip().toLowerCase(Locale.ROOT)));
        Keywords.Text text = new Keywords.Text(Keywords.text(article.title(), article.excerpt(), article.categories()));
        Set<String> excluded = new TreeSet<>();
        for (TopicRule rule : rules) {
            List<String> labels = new ArrayList<>(rule.aliases());
            labels.add(rule.name());
            if (labels.stream().anyMatch(l -> categories.contains(l.strip().toLowerCase(Locale.ROOT)))
                    || Keywords.of(rule.keywords()).foundIn(text)) {
                slugs.add(rule.slug());
            }
            if (!rule.exclude().isEmpty() && Keywords.of(rule.exclude()).foundIn(text)) {
                excluded.add(rule.slug());
            }
        }
        slugs.removeAll(excluded);
        return slugs;
    }

    @Test
    void aReadingOfTheSameText_isTheSame_whateverTheArticlesOwnTopics_link_orWhetherItsExcerptIsStored() {
        TopicIndex topics = new TopicIndex(List.of(rule("AI", List.of("Artificial Intelligence"),
                List.of("machine learning"), List.of("robot"))));
        Article a = article("a.example/x", "Machine learning at the harbour", "A robot, said the council.",
                List.of(), List.of("Tech"));
        Article b = article("b.example/y", "Machine learning at the harbour", "A robot, said the council.",
                List.of("AI", "Local"), List.of("Tech"));
        Body excerpt = a.excerptBody();
        Body stored = Body.stored((s, k, part) -> "A robot, said the council.", "s", "a.example/x",
                Body.Part.EXCERPT, excerpt.length(), excerpt.textHash());
        Article letGo = new Article(a.key(), a.url(), a.aliasKeys(), a.aliases(), a.title(), stored, null,
                a.published(), a.updated(), a.provider(), a.topics(), a.categories(), a.images(), a.related(),
                a.author(), a.feeds(), a.provenance(), a.origin(), a.facts());
        TopicReading reading = topics.read(a);
        assertEquals(reading, topics.read(b));
        assertEquals(reading, topics.read(letGo));
        assertEquals(TopicIndex.textOf(a), TopicIndex.textOf(letGo), "named by content, the store's text unread");
        assertArrayEquals(new int[] {0}, reading.matched());
        assertArrayEquals(new int[] {0}, reading.excluded(), "read whether or not the topic is the article's");
        assertEquals(List.of("Local"), topics.assignAll(List.of(b), x -> reading).articles().get(0).topics(),
                "its own AI taken away by the exclude, as by the text");
    }

    @Test
    void theTextsName_changesWithItsTitleExcerptAndCategories_only() {
        Article a = article("a.example/x", "Ferry budget", "The council met.", List.of(), List.of("Local"));
        long name = TopicIndex.textOf(a);
        assertNotEquals(name, TopicIndex.textOf(article("a.example/x", "Ferry budgets", "The council met.",
                List.of(), List.of("Local"))));
        assertNotEquals(name, TopicIndex.textOf(article("a.example/x", "Ferry budget", "The council met!",
                List.of(), List.of("Local"))));
        assertNotEquals(name, TopicIndex.textOf(article("a.example/x", "Ferry budget", null, List.of(),
                List.of("Local"))));
        assertNotEquals(name, TopicIndex.textOf(article("a.example/x", "Ferry budget", "The council met.",
                List.of(), List.of("Local", "Harbour"))));
        assertNotEquals(name, TopicIndex.textOf(article("a.example/x", "Ferry budget", "The council met.",
                List.of(), List.of())));
        assertEquals(name, TopicIndex.textOf(article("b.example/y", "Ferry budget", "The council met.",
                List.of("Transport"), List.of("Local"))), "another link and other own topics: the same text");
    }

    @Test
    void theRulesName_isTheSameForRulesThatReadAlike_andDiffersForAnyChangeInWhatTheyRead() {
        List<TopicRule> rules = List.of(rule("AI", List.of("Artificial Intelligence"), List.of("machine learning"),
                List.of("robot")), rule("Transport", List.of(), List.of("ferry", "tram"), List.of()));
        String name = new TopicIndex(rules).reading();
        assertEquals(name, new TopicIndex(List.copyOf(rules)).reading());
        assertEquals(name, new TopicIndex(List.of(new TopicRule("AI", "machine-minds", List.of(
                "Artificial Intelligence"), List.of("machine learning"), List.of("robot")), rules.get(1))).reading(),
                "another slug reads alike");
        List<List<TopicRule>> others = List.of(
                List.of(rules.get(1), rules.get(0)),
                List.of(rules.get(0)),
                List.of(rule("AI", List.of(), List.of("machine learning"), List.of("robot")), rules.get(1)),
                List.of(rule("AI", List.of("Artificial Intelligence"), List.of("machine learning", "llm"),
                        List.of("robot")), rules.get(1)),
                List.of(rule("AI", List.of("Artificial Intelligence"), List.of("machine learning"), List.of()),
                        rules.get(1)),
                List.of(rule("Machine minds", List.of("Artificial Intelligence"), List.of("machine learning"),
                        List.of("robot")), rules.get(1)));
        for (List<TopicRule> other : others) {
            assertNotEquals(name, new TopicIndex(other).reading(), other.toString());
        }
    }

    @Test
    void aReadingThatCannotBeTheseRules_doesNotFit_andIsRefused() {
        TopicIndex two = new TopicIndex(List.of(rule("AI", List.of(), List.of("robot"), List.of()),
                rule("Ferries", List.of(), List.of("ferry"), List.of("cancelled"))));
        Article a = article("a.example/x", "A robot", null, List.of(), List.of());
        long text = TopicIndex.textOf(a);
        assertTrue(two.fits(two.read(a)));
        assertTrue(two.fits(new TopicReading(text, new int[] {0, 1}, new int[] {1})));
        for (TopicReading damaged : List.of(new TopicReading(text, new int[] {2}, new int[0]),
                new TopicReading(text, new int[0], new int[] {-1}), new TopicReading(text, new int[] {1, 0},
                new int[0]), new TopicReading(text, new int[] {1, 1}, new int[0]))) {
            assertTrue(!two.fits(damaged), damaged.toString());
            assertThrows(IllegalArgumentException.class, () -> two.assignAll(List.of(a), x -> damaged));
        }
    }
}
