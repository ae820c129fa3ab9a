package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.feedloom.model.Article;

/**
 * The articles snapshot read through its indexes ({@link ArticleTable} writes it): a page of a topic as a range of
 * {@code article_topic}, where each page starts, how many a topic lists, the newest of every topic, the article of an
 * alias key; each read a few statements, whatever the snapshot's size. Static SQL over a connection the caller holds,
 * inside its transaction.
 */
final class TopicPages {
    /**
     * Every topic name of the topic index, each once: one index lookup per name (the next name after the last),
     * where {@code SELECT DISTINCT} reads every row, which is every article a few times over, at start-up.
     */
    private static final String TOPIC_NAMES = """
            WITH RECURSIVE name (topic) AS (
                SELECT min(topic) FROM article_topic
                UNION ALL
                SELECT (SELECT min(topic) FROM article_topic WHERE topic > name.topic) FROM name
                WHERE name.topic IS NOT NULL)
            SELECT topic FROM name WHERE topic IS NOT NULL""";

    /** The topic index's order, the feeds' (as {@code TopicIndex.NEWEST_FIRST}). */
    private static final String ORDER = "updated DESC, published DESC, article_key";

    private TopicPages() {}

    /**
     * The newest {@code perTopic} articles of every topic and of all articles together, each once, in no particular
     * order: what the first page of every topic shows, without reading the whole snapshot.
     */
    static List<Article> newest(Connection c, int perTopic) throws SQLException {
        List<String> topics = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(TOPIC_NAMES);
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                topics.add(r.getString(1));
            }
        }
        Set<String> keys = new LinkedHashSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT article_key FROM article_topic WHERE topic = ? "
                + "ORDER BY " + ORDER + " LIMIT ?")) {
            for (String topic : topics) {
                p.setString(1, topic);
                p.setInt(2, perTopic);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        keys.add(r.getString(1));
                    }
                }
            }
        }
        return byKeys(c, keys);
    }

    /** The article one of whose alias keys is {@code aliasKey}, if any. */
    static Optional<Article> withAliasKey(Connection c, String aliasKey) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT article_key FROM article_alias WHERE alias_key = ? ORDER BY article_key LIMIT 1")) {
            p.setString(1, aliasKey);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? byKeys(c, List.of(r.getString(1))).stream().findFirst() : Optional.empty();
            }
        }
    }

    /**
     * The articles of {@code keys} that the snapshot holds, in the order of {@code keys}: a page's in one pair of
     * statements ({@link Sql#KEYS_AT_ONCE} keys each; two a key before: about a hundred statements a page).
     */
    private static List<Article> byKeys(Connection c, Collection<String> keys) throws SQLException {
        List<String> wanted = List.copyOf(keys);
        Map<String, Article> found = ArticleTable.byKeys(c, wanted);
        List<Article> articles = new ArrayList<>(wanted.size());
        for (String key : wanted) {
            Article a = found.get(key);
            if (a != null) {
                articles.add(a);
            }
        }
        return articles;
    }

    /**
     * The articles listed under any of {@code topics} ({@link ArticleTable#ALL} for all articles), newest first (by
     * updated, then published, then key, as {@code TopicIndex.NEWEST_FIRST}), from position {@code offset}, at most
     * {@code limit}; an article under several of the names counts once.
     */
    static List<Article> page(Connection c, List<String> topics, int offset, int limit) throws SQLException {
        return byKeys(c, pageKeys(c, topics, offset, limit));
    }

    /** How many articles are listed under any of {@code topics}, each once. */
    static int count(Connection c, List<String> topics) throws SQLException {
        try (PreparedStatement p = c.prepareStatement((topics.size() == 1 ? "SELECT count(*)"
                : "SELECT count(DISTINCT article_key)") + " FROM article_topic WHERE " + in(topics))) {
            Sql.setStrings(p, 1, topics);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    /** How many articles each topic name of the index lists (all articles' own entry left out). */
    static Map<String, Integer> nameCounts(Connection c) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT topic, count(*) FROM article_topic WHERE topic <> ? GROUP BY topic")) {
            p.setString(1, ArticleTable.ALL);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return counts;
    }

    /**
     * The keys of a page of the articles listed under any of {@code topics}. Under one name, a range of the topic
     * index's key (in the feeds' order since schema migration 5); under several, each article once.
     */
    private static List<String> pageKeys(Connection c, List<String> topics, int offset, int limit)
            throws SQLException {
        List<String> keys = new ArrayList<>(limit);
        try (PreparedStatement p = c.prepareStatement("SELECT " + (topics.size() == 1 ? "" : "DISTINCT ")
                + "updated, published, article_key FROM article_topic WHERE " + in(topics)
                + " ORDER BY " + ORDER + " LIMIT ? OFFSET ?")) {
            Sql.setStrings(p, 1, topics);
            p.setInt(topics.size() + 1, limit);
            p.setInt(topics.size() + 2, offset);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    keys.add(r.getString(3));
                }
            }
        }
        return keys;
    }

    /**
     * Where each page of {@code size} of the articles listed under any of {@code topics} starts, in order (page 1's
     * first article, page 2's, ...): the topic index numbered in one pass inside the database, every
     * {@code size}-th row kept.
     */
    static List<TopicPosition> pageStarts(Connection c, List<String> topics, int size) throws SQLException {
        List<TopicPosition> starts = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT updated, published, article_key FROM (SELECT updated, "
                + "published, article_key, row_number() OVER (ORDER BY " + ORDER + ") AS n FROM (SELECT DISTINCT "
                + "updated, published, article_key FROM article_topic WHERE " + in(topics) + ") listed) numbered "
                + "WHERE (n - 1) % ? = 0 ORDER BY n")) {
            Sql.setStrings(p, 1, topics);
            p.setInt(topics.size() + 1, size);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    starts.add(new TopicPosition(r.getLong(1), r.getLong(2), r.getString(3)));
                }
            }
        }
        return starts;
    }

    /**
     * At most {@code limit} of the articles listed under any of {@code topics}, from {@code from} on (it included), in
     * the topic index's order: a range of the index under one name, found by its key, whatever the page's depth.
     */
    static List<Article> pageFrom(Connection c, List<String> topics, TopicPosition from, int limit)
            throws SQLException {
        List<String> keys = new ArrayList<>(limit);
        try (PreparedStatement p = c.prepareStatement("SELECT " + (topics.size() == 1 ? "" : "DISTINCT ")
                + "updated, published, article_key FROM article_topic WHERE " + in(topics) + " AND updated <= ? "
                + "AND (updated < ? OR published < ? OR published = ? AND article_key >= ?) ORDER BY " + ORDER
                + " LIMIT ?")) { // "updated <= ?" first: the index is entered there (with an OR alone it is read
                                 // from its start: 13 ms against 0.05 for a deep page of 100,000 articles)
            Sql.setStrings(p, 1, topics);
            int i = topics.size();
            p.setLong(++i, from.updated());
            p.setLong(++i, from.updated());
            p.setLong(++i, from.published());
            p.setLong(++i, from.published());
            p.setString(++i, from.articleKey());
            p.setInt(++i, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    keys.add(r.getString(3));
                }
            }
        }
        return byKeys(c, keys);
    }

    private static String in(List<String> topics) {
        return "topic IN (" + Sql.marks(topics.size()) + ")";
    }
}
