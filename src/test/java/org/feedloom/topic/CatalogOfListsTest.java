package org.feedloom.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Origin;
import org.feedloom.model.Topic;
import org.feedloom.model.TopicRule;
import org.junit.jupiter.api.Test;

/**
 * The catalog of topic lists a caller keeps ({@link TopicIndex#catalogOfLists}: a rebuild's counts, its lists read
 * from the store) is the catalog grouped from every article ({@link TopicIndex#catalog}): its topics, the names they
 * are shown by, lists, slugs and former slugs; and a topic whose list did not change keeps the name it was shown by.
 */
class CatalogOfListsTest {
    private static final TopicRule QUANTUM = new TopicRule("Quantum Computing", "quantum", List.of("QC"), List.of(),
            List.of());
    private static final TopicRule EMPTY = new TopicRule("Nobody", null, List.of(), List.of(), List.of());
    /** Names the articles carry: two spellings of one configured topic, two of one unconfigured topic, others. */
    private static final List<String> NAMES = List.of("Quantum Computing", "QC", "Robotics", "robotics", "Climate",
            "Space", "Law");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Article article(String key, Random random) {
        Instant published = T0.plusSeconds(random.nextInt(50) * 3600L); // ties on purpose
        Instant updated = published.plusSeconds(random.nextInt(3) * 600L);
        List<String> topics = new ArrayList<>();
        for (String name : NAMES) {
            if (random.nextInt(4) == 0) {
                topics.add(name);
            }
        }
        return new Article(key, "https://example.com/" + key, List.of(key), List.of("https://example.com/" + key),
                "Title " + key, null, null, published, updated, null, topics, List.of(), List.of(), List.of(), null,
                List.of(), List.of("seed:" + key), Origin.SEED, null);
    }

    /** The lists a rebuild keeps: per slug of the names carried (configured topics without articles have none). */
    private static Map<String, List<Article>> keptLists(TopicIndex index, List<Article> articles) {
        List<Article> sorted = new ArrayList<>(articles);
        sorted.sort(TopicIndex.NEWEST_FIRST);
        Map<String, List<Article>> lists = new HashMap<>();
        lists.put(Topic.ALL_SLUG, sorted);
        for (Article a : sorted) {
            for (String slug : index.slugsOf(a)) {
                lists.computeIfAbsent(slug, s -> new ArrayList<>()).add(a);
            }
        }
        return lists;
    }

    private static Map<String, String> slugsCarried(TopicIndex index, List<Article> articles) {
        Map<String, String> slugs = new HashMap<>();
        articles.forEach(a -> a.topics().forEach(name -> slugs.put(name, index.slugOf(name))));
        return slugs;
    }

    @Test
    void keptLists_giveTheCatalogGroupedFromEveryArticle() {
        TopicIndex index = new TopicIndex(List.of(QUANTUM, EMPTY));
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            List<Article> articles = new ArrayList<>();
            for (int i = 0; i < random.nextInt(60); i++) {
                articles.add(article("k" + i, random));
            }
            Catalog whole = index.catalog(2, articles);
            Map<String, List<Article>> lists = keptLists(index, articles);
            Catalog kept = index.catalogOfLists(2, slugsCarried(index, articles), lists, Catalog.empty(),
                    lists.keySet());
            assertEquals(whole.topics(), kept.topics(), "seed " + seed);
            assertEquals(whole.articles(), kept.articles(), "seed " + seed);
            assertEquals(whole.slugs(), kept.slugs(), "seed " + seed);
            assertEquals(whole.moved(), kept.moved());
        }
    }

    @Test
    void aTopicWhoseListDidNotChange_keepsTheNameItWasShownBy() {
        TopicIndex index = new TopicIndex(List.of());
        Article upper = withTopics(article("a", new Random(1)), "Robotics");
        Catalog before = index.catalog(1, List.of(upper));
        assertEquals("Robotics", before.topic("robotics").orElseThrow().name());
        // a newer article spells it otherwise; the list read from the store is not asked while it is not changed
        Article lower = withTopics(article("b", new Random(2)), "robotics");
        List<Article> both = List.of(lower, upper);
        Map<String, List<Article>> lists = Map.of(Topic.ALL_SLUG, both, "robotics", both);
        Map<String, String> slugs = Map.of("Robotics", "robotics", "robotics", "robotics");
        assertEquals("Robotics", index.catalogOfLists(2, slugs, lists, before, Set.of()).topic("robotics")
                .orElseThrow().name());
        assertEquals("robotics", index.catalogOfLists(2, slugs, lists, before, Set.of("robotics")).topic("robotics")
                .orElseThrow().name(), "changed: shown by its newest article's name");
    }

    private static Article withTopics(Article article, String... topics) {
        return article.withTopics(List.of(topics));
    }

    /**
     * Sorting by copies of the dates gives the comparator's order: random articles with ties in the second, the
     * nanosecond and both dates (then the key decides), dates before 1970 among them, on lists shorter and longer
     * than the size from which the copies are made.
     */
    @Test
    void sortNewestFirst_givesTheComparatorsOrder() {
        Random random = new Random(13);
        for (int round = 0; round < 40; round++) {
            int n = round < 20 ? random.nextInt(50) : 900 + random.nextInt(3000);
            List<Article> articles = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Instant published = Instant.ofEpochSecond(random.nextInt(200) * 1_000_000L - 50_000_000L,
                        random.nextInt(3) * 333_333_333L);
                Instant updated = published.plusSeconds(random.nextInt(3) * 600L).plusNanos(random.nextInt(2));
                String key = "k" + random.nextInt(1_000_000) + "-" + i;
                articles.add(new Article(key, "https://example.com/" + key, List.of(key),
                        List.of("https://example.com/" + key), key, null, null, published, updated, null, List.of(),
                        List.of(), List.of(), List.of(), null, List.of(), List.of("seed:" + key), Origin.SEED, null));
            }
            List<Article> expected = new ArrayList<>(articles);
            expected.sort(TopicIndex.NEWEST_FIRST);
            List<Article> sorted = new ArrayList<>(articles);
            TopicIndex.sortNewestFirst(sorted);
            assertEquals(expected, sorted, n + " articles");
        }
    }
}
