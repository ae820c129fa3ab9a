package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedloom.canonical.MergeState;
import org.feedloom.model.Article;
import org.feedloom.model.Item;

/**
 * The {@link MergeState} in the database: {@code merged_article} (every merged article, its alias keys, the alias
 * keys its members name as related links, its members as JSON, its anchors as 8-byte integers), {@code merged_alias}
 * (alias key to article), {@code merged_reference} (alias key to the articles naming it as a related link) and
 * {@code merged_anchor} (anchor to the articles whose texts have it). Statements over a
 * connection the caller holds, inside its transaction; an SQL failure is a {@link StoreException}, which rolls
 * the caller's transaction back. Articles and their members read are remembered until {@link #close()}, so a change
 * reads each once. Not thread-safe.
 */
final class StoredMergeState implements MergeState, AutoCloseable {
    private static final String SELECT = "SELECT " + ArticleTable.COLUMNS + ", alias_keys FROM merged_article ";

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** Articles read or put in this transaction, by key; a null value is an article known not to exist. */
    private final Map<String, Article> read = new HashMap<>();
    /** Members read or put in this transaction, by article key (a change reads an article's members several times). */
    private final Map<String, List<Item>> readMembers = new HashMap<>();

    StoredMergeState(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Article article(String key) {
        if (read.containsKey(key)) {
            return read.get(key);
        }
        Article a = one(statement(SELECT + "WHERE key = ?"), key);
        read.put(key, a);
        return a;
    }

    @Override
    public Article ownerOf(String aliasKey) {
        String key = text(statement("SELECT article_key FROM merged_alias WHERE alias_key = ?"), aliasKey);
        return key == null ? null : article(key);
    }

    @Override
    public List<Item> members(String articleKey) {
        return readMembers.computeIfAbsent(articleKey, key -> {
            String json = text(statement("SELECT members FROM merged_article WHERE key = ?"), key);
            return json == null ? List.of() : ModelJson.items(json);
        });
    }

    @Override
    public long[] anchors(String articleKey) {
        try {
            PreparedStatement p = statement("SELECT anchors FROM merged_article WHERE key = ?");
            p.setString(1, articleKey);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Sql.longs(r.getBytes(1)) : new long[0];
            }
        } catch (SQLException e) {
            throw failed("reading the anchors of " + articleKey, e);
        }
    }

    @Override
    public Set<String> referrers(String aliasKey) {
        return articleKeys("SELECT article_key FROM merged_reference WHERE alias_key = ?", aliasKey,
                "reading related references");
    }

    @Override
    public Set<String> anchoredBy(long anchor, int limit) {
        return articleKeys("SELECT article_key FROM merged_anchor WHERE anchor = ? LIMIT " + (limit + 1), anchor,
                "reading the anchor index");
    }

    /** The article keys {@code sql} selects for {@code value}, in order. */
    private Set<String> articleKeys(String sql, Object value, String what) {
        try {
            PreparedStatement p = statement(sql);
            p.setObject(1, value);
            Set<String> keys = new LinkedHashSet<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    keys.add(r.getString(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    @Override
    public void remove(String articleKey) {
        Article old = article(articleKey);
        if (old == null) {
            return;
        }
        try {
            PreparedStatement held = statement("SELECT related_keys, anchors FROM merged_article WHERE key = ?");
            held.setString(1, articleKey);
            String related;
            long[] anchors;
            try (ResultSet r = held.executeQuery()) { // one read of what the article's removal must undo
                r.next();
                related = r.getString(1);
                anchors = Sql.longs(r.getBytes(2));
            }
            for (String target : ModelJson.strings(related)) {
                update("DELETE FROM merged_reference WHERE alias_key = ? AND article_key = ?", target, articleKey);
            }
            for (String aliasKey : old.aliasKeys()) {
                update("DELETE FROM merged_alias WHERE alias_key = ?", aliasKey);
            }
            PreparedStatement unanchor = statement("DELETE FROM merged_anchor WHERE anchor = ? AND article_key = ?");
            for (long anchor : anchors) {
                unanchor.setLong(1, anchor);
                unanchor.setString(2, articleKey);
                unanchor.executeUpdate();
            }
            update("DELETE FROM merged_article WHERE key = ?", articleKey);
            read.put(articleKey, null);
            readMembers.put(articleKey, List.of());
        } catch (SQLException e) {
            throw failed("removing article " + articleKey, e);
        }
    }

    @Override
    public void put(Article article, List<Item> members, Set<String> relatedKeys, long[] anchors) {
        try {
            PreparedStatement p = statement("INSERT INTO merged_article (" + ArticleTable.COLUMNS
                    + ", alias_keys, related_keys, members, anchors) VALUES ("
                    + "?, ".repeat(ArticleTable.COLUMN_COUNT + 3) + "?)");
            ArticleTable.bind(p, ArticleTable.row(article));
            p.setString(ArticleTable.COLUMN_COUNT + 1, ModelJson.strings(article.aliasKeys()));
            p.setString(ArticleTable.COLUMN_COUNT + 2, ModelJson.strings(List.copyOf(relatedKeys)));
            p.setString(ArticleTable.COLUMN_COUNT + 3, ModelJson.items(members));
            p.setBytes(ArticleTable.COLUMN_COUNT + 4, Sql.bytes(anchors));
            p.executeUpdate();
            PreparedStatement anchor = statement("INSERT INTO merged_anchor (anchor, article_key) VALUES (?, ?)");
            for (long a : anchors) {
                anchor.setLong(1, a);
                anchor.setString(2, article.key());
                anchor.executeUpdate();
            }
            for (String aliasKey : article.aliasKeys()) {
                update("INSERT INTO merged_alias (alias_key, article_key) VALUES (?, ?)", aliasKey, article.key());
            }
            for (String target : relatedKeys) {
                update("INSERT INTO merged_reference (alias_key, article_key) VALUES (?, ?)", target, article.key());
            }
            read.put(article.key(), article);
            readMembers.put(article.key(), List.copyOf(members));
        } catch (SQLException e) {
            throw failed("writing article " + article.key(), e);
        }
    }

    @Override
    public int size() {
        try (PreparedStatement p = connection.prepareStatement("SELECT count(*) FROM merged_article");
             ResultSet r = p.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            throw failed("counting articles", e);
        }
    }

    @Override
    public boolean isEmpty() {
        try (PreparedStatement p = connection.prepareStatement("SELECT 1 FROM merged_article LIMIT 1");
             ResultSet r = p.executeQuery()) {
            return !r.next();
        } catch (SQLException e) {
            throw failed("looking for articles", e);
        }
    }

    @Override
    public List<Article> articles() {
        try (PreparedStatement p = connection.prepareStatement(SELECT + "ORDER BY key");
             ResultSet r = p.executeQuery()) {
            List<Article> all = new ArrayList<>();
            while (r.next()) {
                all.add(read(r));
            }
            return all;
        } catch (SQLException e) {
            throw failed("reading articles", e);
        }
    }

    @Override
    public List<String> keys() {
        try (PreparedStatement p = connection.prepareStatement("SELECT key FROM merged_article ORDER BY key")) {
            return Sql.rows(p, r -> r.getString(1));
        } catch (SQLException e) {
            throw failed("reading article keys", e);
        }
    }

    /** Closes the prepared statements. */
    @Override
    public void close() {
        for (PreparedStatement p : statements.values()) {
            try {
                p.close();
            } catch (SQLException e) {
                // closing a statement of a connection that stays open: nothing to keep
            }
        }
        statements.clear();
    }

    private PreparedStatement statement(String sql) {
        return statements.computeIfAbsent(sql, s -> {
            try {
                return connection.prepareStatement(s);
            } catch (SQLException e) {
                throw failed("preparing " + s, e);
            }
        });
    }

    private Article one(PreparedStatement p, String key) {
        try {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? read(r) : null;
            }
        } catch (SQLException e) {
            throw failed("reading article " + key, e);
        }
    }

    private static String text(PreparedStatement p, String key) {
        try {
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw failed("reading " + key, e);
        }
    }

    private void update(String sql, String... values) throws SQLException {
        PreparedStatement p = statement(sql);
        for (int i = 0; i < values.length; i++) {
            p.setString(i + 1, values[i]);
        }
        p.executeUpdate();
    }

    private static Article read(ResultSet r) throws SQLException {
        return ArticleTable.read(r, ModelJson.strings(r.getString("alias_keys")));
    }

    private static StoreException failed(String what, SQLException e) {
        return new StoreException("store: merge state: " + what + " failed: " + e.getMessage(), e);
    }
}
