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
 * {@code merged_anchor} (anchor to the articles whose texts have it); and what it was merged from:
 * {@code merged_seed} (the seed items, as JSON, in order), {@code merged_source} (each merged source's rule) and
 * {@code first_seen}. Statements over a
 * connection the caller holds, inside its transaction; an SQL failure is a {@link StoreException}, which rolls
 * the caller's transaction back. Articles read are remembered until {@link #close()}, so a change reads each
 * once. Not thread-safe.
 */
final class StoredMergeState implements MergeState, AutoCloseable {
    private static final String SELECT = "SELECT " + ArticleTable.COLUMNS + ", alias_keys FROM merged_article ";

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** Articles read or put in this transaction, by key; a null value is an article known not to exist. */
    private final Map<String, Article> read = new HashMap<>();
    /**
     * Members read or put in this transaction, by article key: a change reads them again as its part grows, and
     * the same item objects let {@code Folding} find the anchors it computed for them.
     */
    private final Map<String, List<Item>> membersRead = new HashMap<>();

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
        List<Item> known = membersRead.get(articleKey);
        if (known != null) {
            return known;
        }
        String json = text(statement("SELECT members FROM merged_article WHERE key = ?"), articleKey);
        List<Item> members = json == null ? List.of() : List.copyOf(ModelJson.items(json));
        membersRead.put(articleKey, members);
        return members;
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
                anchors = longs(r.getBytes(2));
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
            membersRead.remove(articleKey);
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
            p.setBytes(ArticleTable.COLUMN_COUNT + 4, bytes(anchors));
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
            membersRead.put(article.key(), List.copyOf(members));
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
    public List<Item> seeds() {
        try (ResultSet r = statement("SELECT items FROM merged_seed").executeQuery()) {
            return r.next() ? ModelJson.items(r.getString(1)) : List.of();
        } catch (SQLException e) {
            throw failed("reading the merged seeds", e);
        }
    }

    @Override
    public void setSeeds(List<Item> seeds) {
        try {
            update("DELETE FROM merged_seed");
            update("INSERT INTO merged_seed (id, items) VALUES (1, ?)", ModelJson.items(seeds));
        } catch (SQLException e) {
            throw failed("writing the merged seeds", e);
        }
    }

    @Override
    public Map<String, String> sources() {
        try (PreparedStatement p = connection.prepareStatement("SELECT source_id, rule FROM merged_source");
             ResultSet r = p.executeQuery()) {
            Map<String, String> sources = new HashMap<>();
            while (r.next()) {
                sources.put(r.getString(1), r.getString(2));
            }
            return sources;
        } catch (SQLException e) {
            throw failed("reading the merged sources", e);
        }
    }

    @Override
    public void setSource(String sourceId, String rule) {
        try {
            update("DELETE FROM merged_source WHERE source_id = ?", sourceId);
            if (rule != null) {
                update("INSERT INTO merged_source (source_id, rule) VALUES (?, ?)", sourceId, rule);
            }
        } catch (SQLException e) {
            throw failed("recording source " + sourceId, e);
        }
    }

    @Override
    public java.time.Instant firstSeen(String key, java.time.Instant now) {
        try {
            PreparedStatement p = statement("SELECT first_seen FROM first_seen WHERE key = ?");
            p.setString(1, key);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    return Sql.getInstant(r, "first_seen");
                }
            }
            PreparedStatement insert = statement("INSERT INTO first_seen (key, first_seen) VALUES (?, ?)");
            insert.setString(1, key);
            Sql.setInstant(insert, 2, now);
            insert.executeUpdate();
            return now;
        } catch (SQLException e) {
            throw failed("reading the first-seen time of " + key, e);
        }
    }

    @Override
    public void clear() {
        try {
            for (String table : List.of("merged_article", "merged_alias", "merged_reference", "merged_anchor",
                    "merged_seed", "merged_source")) {
                update("DELETE FROM " + table);
            }
            read.clear();
            membersRead.clear();
        } catch (SQLException e) {
            throw failed("clearing the merged archive", e);
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

    private static byte[] bytes(long[] values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * Long.BYTES);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    private static long[] longs(byte[] bytes) {
        if (bytes == null) {
            return new long[0];
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        long[] values = new long[bytes.length / Long.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = b.getLong();
        }
        return values;
    }

    private static Article read(ResultSet r) throws SQLException {
        return ArticleTable.read(r, ModelJson.strings(r.getString("alias_keys")));
    }

    private static StoreException failed(String what, SQLException e) {
        return new StoreException("store: merge state: " + what + " failed: " + e.getMessage(), e);
    }
}
