package org.feedloom.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Origin;
import org.feedloom.model.Topic;
import org.feedloom.model.TopicRule;
import org.junit.jupiter.api.Test;

/** Issue 11: a topic's configured {@code slug:} names it everywhere, whatever spelling gave an article the topic. */
class TopicSlugsTest {
    static final TopicRule QUANTUM = new TopicRule("Quantum Computing", "quantum", List.of("QC"), List.of("qubit"), List.of());
    static final TopicRule AI = new TopicRule("AI", null, List.of(), List.of(), List.of());

    static Article article(String key, String title, Instant at, String... topics) {
        return new Article(key, "https://" + key, List.of(key), List.of("https://" + key), title, null, null, at, at,
                null, List.of(topics), List.of(), List.of(), List.of(), null, List.of(), List.of("seed:" + key),
                Origin.SEED, null);
    }

    static Catalog catalog(TopicIndex index, Article... articles) {
        List<Article> assigned = new ArrayList<>();
        for (Article a : articles) {
            assigned.add(index.assign(a));
        }
        return index.catalog(1, assigned);
    }

    @Test
    void configuredSlug_namesTheTopic_whateverSpellingGaveAnArticleIt() {
        TopicIndex index = new TopicIndex(List.of(QUANTUM, AI));
        Catalog catalog = catalog(index,
                article("a.example/1", "One", Instant.parse("2024-01-05T00:00:00Z"), "Quantum Computing"),
                article("a.example/2", "Two", Instant.parse("2024-01-04T00:00:00Z"), "quantum computing"),
                article("a.example/3", "Three", Instant.parse("2024-01-03T00:00:00Z"), "Quantum-Computing!"),
                article("a.example/4", "Four", Instant.parse("2024-01-02T00:00:00Z"), "QC"),
                article("a.example/5", "A qubit story", Instant.parse("2024-01-01T00:00:00Z")),
                article("a.example/6", "Six", Instant.parse("2023-12-31T00:00:00Z"), "Quantum"));

        assertEquals(List.of(new Topic("all", "All articles"), new Topic("ai", "AI"),
                new Topic("quantum", "Quantum Computing")), catalog.topics());
        assertEquals(6, catalog.articlesOf("quantum").size());
        for (Article a : catalog.articlesOf("quantum")) {
            assertEquals(List.of("Quantum Computing"), a.topics(), a.key() + ": the rule's name is shown");
        }
    }

    @Test
    void configuredSlug_givesTheNameAndAliasSlugs_asFormerSlugsOfTheTopic() {
        TopicIndex index = new TopicIndex(List.of(QUANTUM, AI));
        Catalog catalog = catalog(index, article("a.example/1", "One", Instant.parse("2024-01-05T00:00:00Z"), "QC"));

        for (String name : List.of("QC", "qc", "Quantum Computing", "QUANTUM COMPUTING", "Quantum", "quantum")) {
            assertEquals("quantum", index.slugOf(name), name);
        }
        assertEquals("ai", index.slugOf("ai"));
        assertEquals("quantum", catalog.slugOf("Quantum Computing"), "the name the article carries after assign");
        assertEquals(java.util.Optional.of("quantum"), catalog.movedTo("quantum-computing"));
        assertEquals(java.util.Optional.of("quantum"), catalog.movedTo("qc"));
        assertEquals(java.util.Optional.empty(), catalog.movedTo("quantum"));
        assertEquals(java.util.Optional.empty(), catalog.movedTo("ai"));
        assertTrue(catalog.topic("quantum-computing").isEmpty());
    }

    @Test
    void freeFormTopic_withoutARule_keepsTheSlugOfItsName() {
        TopicIndex index = new TopicIndex(List.of(QUANTUM));
        Catalog catalog = catalog(index,
                article("a.example/1", "One", Instant.parse("2024-01-05T00:00:00Z"), "Robotics & Drones"));

        assertEquals(new Topic("robotics-drones", "Robotics & Drones"), catalog.topic("robotics-drones").orElseThrow());
        assertEquals("robotics-drones", catalog.slugOf("Robotics & Drones"));
    }
}
