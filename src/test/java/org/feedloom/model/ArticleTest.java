package org.feedloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    private static final String KEY = "gazette.example/bridge";
    private static final String URL = "https://gazette.example/bridge";

    private static Article article(List<String> topics, List<String> provenance) {
        return article(List.of(KEY), List.of(URL), topics, provenance);
    }

    private static Article article(List<String> aliasKeys, List<String> aliases, List<String> topics,
                                   List<String> provenance) {
        return new Article(KEY, URL, aliasKeys, aliases, "Harbour bridge to close",
                null, null, T, T, null, topics, List.of(), List.of(), List.of(new Link("https://council.example/m",
                        "Council minutes")), null, List.of(), provenance, Origin.FEED, SeedFacts.NONE);
    }

    /** What an article holds in its field {@code name} (not what its accessor gives). */
    private static Object held(Article a, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field f = Article.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(a);
    }

    @Test
    void anArticleOfOneUrl_holdsNoListOfItOrItsKey_andGivesThemAsBefore() throws ReflectiveOperationException {
        Article one = article(List.of(), List.of("seed:harbour"));
        Article again = article(new ArrayList<>(List.of(KEY)), new ArrayList<>(List.of(URL)), List.of(),
                List.of("seed:harbour"));

        assertNull(held(one, "aliasKeys"));
        assertNull(held(one, "aliases"));
        assertEquals(List.of(KEY), one.aliasKeys());
        assertEquals(List.of(URL), one.aliases());
        assertSame(one.key(), one.aliasKeys().get(0));
        assertEquals(one, again);
        assertEquals(one.hashCode(), again.hashCode());
        assertNull(held(one.withTopics(List.of("Transport")), "aliases"));
        assertEquals(List.of(URL), one.withTopics(List.of("Transport")).aliases());
    }

    @Test
    void anArticleWhoseLinkIsItsKeyInAUsualForm_holdsNoTextOfIt_andComparesAsBefore()
            throws ReflectiveOperationException {
        Article one = article(List.of(), List.of("seed:harbour"));
        Article copy = one.withTopics(List.of("Transport"));
        Article slashed = new Article(KEY, URL + "/", List.of(KEY), List.of(URL + "/"), "Harbour bridge to close", null,
                null, T, T, null, List.of(), List.of(), List.of(), List.of(), null, List.of(), List.of("seed:harbour"),
                Origin.FEED, SeedFacts.NONE);
        Article tracked = new Article(KEY, URL + "?ref=rss", List.of(KEY), List.of(URL + "?ref=rss"),
                "Harbour bridge to close", null, null, T, T, null, List.of(), List.of(), List.of(), List.of(), null,
                List.of(), List.of("seed:harbour"), Origin.FEED, SeedFacts.NONE);

        assertNotEquals(URL, held(one, "url"));
        assertEquals(URL, one.url());
        assertEquals(URL, copy.url());
        assertEquals(URL + "/", slashed.url());
        assertEquals(List.of(URL + "/"), slashed.aliases());
        assertEquals(URL + "?ref=rss", held(tracked, "url"));
        assertEquals(URL + "?ref=rss", tracked.url());
        assertNotEquals(one.withRelated(List.of()), slashed);
        assertEquals(slashed, new Article(KEY, new String(URL + "/"), List.of(KEY), List.of(URL + "/"),
                "Harbour bridge to close", null, null, T, T, null, List.of(), List.of(), List.of(), List.of(), null,
                List.of(), List.of("seed:harbour"), Origin.FEED, SeedFacts.NONE));
        assertEquals("https://gazette.example/bridge/", slashed.toString().replaceAll(".*url=([^,]*),.*", "$1"));
    }

    @Test
    void anArticleOfSeveralUrls_orOfAnotherOne_keepsItsLists() throws ReflectiveOperationException {
        Article one = article(List.of(), List.of("seed:harbour"));
        Article amp = article(List.of(KEY, "gazette.example/amp/bridge"),
                List.of(URL, "https://gazette.example/amp/bridge"), List.of(), List.of("seed:harbour"));
        Article moved = article(List.of("gazette.example/old-bridge"), List.of("https://gazette.example/old-bridge"),
                List.of(), List.of("seed:harbour"));

        assertNotNull(held(amp, "aliasKeys"));
        assertEquals(List.of(URL, "https://gazette.example/amp/bridge"), amp.aliases());
        assertEquals(List.of("gazette.example/old-bridge"), moved.aliasKeys());
        assertEquals(List.of("https://gazette.example/old-bridge"), moved.aliases());
        assertNotEquals(one, amp);
        assertNotEquals(one, moved);
        assertEquals(amp.aliases(), amp.withTopics(List.of("Transport")).aliases());
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
