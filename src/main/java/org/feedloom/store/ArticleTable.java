package org.feedloom.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;

/**
 * The articles snapshot: the {@code article} table (every field, a content hash) and {@code article_alias} (the
 * alias keys, in order, for lookups). Static SQL over a connection the caller holds, inside its transaction.
 */
final class ArticleTable {
    private static final String COLUMNS = "key, url, aliases, title, excerpt, content, published, updated, provider, "
            + "topics, categories, images, related, author, feeds, provenance, origin, fact_category, fact_type, "
            + "fact_quality, fact_heat, fact_published";
    private static final int COLUMN_COUNT = 22;

    private ArticleTable() {}

    /**
     * Makes the snapshot equal {@code articles}: an article whose hash is unchanged is not touched, a new or changed
     * one is rewritten, one whose key is not in the list is deleted.
     *
     * @throws IllegalArgumentException if two articles have the same key
     */
    static void sync(Connection c, List<Article> articles) throws SQLException {
        Map<String, String> stored = hashes(c);
        Map<String, Article> wanted = new LinkedHashMap<>();
        for (Article a : articles) {
            if (wanted.put(a.key(), a) != null) {
                throw new IllegalArgumentException("store: two articles with key " + a.key());
            }
        }
        for (String key : stored.keySet()) {
            if (!wanted.containsKey(key)) {
                delete(c, key);
            }
        }
        for (Article a : wanted.values()) {
            Object[] row = row(a);
            String hash = hash(row, a.aliasKeys());
            if (!hash.equals(stored.get(a.key()))) {
                delete(c, a.key());
                insert(c, row, hash, a.aliasKeys());
            }
        }
    }

    /** Every article of the snapshot, newest published first, then by key. */
    static List<Article> all(Connection c) throws SQLException {
        Map<String, List<String>> aliasKeys = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT article_key, alias_key FROM article_alias ORDER BY article_key, position");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                aliasKeys.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
            }
        }
        List<Article> articles = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM article");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                articles.add(read(r, aliasKeys.getOrDefault(r.getString("key"), List.of())));
            }
        }
        articles.sort((x, y) -> {
            int byTime = y.published().compareTo(x.published());
            return byTime != 0 ? byTime : x.key().compareTo(y.key());
        });
        return articles;
    }

    private static Map<String, String> hashes(Connection c) throws SQLException {
        Map<String, String> hashes = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT key, hash FROM article");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                hashes.put(r.getString(1), r.getString(2));
            }
        }
        return hashes;
    }

    /** The column values of an article, in {@link #COLUMNS} order: strings, integers or null. */
    private static Object[] row(Article a) {
        SeedFacts f = a.facts();
        return new Object[] {a.key(), a.url(), ModelJson.strings(a.aliases()), a.title(), a.excerpt(), a.content(),
                ModelJson.instant(a.published()), ModelJson.instant(a.updated()), ModelJson.provider(a.provider()),
                ModelJson.strings(a.topics()), ModelJson.strings(a.categories()), ModelJson.images(a.images()),
                ModelJson.links(a.related()), a.author(), ModelJson.feeds(a.feeds()),
                ModelJson.strings(a.provenance()), a.origin().name(), f.category(), f.type(), f.quality(), f.heat(),
                f.published() == null ? null : f.published() ? 1 : 0};
    }

    private static void insert(Connection c, Object[] row, String hash, List<String> aliasKeys) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO article (" + COLUMNS + ", hash) VALUES ("
                + "?, ".repeat(COLUMN_COUNT) + "?)")) {
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    p.setNull(i + 1, Types.NULL);
                } else {
                    p.setObject(i + 1, row[i]);
                }
            }
            p.setString(COLUMN_COUNT + 1, hash);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO article_alias (article_key, position, alias_key) VALUES (?, ?, ?)")) {
            for (int i = 0; i < aliasKeys.size(); i++) {
                p.setString(1, (String) row[0]);
                p.setInt(2, i);
                p.setString(3, aliasKeys.get(i));
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Deletes an article; its alias keys go with it (foreign key, on delete cascade). */
    private static void delete(Connection c, String key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM article WHERE key = ?")) {
            p.setString(1, key);
            p.executeUpdate();
        }
    }

    private static Article read(ResultSet r, List<String> aliasKeys) throws SQLException {
        return new Article(r.getString("key"), r.getString("url"), aliasKeys,
                ModelJson.strings(r.getString("aliases")), r.getString("title"), r.getString("excerpt"),
                r.getString("content"), Sql.getInstant(r, "published"), Sql.getInstant(r, "updated"),
                ModelJson.provider(r.getString("provider")), ModelJson.strings(r.getString("topics")),
                ModelJson.strings(r.getString("categories")), ModelJson.images(r.getString("images")),
                ModelJson.links(r.getString("related")), r.getString("author"),
                ModelJson.feeds(r.getString("feeds")), ModelJson.strings(r.getString("provenance")),
                Origin.valueOf(r.getString("origin")), Sql.getFacts(r));
    }

    /** SHA-256 over every column value and alias key, each length-prefixed so no two rows hash alike by accident. */
    private static String hash(Object[] row, List<String> aliasKeys) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        List<Object> values = new ArrayList<>(Arrays.asList(row));
        values.addAll(aliasKeys);
        for (Object v : values) {
            String text = v == null ? "-" : (v instanceof Integer ? "i" : "s") + v.toString().length() + ":" + v;
            sha.update(text.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
