package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;
import java.util.Set;
import org.feedloom.canonical.AnchorHolders;
import org.feedloom.canonical.FoldStamp;
import org.feedloom.canonical.MergeState;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;

/**
 * The {@link MergeState} in the database: {@code merged_article} (every merged article under a number, its alias
 * keys, the alias keys its members name as related links, its anchors as 8-byte integers, its groups'
 * {@link FoldStamp}s, which a merge asks before reading its members), {@code merged_member} (its members, one row
 * each, in order), {@code merged_alias} (alias key to article), {@code merged_reference} (alias key to the articles
 * naming it as a related link) and {@code merged_anchor} (anchor to the articles whose texts have it); those four
 * name an article by its number, which a put back keeps, so their rows and indexes are small.
 * Statements over a connection the caller holds, inside its transaction; an SQL failure is a {@link StoreException},
 * which rolls the caller's transaction back. Not thread-safe.
 *
 * <p>A text an item row keeps is written as where it is kept ({@link ModelJson#member}), not again, and read from
 * there when asked for: a member costs its fields, not its words.
 *
 * <p>A change removes the articles it merges again and puts what they became, most of them under the same key with
 * one member more. So a removal is only noted ({@link #remove}), and a put under a noted key writes what differs from
 * what was there: the article's row if it changed, the alias keys, references and anchors gained and lost, and the
 * members after the ones the two lists begin with alike (a member appended is one row). {@link #flush} deletes what is
 * left of the noted removals; until then a noted article reads as gone: as an article, an owner, a referrer, an
 * anchor's holder. Articles and their members read are remembered for the transaction, so a change reads each once.
 */
final class StoredMergeState implements MergeState, AutoCloseable {
    private static final String SELECT = "SELECT id, " + ArticleTable.COLUMNS
            + ", alias_keys, excerpt_at, content_at FROM merged_article ";
    /** How many anchors one statement of {@link #anchoredBy(long[], int)} looks up. */
    private static final int ANCHORS_AT_ONCE = 100;
    private static final String MEMBERS = "SELECT item FROM merged_member WHERE article_id = ? ORDER BY position";

    /** An article as it was when its removal was noted: what its put or {@link #flush} undoes. */
    private record Removed(long id, Article article, List<Item> members, List<String> relatedKeys, long[] anchors,
                           List<FoldStamp> stamps) {}

    private final Connection connection;
    private final Dialect dialect;
    private final Body.Source bodies;
    private final PreparedStatements statements;
    /** Articles read or put in this transaction, by key; a null value is an article known not to exist. */
    private final Map<String, Article> read = new HashMap<>();
    /** Members read or put in this transaction, by article key (a change reads an article's members several times). */
    private final Map<String, List<Item>> readMembers = new HashMap<>();
    /**
     * The numbers of the articles read or put in this transaction, by key: the alias, reference, anchor and member
     * rows name an article by its number (8 bytes where its key is about 60), and a put back keeps it.
     */
    private final Map<String, Long> ids = new HashMap<>();
    /**
     * The fold stamps of articles, by key, as read with the anchor index's holders or put in this transaction; a
     * null value for an article whose row has none (written before schema version 27): its members are read instead.
     */
    private final Map<String, List<FoldStamp>> stamps = new HashMap<>();
    /** Removals noted and not yet put again nor flushed, by key. */
    private final Map<String, Removed> removed = new HashMap<>();

    /** Over {@code connection}, a database of {@code dialect}; texts kept in item rows are read from {@code bodies}. */
    StoredMergeState(Connection connection, Dialect dialect, Body.Source bodies) {
        this.connection = connection;
        this.dialect = dialect;
        this.statements = new PreparedStatements(connection, "merge state");
        this.bodies = bodies;
    }

    /**
     * {@inheritDoc} Its number looked up by key first, and its row read by number only when there is one: a merge
     * asks for many keys no article has (a new item's), and the driver reads the names of every column a query
     * selects at each execution, so a look-up selecting the row's two dozen columns cost as much for none.
     */
    @Override
    public Article article(String key) {
        if (read.containsKey(key)) {
            return read.get(key);
        }
        if (!ids.containsKey(key)) {
            try (ResultSet r = rowColumns("id", key).executeQuery()) {
                if (r.next()) {
                    ids.put(key, r.getLong(1));
                }
            } catch (SQLException e) {
                throw failed("reading the number of article " + key, e);
            }
        }
        Long id = ids.get(key);
        Article a = id == null ? null : byNumber(id);
        read.put(key, a);
        return a;
    }

    /** {@inheritDoc} The owner's number is read with its key, so that reading the owner looks up neither again. */
    @Override
    public Article ownerOf(String aliasKey) {
        PreparedStatement p = statement("SELECT a.key, a.id FROM merged_alias o JOIN merged_article a "
                + "ON a.id = o.article_id WHERE o.alias_key = ?");
        String key;
        try {
            p.setString(1, aliasKey);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                key = r.getString(1);
                ids.put(key, r.getLong(2));
            }
        } catch (SQLException e) {
            throw failed("reading the owner of " + aliasKey, e);
        }
        return article(key); // an owner whose removal is noted reads as none
    }

    @Override
    public List<Item> members(String articleKey) {
        return readMembers.computeIfAbsent(articleKey, key -> {
            try {
                if (!ids.containsKey(key) && article(key) == null) { // reading the article learns its number
                    return List.of();
                }
                PreparedStatement p = statement(MEMBERS);
                p.setLong(1, ids.get(key));
                List<Item> members = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        members.add(ModelJson.member(r.getString(1), bodies));
                    }
                }
                return List.copyOf(members);
            } catch (SQLException e) {
                throw failed("reading the members of " + key, e);
            }
        });
    }

    @Override
    public long[] anchors(String articleKey) {
        if (removed.containsKey(articleKey)) {
            return new long[0];
        }
        try {
            PreparedStatement p = rowColumns("anchors", articleKey);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Sql.longs(r.getBytes(1)) : new long[0];
            }
        } catch (SQLException e) {
            throw failed("reading the anchors of " + articleKey, e);
        }
    }

    /**
     * The statement selecting {@code columns} of an article's row, its parameter set: by the row's number when this
     * state knows it (one descent of the table), else by key (the key's index, then the table).
     */
    private PreparedStatement rowColumns(String columns, String articleKey) throws SQLException {
        Long id = ids.get(articleKey);
        PreparedStatement p = statement("SELECT " + columns + " FROM merged_article WHERE "
                + (id != null ? "id" : "key") + " = ?");
        if (id != null) {
            p.setLong(1, id);
        } else {
            p.setString(1, articleKey);
        }
        return p;
    }

    /** {@inheritDoc} As the article's row keeps them; for a row that keeps none, from its members. */
    @Override
    public List<FoldStamp> foldStamps(String articleKey) {
        if (removed.containsKey(articleKey)) {
            return List.of();
        }
        if (!stamps.containsKey(articleKey)) {
            try {
                PreparedStatement p = rowColumns("fold_stamps", articleKey);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return List.of();
                    }
                    stamps.put(articleKey, ModelJson.foldStamps(r.getString(1)));
                }
            } catch (SQLException e) {
                throw failed("reading the fold stamps of " + articleKey, e);
            }
        }
        List<FoldStamp> kept = stamps.get(articleKey);
        return kept != null ? kept : FoldStamp.of(members(articleKey));
    }

    @Override
    public Set<String> referrers(String aliasKey) {
        Set<String> keys = articleKeys(statement("SELECT a.key FROM merged_reference o JOIN merged_article a "
                        + "ON a.id = o.article_id WHERE o.alias_key = ?"),
                aliasKey, "reading related references");
        keys.removeAll(removed.keySet());
        return keys;
    }

    @Override
    public Set<String> anchoredBy(long anchor, int limit) {
        try {
            PreparedStatement p = statement("SELECT a.key FROM merged_anchor o JOIN merged_article a "
                    + "ON a.id = o.article_id WHERE o.anchor = ? LIMIT ?");
            p.setInt(2, limit + 1 + removed.size()); // enough left once the noted removals are taken out
            Set<String> keys = articleKeys(p, anchor, "reading the anchor index");
            keys.removeAll(removed.keySet());
            return keys;
        } catch (SQLException e) {
            throw failed("reading the anchor index", e);
        }
    }

    /**
     * The holders of many anchors in a statement a hundred of them: at most {@code limit + 1} of each beyond the
     * noted removals ({@link Dialect#anchorHolders}), so that an anchor many articles share returns no more rows, nor
     * reads more of the index, than one. Their fold stamps are read with them: a merge asks those next.
     */
    @Override
    public void anchoredBy(long[] anchors, int limit, AnchorHolders into) {
        long[] asked = new long[anchors.length];
        int n = 0;
        for (long anchor : anchors) {
            if (into.ask(anchor)) { // most of a new text's anchors no other article has: asked, and none added
                asked[n++] = anchor;
            }
        }
        for (int from = 0; from < n; from += ANCHORS_AT_ONCE) {
            int run = Math.min(ANCHORS_AT_ONCE, n - from);
            PreparedStatement p = statement(dialect.anchorHolders(run));
            try {
                for (int i = 0; i < run; i++) {
                    p.setLong(i + 1, asked[from + i]);
                }
                p.setInt(run + 1, limit + 1 + removed.size()); // enough left once the noted removals are taken out
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String key = r.getString(2);
                        if (!removed.containsKey(key)) {
                            into.add(r.getLong(1), key);
                            if (!stamps.containsKey(key)) {
                                stamps.put(key, ModelJson.foldStamps(r.getString(3)));
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw failed("reading the anchor index", e);
            }
        }
    }

    /** The article keys {@code p} selects for {@code value} as its first parameter, in order. */
    private static Set<String> articleKeys(PreparedStatement p, Object value, String what) {
        try {
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

    /** Notes the removal: the article reads as gone from now on; its put or {@link #flush} writes what it comes to. */
    @Override
    public void remove(String articleKey) {
        Article old = article(articleKey);
        if (old == null) {
            return;
        }
        List<Item> members = members(articleKey);
        try {
            PreparedStatement held = rowColumns("related_keys, anchors, fold_stamps", articleKey);
            try (ResultSet r = held.executeQuery()) { // one read of what the article's removal must undo
                r.next();
                removed.put(articleKey, new Removed(ids.get(articleKey), old, members,
                        ModelJson.strings(r.getString(1)), Sql.longs(r.getBytes(2)),
                        ModelJson.foldStamps(r.getString(3))));
            }
        } catch (SQLException e) {
            throw failed("removing article " + articleKey, e);
        }
        read.put(articleKey, null);
        readMembers.put(articleKey, List.of());
    }

    @Override
    public void put(Article article, List<Item> members, Set<String> relatedKeys, long[] anchors) {
        String key = article.key();
        Removed old = removed.remove(key);
        List<FoldStamp> folds = FoldStamp.of(members);
        try {
            List<String> related = List.copyOf(relatedKeys);
            if (old == null) {
                long id = writeArticle(null, article, related, anchors, folds);
                ids.put(key, id);
                aliases(id, List.of(), article.aliasKeys());
                references(id, List.of(), related);
                anchors(id, new long[0], anchors);
                members(id, List.of(), members);
            } else {
                long id = old.id();
                if (!article.equals(old.article()) || !related.equals(old.relatedKeys())
                        || !Arrays.equals(anchors, old.anchors()) || !folds.equals(old.stamps())) {
                    writeArticle(id, article, related, anchors, folds);
                }
                aliases(id, old.article().aliasKeys(), article.aliasKeys());
                references(id, old.relatedKeys(), related);
                anchors(id, old.anchors(), anchors);
                members(id, old.members(), members);
            }
        } catch (SQLException e) {
            throw failed("writing article " + key, e);
        }
        read.put(key, article);
        readMembers.put(key, List.copyOf(members));
        stamps.put(key, folds);
    }

    /** Deletes what is left of the removals noted: the articles not put again. Before the transaction commits. */
    void flush() {
        for (Map.Entry<String, Removed> e : removed.entrySet()) {
            Removed old = e.getValue();
            long id = old.id();
            try {
                aliases(id, old.article().aliasKeys(), List.of());
                references(id, old.relatedKeys(), List.of());
                anchors(id, old.anchors(), new long[0]);
                members(id, old.members(), List.of());
                PreparedStatement p = statement("DELETE FROM merged_article WHERE id = ?");
                p.setLong(1, id);
                p.executeUpdate();
            } catch (SQLException x) {
                throw failed("removing article " + e.getKey(), x);
            }
            ids.remove(e.getKey());
        }
        removed.clear();
    }

    /** The columns {@link #writeArticle} writes. */
    private static final String WRITTEN = ArticleTable.COLUMNS
            + ", alias_keys, related_keys, anchors, excerpt_at, content_at, fold_stamps";

    /**
     * Writes an article's row: a new one when {@code id} is null (returning the number it was given), else the row
     * of that number over.
     */
    private long writeArticle(Long id, Article article, List<String> related, long[] anchors, List<FoldStamp> folds)
            throws SQLException {
        PreparedStatement p = statement(id == null
                ? "INSERT INTO merged_article (" + WRITTEN + ") VALUES ("
                        + "?, ".repeat(ArticleTable.COLUMN_COUNT + 5) + "?) RETURNING id"
                : "UPDATE merged_article SET " + WRITTEN.replace(", ", " = ?, ") + " = ? WHERE id = ?");
        // a text an item row keeps is named in its own column, not read to be written again
        ArticleTable.bind(p, ArticleTable.row(article, body -> body == null || body.ref() != null ? null : body.text()));
        String excerptAt = ModelJson.at(article.excerptBody());
        String contentAt = ModelJson.at(article.body());
        int at = ArticleTable.COLUMN_COUNT;
        p.setString(at + 1, ModelJson.strings(article.aliasKeys()));
        p.setString(at + 2, ModelJson.strings(related));
        p.setBytes(at + 3, Sql.bytes(anchors));
        p.setString(at + 4, excerptAt);
        p.setString(at + 5, contentAt);
        p.setString(at + 6, ModelJson.foldStamps(folds));
        if (id != null) {
            p.setLong(at + 7, id);
            p.executeUpdate();
            return id;
        }
        try (ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * The alias index from {@code before} to {@code after} for the article {@code id}. A key another article
     * took in this change (its owner's removal noted, not yet flushed) is taken over, and not deleted as lost.
     */
    private void aliases(long id, List<String> before, List<String> after) throws SQLException {
        keyRows(id, before, after, "DELETE FROM merged_alias WHERE alias_key = ? AND article_id = ?",
                "INSERT INTO merged_alias (alias_key, article_id) VALUES (?, ?) "
                        + "ON CONFLICT (alias_key) DO UPDATE SET article_id = excluded.article_id");
    }

    private void references(long id, List<String> before, List<String> after) throws SQLException {
        keyRows(id, before, after, "DELETE FROM merged_reference WHERE alias_key = ? AND article_id = ?",
                "INSERT INTO merged_reference (alias_key, article_id) VALUES (?, ?)");
    }

    /** The rows of alias keys and article {@code id} from {@code before} to {@code after}, by two statements. */
    private void keyRows(long id, List<String> before, List<String> after, String delete, String insert)
            throws SQLException {
        Set<String> kept = new HashSet<>(after);
        for (String aliasKey : before) {
            if (!kept.contains(aliasKey)) {
                keyRow(statement(delete), aliasKey, id);
            }
        }
        Set<String> had = new HashSet<>(before);
        for (String aliasKey : after) {
            if (!had.contains(aliasKey)) {
                keyRow(statement(insert), aliasKey, id);
            }
        }
    }

    private static void keyRow(PreparedStatement p, String aliasKey, long id) throws SQLException {
        p.setString(1, aliasKey);
        p.setLong(2, id);
        p.executeUpdate();
    }

    /** The anchor index from {@code before} to {@code after} (each distinct) for the article {@code id}. */
    private void anchors(long id, long[] unsortedBefore, long[] unsortedAfter) throws SQLException {
        long[] before = sorted(unsortedBefore);
        long[] after = sorted(unsortedAfter);
        PreparedStatement delete = statement("DELETE FROM merged_anchor WHERE anchor = ? AND article_id = ?");
        PreparedStatement insert = statement("INSERT INTO merged_anchor (anchor, article_id) VALUES (?, ?)");
        int i = 0;
        int j = 0;
        int deletes = 0;
        int inserts = 0;
        while (i < before.length || j < after.length) {
            if (j == after.length || i < before.length && before[i] < after[j]) {
                add(delete, before[i++], id);
                deletes++;
            } else if (i == before.length || after[j] < before[i]) {
                add(insert, after[j++], id);
                inserts++;
            } else {
                i++;
                j++;
            }
        }
        if (deletes > 0) {
            delete.executeBatch(); // one call for the article's rows: most of a new article's statements
        }
        if (inserts > 0) {
            insert.executeBatch();
        }
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static void add(PreparedStatement p, long anchor, long id) throws SQLException {
        p.setLong(1, anchor);
        p.setLong(2, id);
        p.addBatch();
    }

    /**
     * The member rows from {@code before} to {@code after}: those after the members the two begin with alike
     * deleted and written again (none deleted when {@code after} only adds to the end).
     */
    private void members(long id, List<Item> before, List<Item> after) throws SQLException {
        int same = 0;
        while (same < before.size() && same < after.size() && before.get(same).equals(after.get(same))) {
            same++;
        }
        if (same < before.size()) {
            PreparedStatement p = statement("DELETE FROM merged_member WHERE article_id = ? AND position >= ?");
            p.setLong(1, id);
            p.setInt(2, same);
            p.executeUpdate();
        }
        if (same == after.size()) {
            return;
        }
        PreparedStatement insert = statement(
                "INSERT INTO merged_member (article_id, position, item) VALUES (?, ?, ?)");
        for (int at = same; at < after.size(); at++) {
            insert.setLong(1, id);
            insert.setInt(2, at);
            insert.setString(3, ModelJson.member(after.get(at)));
            insert.addBatch();
        }
        insert.executeBatch(); // one call for the article's new members, as for its anchors
    }

    @Override
    public int size() {
        flush();
        try (PreparedStatement p = connection.prepareStatement("SELECT count(*) FROM merged_article");
             ResultSet r = p.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        } catch (SQLException e) {
            throw failed("counting articles", e);
        }
    }

    @Override
    public boolean isEmpty() {
        flush();
        try (PreparedStatement p = connection.prepareStatement("SELECT 1 FROM merged_article LIMIT 1");
             ResultSet r = p.executeQuery()) {
            return !r.next();
        } catch (SQLException e) {
            throw failed("looking for articles", e);
        }
    }

    @Override
    public List<Article> articles() {
        flush();
        try (PreparedStatement p = connection.prepareStatement(SELECT + "ORDER BY key");
             ResultSet r = p.executeQuery()) {
            List<Article> all = new ArrayList<>();
            SharedValues shared = new SharedValues(); // an archive's articles share most of their strings
            while (r.next()) {
                all.add(shared.article(read(r, shared)));
            }
            return all;
        } catch (SQLException e) {
            throw failed("reading articles", e);
        }
    }

    @Override
    public List<String> keys() {
        flush();
        try (PreparedStatement p = connection.prepareStatement("SELECT key FROM merged_article ORDER BY key")) {
            return Sql.rows(p, r -> r.getString(1));
        } catch (SQLException e) {
            throw failed("reading article keys", e);
        }
    }

    /**
     * Moves the members of the articles merged before schema version 20 (a JSON array in the article's row, texts
     * and all) into rows of their own under the article's number, and drops the tables of version 19 (the end of
     * schema migration 20, whose statements copied the rest).
     */
    static void membersInRows(Connection c, java.time.Instant at) throws SQLException {
        try (PreparedStatement read = c.prepareStatement("SELECT a.id, o.members FROM merged_article_v19 o "
                + "JOIN merged_article a ON a.key = o.key");
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO merged_member (article_id, position, item) VALUES (?, ?, ?)");
             ResultSet r = read.executeQuery()) {
            while (r.next()) {
                List<Item> members = ModelJson.items(r.getString(2));
                for (int i = 0; i < members.size(); i++) {
                    insert.setLong(1, r.getLong(1));
                    insert.setInt(2, i);
                    insert.setString(3, ModelJson.member(members.get(i)));
                    insert.executeUpdate();
                }
            }
        }
        try (java.sql.Statement s = c.createStatement()) {
            for (String table : List.of("merged_article", "merged_alias", "merged_reference", "merged_anchor")) {
                s.execute("DROP TABLE " + table + "_v19");
            }
        }
    }

    /** Closes the prepared statements. */
    @Override
    public void close() {
        statements.close();
    }

    private PreparedStatement statement(String sql) {
        return statements.of(sql);
    }

    /** The article numbered {@code id}, which has a row. */
    private Article byNumber(long id) {
        try {
            PreparedStatement p = statement(SELECT + "WHERE id = ?");
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? read(r) : null;
            }
        } catch (SQLException e) {
            throw failed("reading article number " + id, e);
        }
    }

    /** The article of the current row: its texts from the row, or where an item row keeps them. */
    private Article read(ResultSet r) throws SQLException {
        return read(r, UnaryOperator.identity());
    }

    /** {@link #read(ResultSet)}, the places of its texts named by strings from {@code shared}. */
    private Article read(ResultSet r, UnaryOperator<String> shared) throws SQLException {
        ids.put(r.getString("key"), r.getLong("id"));
        String excerptAt = r.getString("excerpt_at");
        String contentAt = r.getString("content_at");
        return ArticleTable.read(r, ModelJson.strings(r.getString("alias_keys")),
                excerptAt == null ? Body.of(r.getString("excerpt")) : ModelJson.at(excerptAt, bodies, shared),
                contentAt == null ? Body.of(r.getString("content")) : ModelJson.at(contentAt, bodies, shared));
    }

    private static StoreException failed(String what, SQLException e) {
        return new StoreException("store: merge state: " + what + " failed: " + e.getMessage(), e);
    }
}
