package org.feedloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server holds every article twice over, as merged and as shown (topics assigned, coverage linked): a copy that
 * changes nothing is the article itself, and a copy that changes something shares the rest, so the second holding
 * costs nothing for most articles.
 */
class ArticleTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    private static Article article(List<String> topics, List<String> provenance) {
        return new Article("gazette.example/bridge", "https://gazette.example/bridge",
                List.of("gazette.example/bridge"), List.of("https://gazette.example/bridge"), "Harbour bridge to close",
                null, null, T, T, null, topics, List.of(), List.of(), List.of(new Link("https://council.example/m",
                        "Council minutes")), null, List.of(), provenance, Origin.FEED, SeedFacts.NONE);
    }

    @Test
    void aCopyThatChangesNothing_isTheArticleItself() {
        Article a = article(List.of("Transport"), List.of("seed:harbour", "source:gazette"));

        assertSame(a, a.withTopics(new ArrayList<>(List.of("Transport"))));
        assertSame(a, a.withRelated(new ArrayList<>(a.related())));
    }

    @Test
    void aCopyThatChangesSomething_sharesTheProvenance() {
        Article a = article(List.of(), List.of("seed:harbour", "source:gazette"));

        Article shown = a.withTopics(List.of("Transport"));
        Article linked = a.withRelated(List.of());

        assertNotSame(a, shown);
        assertEquals(List.of("Transport"), shown.topics());
        assertEquals(List.of(), linked.related());
        assertSame(a.provenance(), shown.provenance());
        assertSame(a.provenance(), linked.provenance());
    }

    @Test
    void provenance_isSortedAndDistinct_whateverOrderItComesIn() {
        assertEquals(List.of("seed:harbour", "source:gazette", "source:wire"),
                article(List.of(), List.of("source:wire", "seed:harbour", "source:gazette", "source:wire"))
                        .provenance());
        assertEquals(List.of("a", "b"), article(List.of(), List.of("b", "a")).provenance());
        assertEquals(List.of("a"), article(List.of(), List.of("a", "a")).provenance());
    }
}
