package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQLite file written by an earlier version, upgraded in place (the portable migration tests: MigrationsTest). */
class SqliteMigrationsTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("feedloom.db");
    }

    private static Clock at(int day) {
        return Clock.fixed(Fixtures.day(day), ZoneOffset.UTC);
    }

    private List<String> versions() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = Fixtures.side(db()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version FROM schema_version ORDER BY 1")) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    /** The rows of the topic index, in the order a query for the feeds' order gives them. */
    private List<String> topicRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = Fixtures.side(db()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT topic, updated, published, article_key FROM article_topic "
                     + "ORDER BY topic, updated DESC, published DESC, article_key")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getLong(2) + " " + r.getLong(3) + " " + r.getString(4));
            }
        }
        return rows;
    }

    /** Each stored article's excerpt and content, by key. */
    private Map<String, String> texts() throws SQLException {
        return texts("SELECT key, excerpt, content FROM article");
    }

    /** The texts {@code sql} reads, by key: its rows' key, excerpt and content, the texts joined by " | ". */
    private Map<String, String> texts(String sql) throws SQLException {
        Map<String, String> texts = new java.util.TreeMap<>();
        try (Connection c = Fixtures.side(db()); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                texts.put(r.getString(1), r.getString(2) + " | " + r.getString(3));
            }
        }
        return texts;
    }

    /** SQLite's plan for a page of a topic in the feeds' order. */
    private String pagePlan() throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = Fixtures.side(db()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("EXPLAIN QUERY PLAN SELECT article_key FROM article_topic WHERE topic = 'AI' "
                     + "ORDER BY updated DESC, published DESC, article_key LIMIT 5")) {
            while (r.next()) {
                plan.append(r.getString(4)).append('\n');
            }
        }
        return plan.toString();
    }

    @Test
    void aStoreWrittenAtVersion4_isUpgradedInPlace_itsTopicIndexKeyedInTheFeedsOrder() throws Exception {
        java.nio.file.Files.copy(Path.of(getClass().getResource("/store/feedloom-schema4.db").toURI()), db());
        List<String> before = topicRows();
        Map<String, String> texts = texts();
        assertEquals(33, before.size(), "the fixture: the five seeds' 18 articles under all and their topics");
        assertTrue(pagePlan().contains("TEMP B-TREE"), "version 4 sorts a page's ties: " + pagePlan());
        List<Article> published;
        try (SqliteStore store = SqliteStore.open(db(), Migrations.ALL, at(1))) {
            assertEquals(Migrations.latest(), versions().size());
            assertEquals(before, topicRows(), "every row kept");
            published = store.articles();
            assertEquals(18, published.size());
            assertEquals(texts, published.stream().collect(java.util.stream.Collectors.toMap(Article::key,
                    a -> a.excerpt() + " | " + a.content())), "the rows keep their own texts");
            List<Article> ai = published.stream().filter(a -> a.topics().contains("AI"))
                    .sorted(org.feedloom.topic.TopicIndex.NEWEST_FIRST).toList();
            assertEquals(ai, store.topicPage(List.of("AI"), 0, 50));
            assertEquals(ai.size(), store.topicCount(List.of("AI")));
            store.syncArticles(published.subList(1, published.size()));
            assertEquals(17, store.topicCount(List.of()), "the cascade from article to its rows still holds");
        }
        assertTrue(!pagePlan().contains("TEMP B-TREE"), "a page is a range of the key: " + pagePlan());
    }

    /** Each stored item's excerpt and content, by source and key. */
    private Map<String, String> itemTexts() throws SQLException {
        return texts("SELECT source_id || ' ' || key, excerpt, content FROM item");
    }

    /**
     * The fixture: the store `feedloom export` wrote at version 13 for the five seeds and three feeds of the test
     * corpus's real-world captures (TechCrunch, Sam Ruby's and Tender Lovemaking's), 50 items, 68 articles, 50 of
     * whose rows name an item for their texts.
     */
    @Test
    void aStoreWrittenAtVersion13_measuresItsItemsTexts_andReadsItsArchiveBackWithoutThem() throws Exception {
        java.nio.file.Files.copy(Path.of(getClass().getResource("/store/feedloom-schema13.db").toURI()), db());
        Map<String, String> items = itemTexts();
        Map<String, String> texts = shownTexts();
        assertEquals(50, items.size());
        assertEquals(50, Fixtures.count(db(), "SELECT count(*) FROM article WHERE text_of IS NOT NULL"));
        List<Article> published;
        try (SqliteStore store = SqliteStore.open(db(), Migrations.ALL, at(1))) {
            assertEquals(Migrations.latest(), versions().size());
            Map<String, String> loaded = new java.util.TreeMap<>();
            store.load().sourceItems().forEach((source, list) -> list.forEach(i -> {
                String key = source + " " + StoredItem.keyOf(i);
                assertTrue((i.excerptBody() == null || !i.excerptBody().held()) && !i.body().held(),
                        key + ": read without its texts");
                loaded.put(key, i.excerpt() + " | " + i.content());
                String[] stored = items.get(key).split(" \\| ", -1);
                assertEquals(stored[0].equals("null") ? null : Body.of(stored[0]), i.excerptBody(), key);
                assertEquals(stored[1].equals("null") ? null : Body.of(stored[1]), i.body(), key);
            }));
            assertEquals(items, loaded, "every item's texts, read back from its row");
            published = store.articles();
            assertEquals(texts, published.stream().collect(java.util.stream.Collectors.toMap(Article::key,
                    a -> a.excerpt() + " | " + a.content())), "the articles' rows, as before");
            store.syncArticles(published); // written once more: a row's hash is now over its texts' hashes
        }
        String hashes = articleHashes();
        try (SqliteStore store = SqliteStore.open(db(), Migrations.ALL, at(2))) {
            store.syncArticles(store.articles());
            assertEquals(hashes, articleHashes(), "a row read back and synced is unchanged");
            assertEquals(texts, store.articles().stream().collect(java.util.stream.Collectors.toMap(Article::key,
                    a -> a.excerpt() + " | " + a.content())));
        }
    }

    /** Each stored article's excerpt and content as its row shows them: its own, or those of the item it names. */
    private Map<String, String> shownTexts() throws SQLException {
        return texts("SELECT a.key, CASE WHEN a.text_of IN (1, 3) THEN i.excerpt ELSE a.excerpt END, "
                + "CASE WHEN a.text_of IN (2, 3) THEN i.content ELSE a.content END FROM article a LEFT JOIN item i "
                + "ON i.source_id = a.text_source AND i.key = a.text_key");
    }

    /** Every article row's key and hash, in key order. */
    private String articleHashes() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = Fixtures.side(db()); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT key, hash FROM article ORDER BY key")) {
            while (r.next()) {
                out.append(r.getString(1)).append(' ').append(r.getString(2)).append('\n');
            }
        }
        return out.toString();
    }
}
