package org.feedloom.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Origin;
import org.feedloom.model.TopicRule;
import org.junit.jupiter.api.Test;

/**
 * A catalog made from the last one and a change ({@link TopicIndex#nextCatalog}) is the catalog made from every
 * article ({@link TopicIndex#catalogOfSorted}): its topics, lists, slugs and former slugs; and a topic the change
 * does not touch keeps its list instance.
 */
class NextCatalogTest {
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

    @Test
    void randomChanges_giveTheCatalogMadeFromEveryArticle() {
        TopicIndex index = new TopicIndex(List.of(QUANTUM, EMPTY));
        int made = 0;
        int declined = 0;
        for (long seed = 1; seed <= 300; seed++) {
            Random random = new Random(seed);
            Map<String, Article> live = new HashMap<>();
            for (int i = 0; i < random.nextInt(60); i++) {
                live.put("k" + i, article("k" + i, random));
            }
            Catalog catalog = index.catalogOfSorted(1, sorted(live));
            int nextKey = 1_000;
            for (int step = 0; step < 8; step++) {
                List<Article> gone = new ArrayList<>();
                List<Article> added = new ArrayList<>();
                for (String key : List.copyOf(live.keySet())) {
                    int dice = random.nextInt(10);
                    if (dice == 0) { // removed
                        gone.add(live.remove(key));
                    } else if (dice == 1) { // changed: gone as it was, added as it is
                        Article now = article(key, random);
                        gone.add(live.put(key, now));
                        added.add(now);
                    }
                }
                for (int i = 0; i < random.nextInt(4); i++) {
                    Article fresh = article("n" + nextKey++, random);
                    live.put(fresh.key(), fresh);
                    added.add(fresh);
                }
                Catalog whole = index.catalogOfSorted(catalog.version() + 1, sorted(live));
                Optional<Catalog> next = index.nextCatalog(catalog, catalog.version() + 1, gone, added);
                if (next.isPresent()) {
                    made++;
                    assertEquals(whole.topics(), next.get().topics(), "seed " + seed + " step " + step);
                    assertEquals(whole.articles(), next.get().articles(), "seed " + seed + " step " + step);
                    assertEquals(whole.slugs(), next.get().slugs(), "seed " + seed + " step " + step);
                    assertEquals(whole.moved(), next.get().moved());
                    catalog = next.get();
                } else {
                    declined++;
                    assertTrue(!whole.slugs().equals(catalog.slugs()),
                            "declined a change that leaves the topic names as they were, seed " + seed);
                    catalog = whole;
                }
            }
        }
        assertTrue(made > 1_000, "changes made from the last catalog: " + made);
        assertTrue(declined > 10, "changes of the topic names declined: " + declined);
    }

    @Test
    void aTopicTheChangeDoesNotTouch_keepsItsList() {
        TopicIndex index = new TopicIndex(List.of(QUANTUM));
        Article law = withTopics(article("a", new Random(1)), "Law");
        Article space = withTopics(article("b", new Random(2)), "Space");
        Catalog catalog = index.catalogOfSorted(1, sorted(Map.of("a", law, "b", space)));
        Article space2 = withTopics(article("c", new Random(3)), "Space");
        Catalog next = index.nextCatalog(catalog, 2, List.of(), List.of(space2)).orElseThrow();
        assertSame(catalog.articlesOf("law"), next.articlesOf("law"));
        assertEquals(2, next.articlesOf("space").size());
        assertEquals(3, next.all().size());
    }

    @Test
    void aGoneArticleNotInTheCatalog_isRefused() {
        TopicIndex index = new TopicIndex(List.of());
        Article a = withTopics(article("a", new Random(1)), "Law");
        Catalog catalog = index.catalogOfSorted(1, List.of(a));
        Article stranger = withTopics(article("a", new Random(1)), "Law"); // equal, not the instance published
        assertThrows(IllegalArgumentException.class, () -> index.nextCatalog(catalog, 2, List.of(stranger), List.of()));
    }

    @Test
    void articlesOutOfOrder_areRefused() {
        TopicIndex index = new TopicIndex(List.of());
        Article older = withTopics(article("a", new Random(1)), "Law");
        Article newer = new Article("b", "https://example.com/b", List.of("b"), List.of("https://example.com/b"), "B",
                null, null, older.published(), older.updated().plusSeconds(1), null, List.of("Law"), List.of(),
                List.of(), List.of(), null, List.of(), List.of("seed:b"), Origin.SEED, null);
        assertThrows(IllegalArgumentException.class, () -> index.catalogOfSorted(1, List.of(older, newer)));
    }

    private static Article withTopics(Article article, String... topics) {
        return article.withTopics(List.of(topics));
    }

    private static List<Article> sorted(Map<String, Article> live) {
        List<Article> out = new ArrayList<>(live.values());
        out.sort(TopicIndex.NEWEST_FIRST);
        return out;
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
