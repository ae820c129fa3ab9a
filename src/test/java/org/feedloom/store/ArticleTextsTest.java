package org.feedloom.store;

import static org.feedloom.store.Fixtures.KEEP_ALL;
import static org.feedloom.store.Fixtures.T0;
import static org.feedloom.store.Fixtures.commitFetch;
import static org.feedloom.store.Fixtures.day;
import static org.feedloom.store.Fixtures.fullItem;
import static org.feedloom.store.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.junit.jupiter.api.Test;

/**
 * Article rows that name the stored item whose texts they show ({@link ItemText}): what the snapshot reads back is
 * the article as synced, whether its texts are its own or its item's, through retention and refetches.
 */
class ArticleTextsTest extends StoreContract {
    private static final ArticleStore.Retention ONE_ITEM = new ArticleStore.Retention(100_000, 1);
    /** An item of source {@code example}, and the same item fetched again with another content. */
    private static final Item A = item("a", "Excerpt of a", "<p>Content of a</p>");
    private static final Item A_EDITED = item("a", "Excerpt of a", "<p>Content of a, edited</p>");

    /** A live item of source {@code example} with texts of its own. */
    private static Item item(String path, String excerpt, String content) {
        Item full = fullItem("https://example.com/" + path);
        return new Item(full.origin(), full.provenance(), full.urls(), full.title(), Body.of(excerpt), Body.of(content),
                full.published(), full.updated(), full.provider(), full.topics(), full.categories(), full.images(),
                full.related(), full.author(), full.feed(), full.facts(), full.webUrl(), null);
    }

    /**
     * The article of {@code key} with these texts (the merge takes them from its members: the same bodies, which say
     * where the store keeps them once it has stored their item).
     */
    private static Article article(String key, Body excerpt, Body content) {
        Article a = Fixtures.fullArticle(key, "Title of " + key);
        return new Article(a.key(), a.url(), a.aliasKeys(), a.aliases(), a.title(), excerpt, content, a.published(),
                a.updated(), a.provider(), a.topics(), a.categories(), a.images(), a.related(), a.author(), a.feeds(),
                a.provenance(), a.origin(), a.facts());
    }

    /** The article of {@code key} showing {@code member}'s excerpt and content. */
    private static Article showing(String key, Item member) {
        return article(key, member.excerptBody(), member.body());
    }

    /** A seed's mention with a content of its own (seeds are not stored as items). */
    private static Item seed(String content) {
        Item i = Item.ofFeed("seed:a.md", "https://example.com/seeded", "Seeded");
        return new Item(Origin.SEED, "seed:a.md", i.urls(), i.title(), null, Body.of(content), T0, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** How the row of {@code key} holds its texts: "source key of" when it names an item, else "own". */
    private String held(String key) throws SQLException {
        return backend().count("SELECT count(*) FROM article WHERE key = '" + key + "' AND text_source IS NULL") == 1
                ? "own" : backend().count("SELECT text_of FROM article WHERE key = '" + key + "'") + "";
    }

    @Test
    void publishedOn_readsEveryArticleOfTheDays_fromTheirFirstInstantToTheirLast_itemTextsLetGo() {
        Item a = item("a", "Excerpt of a", "<p>Content of a</p>");
        Article both = showing("example.com/a", a);
        Article own = article("example.com/own", Body.of("An excerpt of its own"), Body.of("<p>Its own words</p>"));
        long day = Math.floorDiv(T0.getEpochSecond(), 86_400L);
        Instant start = Instant.ofEpochSecond(day * 86_400L);
        List<Article> onTheDay = List.of(both, own, Fixtures.minimalArticle("example.com/first", start),
                Fixtures.minimalArticle("example.com/first-milli", start.plusMillis(1)),
                Fixtures.minimalArticle("example.com/last", start.plusSeconds(86_400).minusNanos(1)));
        List<Article> around = List.of(Fixtures.minimalArticle("example.com/before", start.minusNanos(1)),
                Fixtures.minimalArticle("example.com/after", start.plusSeconds(86_400)));
        try (JdbcStore store = open()) {
            commitFetch(store, state("example", 2), List.of(a), KEEP_ALL, T0);
            List<Article> all = new java.util.ArrayList<>(onTheDay);
            all.addAll(around);
            store.syncArticles(all);
            Map<String, Article> read = store.publishedOn(day, day).stream()
                    .collect(Collectors.toMap(Article::key, Function.identity()));
            assertEquals(onTheDay.stream().map(Article::key).collect(Collectors.toSet()), read.keySet());
            Article readBoth = read.get(both.key());
            assertFalse(readBoth.body().held() || readBoth.excerptBody().held(), "an item's texts are let go");
            for (Article expected : onTheDay) {
                Article got = read.get(expected.key());
                assertEquals(List.of(expected.url(), expected.title(), expected.published(), expected.feeds()),
                        List.of(got.url(), got.title(), got.published(), got.feeds()), expected.key());
                assertEquals(java.util.Arrays.asList(expected.excerpt(), expected.content(), expected.provider()),
                        java.util.Arrays.asList(got.excerpt(), got.content(), got.provider()), expected.key());
            }
            assertEquals(all.stream().map(Article::key).collect(Collectors.toSet()),
                    store.publishedOn(day - 1, day + 1).stream().map(Article::key).collect(Collectors.toSet()));
            assertEquals(Set.of(), Set.copyOf(store.publishedOn(day + 2, day + 40)));
        }
    }

    @Test
    void anArticleWhoseTextsAnItemRowKeeps_namesThatItem_andReadsBackAsSynced() throws SQLException {
        Item a = item("a", "Excerpt of a", "<p>" + "Long content of a. ".repeat(200) + "</p>");
        Item b = item("b", "Excerpt of b", "<p>Content of b</p>");
        Item seeded = seed("<p>A seed's own words</p>");
        Article both = showing("example.com/a", a);
        Article contentOnly = article("example.com/b", Body.of("An excerpt no member has"), b.body());
        Article seedOnly = article("example.com/seeded", null, seeded.body());
        try (JdbcStore store = open()) {
            commitFetch(store, state("example", 2), List.of(a, b), KEEP_ALL, T0);
            store.syncArticles(List.of(both, contentOnly, seedOnly));
            assertEquals(List.of(both, contentOnly, seedOnly), store.articles());
            assertEquals(Optional.of(both), store.publishedWithAliasKey(both.aliasKeys().get(1)));
        }
        assertEquals(ItemText.EXCERPT + ItemText.CONTENT + "", held(both.key()), "both texts are a's");
        assertEquals(ItemText.CONTENT + "", held(contentOnly.key()));
        assertEquals("own", held(seedOnly.key()), "a seed's text is not in an item row");
        assertEquals(0, backend().count("SELECT count(*) FROM article WHERE key = 'example.com/a' "
                + "AND (excerpt IS NOT NULL OR content IS NOT NULL)"), "the texts are not copied");
        try (JdbcStore store = open()) {
            assertEquals(List.of(both, contentOnly, seedOnly), store.articles(), "after a restart");
            assertEquals(List.of(both, contentOnly, seedOnly), store.topicPage(List.of(), 0, 10));
        }
    }

    @Test
    void aCopyWhoseExcerptAnotherCopyKeeps_namesTheItemKeepingItsContent_forBothTexts() throws SQLException {
        Item here = item("a", "Excerpt of a", "<p>Content of a</p>");
        Item there = new Item(here.origin(), "source:other", here.urls(), here.title(), Body.of(here.excerpt()),
                Body.of(here.content()), here.published(), here.updated(), here.provider(), here.topics(),
                here.categories(), here.images(), here.related(), here.author(), here.feed(), here.facts(),
                here.webUrl(), null); // the same story syndicated by a second source: the same words, kept twice
        Article shown = article("example.com/a", here.excerptBody(), there.body()); // the merge took one of each
        try (JdbcStore store = open()) {
            commitFetch(store, state("example", 1), List.of(here), KEEP_ALL, T0);
            commitFetch(store, state("other", 1), List.of(there), KEEP_ALL, T0);
            store.syncArticles(List.of(shown));
            assertEquals(List.of(shown), store.articles());
        }
        assertEquals(ItemText.EXCERPT + ItemText.CONTENT + "", held(shown.key()), "other's excerpt is the same text");
        assertEquals(1, backend().count("SELECT count(*) FROM article WHERE key = 'example.com/a' "
                + "AND text_source = 'other' AND excerpt IS NULL AND content IS NULL"), "named, not copied");
    }

    @Test
    void committedTexts_letGo_readBackFromTheirRows_oneByOneOrAllAtOnce() {
        Item a = item("a", "Excerpt of a", "<p>Content of a</p>"); // not A: its bodies are let go here
        Item b = item("b", "Excerpt of b", "<p>Content of b</p>");
        try (JdbcStore store = open()) {
            List<Item> stored = commitFetch(store, state("example", 2), List.of(a, b), KEEP_ALL, T0);
            List<Body> bodies = new java.util.ArrayList<>();
            stored.forEach(i -> {
                bodies.add(i.excerptBody());
                bodies.add(i.body());
            });
            bodies.forEach(Body::release);
            bodies.forEach(x -> assertEquals(false, x.held()));
            assertEquals(List.of("Excerpt of a", "<p>Content of a</p>", "Excerpt of b", "<p>Content of b</p>"),
                    bodies.stream().map(Body::text).toList(), "one by one");
            Map<Body, String> all = Body.readAll(bodies);
            assertEquals(List.of("Excerpt of a", "<p>Content of a</p>", "Excerpt of b", "<p>Content of b</p>"),
                    bodies.stream().map(all::get).toList(), "at once");
            commitFetch(store, state("example", 1), List.of(item("a", "Excerpt of a", "<p>Content of a, edited</p>")),
                    ONE_ITEM, day(1));
            Body aContent = bodies.get(1);
            assertEquals("<p>Content of a, edited</p>", aContent.text(), "a row written again: its newer text");
            assertEquals(null, bodies.get(3).text(), "a row deleted by retention: nothing");
            assertEquals(java.util.Set.of(bodies.get(0), aContent), Body.readAll(bodies).keySet());
        }
    }

    @Test
    void anItemThatRetentionDeletes_handsItsTextsToTheRowsThatNameIt() throws SQLException {
        Article shown = showing("example.com/a", A);
        try (JdbcStore store = open()) {
            commitFetch(store, state("example", 1), List.of(A), ONE_ITEM, T0);
            store.syncArticles(List.of(shown));
            assertEquals("3", held(shown.key()));
            Item newer = Fixtures.item("https://example.com/newer", day(1));
            assertEquals(List.of(newer), commitFetch(store, state("example", 1), List.of(newer), ONE_ITEM, day(1)),
                    "the cap of one item deleted a");
            assertEquals("own", held(shown.key()));
            assertEquals(List.of(shown), store.articles(), "the article keeps the texts its row showed");
        }
        try (JdbcStore store = open()) {
            assertEquals(List.of(shown), store.articles(), "after a restart");
        }
    }

    @Test
    void anItemFetchedAgainWithOtherTexts_handsTheOldOnesToItsRows_untilTheNextSyncNamesItAgain() throws SQLException {
        Article before = showing("example.com/a", A);
        Article after = showing("example.com/a", A_EDITED);
        try (JdbcStore store = open()) {
            commitFetch(store, state("example", 1), List.of(A), KEEP_ALL, T0);
            store.syncArticles(List.of(before));
            commitFetch(store, state("example", 1), List.of(A), KEEP_ALL, day(1));
            assertEquals("3", held(before.key()), "the same texts fetched again: still named");
            commitFetch(store, state("example", 1), List.of(A_EDITED), KEEP_ALL, day(2));
            assertEquals(List.of(A_EDITED), store.load().sourceItems().get("example"), "updated in place");
            assertEquals("own", held(before.key()));
            assertEquals(List.of(before), store.articles(), "the row shows what it was synced with");
            store.syncArticles(List.of(after));
            assertEquals(List.of(after), store.articles());
            assertEquals("3", held(after.key()));
            assertEquals(StoredItem.aliasKeys(A_EDITED).size(), backend().count("SELECT count(*) FROM item_alias "
                    + "WHERE source_id = 'example' AND key = 'example.com/a'"), "its alias keys, once each");
        }
    }

    @Test
    void aSyncFromAMergeThatReadAnItemSinceChanged_copiesTheTextItSynced() throws SQLException {
        Article merged = showing("example.com/a", A); // merged before the edit was committed
        try (JdbcStore store = open()) {
            commitFetch(store, state("example", 1), List.of(A), KEEP_ALL, T0);
            commitFetch(store, state("example", 1), List.of(A_EDITED), KEEP_ALL, day(1));
            store.syncArticles(List.of(merged));
            assertEquals(ItemText.EXCERPT + "", held(merged.key()), "the excerpt is still the item's, the content not");
            assertEquals(List.of(merged), store.articles());
        }
    }

    @Test
    void aMemberThatIsNotStored_orNotListed_leavesTheRowItsOwnTexts() throws SQLException {
        Item other = item("other", "Excerpt of other", "<p>Content of other</p>");
        Article shown = showing("example.com/a", A);
        Article unstored = showing("example.com/other", other);
        try (JdbcStore store = open()) {
            commitFetch(store, state("example", 1), List.of(A), KEEP_ALL, T0);
            // the merge read "other" before retention deleted it, or it was never committed: nothing to name
            // a member whose key the article does not list: not named (a deletion finds the rows by alias key)
            Article unlisted = showing("example.com/unlisted", A);
            store.syncArticles(List.of(shown, unstored, unlisted));
            assertEquals("3", held(shown.key()));
            assertEquals("own", held(unstored.key()));
            assertEquals("own", held(unlisted.key()));
            assertEquals(List.of(shown, unstored, unlisted), store.articles());
        }
    }
}
