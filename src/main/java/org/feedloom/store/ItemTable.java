package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.feedloom.model.Body;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Item;

/**
 * The {@code item}, {@code item_alias} and {@code tombstone} tables: a source's items, the alias keys of each, and
 * the alias keys that retention removed from a source. Static SQL over a connection the caller holds, inside the
 * caller's transaction.
 */
final class ItemTable {
    private static final String COLUMNS = "source_id, key, origin, provenance, urls, title, excerpt, content, "
            + "published, updated, provider, topics, categories, images, related, author, feed_id, feed_title, "
            + "feed_link, fact_category, fact_type, fact_quality, fact_heat, fact_published, first_seen, last_seen";

    private ItemTable() {}

    /**
     * Every item of every source, newest first per source, read without its texts: each excerpt and content is a
     * body let go ({@link Body#stored}) that reads its text from {@code texts} when asked for; each item's key as
     * {@code keys} gives it (the equal string the caller holds already, rather than a copy).
     */
    static Map<String, List<StoredItem>> all(Connection c, Body.Source texts, UnaryOperator<String> keys,
                                             java.util.Set<String> damagedSources) throws SQLException {
        Map<String, List<StoredItem>> bySource = new LinkedHashMap<>();
        SharedValues shared = new SharedValues();
        DamagedRows damaged = new DamagedRows("item");
        try (PreparedStatement p = c.prepareStatement("SELECT " + READ + " FROM item");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                String sourceId = shared.of(r.getString("source_id")); // one string for its bodies
                StoredItem item = damaged.read(() -> rowName(r, sourceId), () -> read(r, shared, sourceId, texts, keys));
                if (item != null) {
                    bySource.computeIfAbsent(sourceId, k -> new ArrayList<>()).add(item);
                } else {
                    damagedSources.add(sourceId);
                }
            }
        }
        bySource.values().forEach(l -> l.sort(StoredItem.NEWEST_FIRST));
        return bySource;
    }

    /** The items of one source, newest first, read as {@link #all} reads them. */
    static List<StoredItem> ofSource(Connection c, String sourceId, Body.Source texts) throws SQLException {
        return ofSource(c, sourceId, texts, new ArrayList<>());
    }

    /**
     * {@link #ofSource(Connection, String, Body.Source)}, the keys of the rows that could not be read
     * ({@link DamagedRows}) added to {@code damaged}: a write deletes them, and writes again those its fetch lists.
     */
    static List<StoredItem> ofSource(Connection c, String sourceId, Body.Source texts, List<String> damaged)
            throws SQLException {
        try (PreparedStatements statements = new PreparedStatements(c, "items")) {
            return ofSource(statements, sourceId, texts, damaged);
        }
    }

    /**
     * {@link #ofSource(Connection, String, Body.Source, List)} with {@code statements}, which a batch of fetches
     * shares: the statement prepared once a batch, not once a source.
     */
    static List<StoredItem> ofSource(PreparedStatements statements, String sourceId, Body.Source texts,
                                     List<String> damaged) throws SQLException {
        List<StoredItem> items = new ArrayList<>();
        SharedValues shared = new SharedValues();
        PreparedStatement p = statements.of("SELECT " + READ + " FROM item WHERE source_id = ?");
        p.setString(1, sourceId);
        DamagedRows rows = new DamagedRows("item");
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                StoredItem item = rows.read(() -> rowName(r, sourceId),
                        () -> read(r, shared, sourceId, texts, UnaryOperator.identity()));
                if (item != null) {
                    items.add(item);
                } else {
                    damaged.add(r.getString("key"));
                }
            }
        }
        items.sort(StoredItem.NEWEST_FIRST);
        return items;
    }

    /** The excerpt or content of the item of {@code sourceId} under {@code key}, or null (no such item, or none). */
    static String text(Connection c, String sourceId, String key, Body.Part part) throws SQLException {
        String column = part == Body.Part.EXCERPT ? "excerpt" : "content";
        try (PreparedStatement p = c.prepareStatement("SELECT " + column + " FROM item WHERE source_id = ? AND key = ?")) {
            p.setString(1, sourceId);
            p.setString(2, key);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    /** The most items {@link #texts} asks for in one statement. */
    private static final int TEXTS_AT_ONCE = 100;

    /** The texts of {@code refs} (excerpts or contents of items), by ref: none for a ref whose item or text is gone. */
    static Map<Body.Ref, String> texts(Connection c, java.util.Collection<Body.Ref> refs) throws SQLException {
        Map<List<String>, List<Body.Ref>> byItem = new LinkedHashMap<>();
        refs.forEach(r -> byItem.computeIfAbsent(List.of(r.sourceId(), r.itemKey()), k -> new ArrayList<>()).add(r));
        List<List<String>> items = new ArrayList<>(byItem.keySet());
        Map<Body.Ref, String> out = new HashMap<>();
        for (List<List<String>> chunk : Sql.runs(items, TEXTS_AT_ONCE)) {
            try (PreparedStatement p = c.prepareStatement("SELECT source_id, key, excerpt, content FROM item "
                    + "WHERE (source_id, key) IN (VALUES " + String.join(", ", java.util.Collections.nCopies(
                    chunk.size(), "(?, ?)")) + ")")) {
                int i = 1;
                for (List<String> item : chunk) {
                    p.setString(i++, item.get(0));
                    p.setString(i++, item.get(1));
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        for (Body.Ref ref : byItem.get(List.of(r.getString(1), r.getString(2)))) {
                            String text = r.getString(ref.part() == Body.Part.EXCERPT ? 3 : 4);
                            if (text != null) {
                                out.put(ref, text);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The length and hash of each of an item's texts ({@link ItemText#hash}), which its row keeps beside them. */
    private static final String TEXT_COLUMNS = "excerpt_length, excerpt_hash, content_length, content_hash";
    /** The columns an item is written with: its own, and its texts' lengths and hashes. */
    private static final String WRITTEN = COLUMNS + ", " + TEXT_COLUMNS;
    /** The columns an item is read back with: its own but its texts, their lengths and hashes instead. */
    private static final String READ = COLUMNS.replace("excerpt, content, ", "") + ", " + TEXT_COLUMNS;
    /** An item row's columns that a write of the same item replaces: all but its source and key. */
    private static final String REPLACED = java.util.Arrays.stream(WRITTEN.split(", ")).skip(2)
            .map(column -> column + " = excluded." + column).collect(java.util.stream.Collectors.joining(", "));

    /**
     * Writes and deletes items inside the caller's transaction, each statement prepared once (preparing the item
     * insert per item cost as much as running it) and run in batches by {@link #flush}. A source's items are a few
     * round trips to the database, not a few per item. An item written again is updated in place. An item deleted, or
     * written again with other texts, first gives its texts to the article rows that name it ({@link ItemText}),
     * which keep them as their own: a row shows the texts it was synced with. The keys it puts and deletes between
     * two flushes must be distinct. One writer serves every source of a transaction, flushed after each (preparing
     * its statements per source was 5% of a batch transaction's time). Not thread-safe; flush and close it before the
     * transaction ends.
     */
    static final class Writer implements AutoCloseable {
        private final Connection c;
        /** Prepared at the first hand-over (most writes delete nothing and change no item's texts). */
        private PreparedStatement handOver;
        private PreparedStatement delete;
        private final PreparedStatement unalias;
        private final PreparedStatement insert;
        private final PreparedStatement alias;

        Writer(Connection c) throws SQLException {
            this.c = c;
            unalias = c.prepareStatement("DELETE FROM item_alias WHERE source_id = ? AND key = ?");
            insert = c.prepareStatement("INSERT INTO item (" + WRITTEN + ") VALUES "
                    + "(" + Sql.marks(WRITTEN.split(", ").length) + ") "
                    + "ON CONFLICT (source_id, key) DO UPDATE SET " + REPLACED);
            alias = c.prepareStatement("INSERT INTO item_alias (source_id, key, alias_key) VALUES (?, ?, ?)");
        }

        private void prepareDeletes() throws SQLException {
            handOver = c.prepareStatement("""
                    UPDATE article SET
                        excerpt = CASE WHEN text_of IN (1, 3) THEN (SELECT i.excerpt FROM item i
                            WHERE i.source_id = article.text_source AND i.key = article.text_key) ELSE excerpt END,
                        content = CASE WHEN text_of IN (2, 3) THEN (SELECT i.content FROM item i
                            WHERE i.source_id = article.text_source AND i.key = article.text_key) ELSE content END,
                        text_source = NULL, text_key = NULL, text_of = NULL
                    WHERE key IN (SELECT article_key FROM article_alias WHERE alias_key = ?)
                        AND text_source = ? AND text_key = ?""");
            delete = c.prepareStatement("DELETE FROM item WHERE source_id = ? AND key = ?");
        }

        /**
         * Writes an item of a source, replacing the one stored under the same key (and its alias keys) when
         * {@code replaces}; {@code aliasKeys} are {@link StoredItem#aliasKeys} of the item. One replaced with
         * {@code textsChanged} (another excerpt or content) first hands its texts to the article rows that name it,
         * as a deleted one does: a row shows the texts it was synced with.
         */
        void put(String sourceId, StoredItem s, List<String> aliasKeys, Instant lastSeen, boolean replaces,
                 boolean textsChanged) throws SQLException {
            if (replaces && textsChanged) {
                handOver(sourceId, s.key());
            }
            if (replaces) {
                unalias.setString(1, sourceId);
                unalias.setString(2, s.key());
                unalias.addBatch();
            }
            Item i = s.item();
            PreparedStatement p = insert;
            p.setString(1, sourceId);
            p.setString(2, s.key());
            p.setString(3, i.origin().name());
            p.setString(4, i.provenance());
            p.setString(5, ModelJson.strings(i.urls()));
            p.setString(6, i.title());
            p.setString(7, i.excerpt());
            p.setString(8, i.content());
            Sql.setInstant(p, 9, i.published());
            Sql.setInstant(p, 10, i.updated());
            p.setString(11, ModelJson.provider(i.provider()));
            p.setString(12, ModelJson.strings(i.topics()));
            p.setString(13, ModelJson.strings(i.categories()));
            p.setString(14, ModelJson.images(i.images()));
            p.setString(15, ModelJson.items(i.related()));
            p.setString(16, i.author());
            p.setString(17, i.feed() == null ? null : i.feed().id());
            p.setString(18, i.feed() == null ? null : i.feed().title());
            p.setString(19, i.feed() == null ? null : i.feed().link());
            Sql.setFacts(p, 20, i.facts());
            Sql.setInstant(p, 25, s.firstSeen());
            Sql.setInstant(p, 26, lastSeen);
            p.setObject(27, ItemText.length(i.excerptBody()));
            p.setObject(28, ItemText.hash(i.excerptBody()));
            p.setObject(29, ItemText.length(i.body()));
            p.setObject(30, ItemText.hash(i.body()));
            p.addBatch();
            for (String key : aliasKeys) {
                alias.setString(1, sourceId);
                alias.setString(2, s.key());
                alias.setString(3, key);
                alias.addBatch();
            }
        }

        /**
         * Deletes an item of a source; its alias keys go with it (foreign key, on delete cascade), its texts to the
         * article rows that name it.
         */
        void delete(String sourceId, String key) throws SQLException {
            handOver(sourceId, key);
            delete.setString(1, sourceId);
            delete.setString(2, key);
            delete.addBatch();
        }

        /** Has the article rows that name an item keep its current texts as their own (run first at the flush). */
        private void handOver(String sourceId, String key) throws SQLException {
            if (delete == null) {
                prepareDeletes();
            }
            handOver.setString(1, key); // an item's key is among the alias keys of the articles that name it
            handOver.setString(2, sourceId);
            handOver.setString(3, key);
            handOver.addBatch();
        }

        /**
         * Runs what was put and deleted: the texts of the items deleted or changed handed over (before anything is
         * written), the deletes, the replaced items' alias keys deleted, then the items, then their alias keys.
         */
        void flush() throws SQLException {
            if (delete != null) {
                handOver.executeBatch();
                delete.executeBatch();
            }
            unalias.executeBatch();
            insert.executeBatch();
            alias.executeBatch();
        }

        @Override
        public void close() throws SQLException {
            try (unalias; insert; alias) {
                if (delete != null) {
                    try (PreparedStatement h = handOver; PreparedStatement d = delete) {
                        // closes both
                    }
                }
            }
        }
    }

    /**
     * Writes the length and {@link ItemText#hash hash} of every stored item's texts into its row (schema migration
     * 14, for items written before it kept them), a thousand rows at a time in key order.
     */
    static void measureTexts(Connection c) throws SQLException {
        String after = "";
        String afterKey = "";
        try (PreparedStatement read = c.prepareStatement("SELECT source_id, key, excerpt, content FROM item "
                + "WHERE (source_id, key) > (?, ?) ORDER BY source_id, key LIMIT 1000"); // a range of the key
             PreparedStatement write = c.prepareStatement("UPDATE item SET " + TEXT_COLUMNS.replace(",", " = ?,")
                     + " = ? WHERE source_id = ? AND key = ?")) {
            while (true) {
                read.setString(1, after);
                read.setString(2, afterKey);
                int rows = 0;
                try (ResultSet r = read.executeQuery()) {
                    while (r.next()) {
                        Body excerpt = Body.of(r.getString(3));
                        Body content = Body.of(r.getString(4));
                        write.setObject(1, ItemText.length(excerpt));
                        write.setObject(2, ItemText.hash(excerpt));
                        write.setObject(3, ItemText.length(content));
                        write.setObject(4, ItemText.hash(content));
                        after = r.getString(1);
                        afterKey = r.getString(2);
                        write.setString(5, after);
                        write.setString(6, afterKey);
                        write.addBatch();
                        rows++;
                    }
                }
                if (rows == 0) {
                    return;
                }
                write.executeBatch();
            }
        }
    }

    /** The keys of the items stored for a source. */
    static Set<String> keysOf(Connection c, String sourceId) throws SQLException {
        try (PreparedStatements statements = new PreparedStatements(c, "items")) {
            return keysOfSource(statements, "SELECT key FROM item WHERE source_id = ?", sourceId);
        }
    }

    /** The tombstoned alias keys of a source, with the statements a batch of fetches shares. */
    static Set<String> tombstones(PreparedStatements statements, String sourceId) throws SQLException {
        return keysOfSource(statements, "SELECT alias_key FROM tombstone WHERE source_id = ?", sourceId);
    }

    /** The keys {@code sql} (a select of one column, by source id) finds for a source. */
    private static Set<String> keysOfSource(PreparedStatements statements, String sql, String sourceId)
            throws SQLException {
        PreparedStatement p = statements.of(sql);
        p.setString(1, sourceId);
        return new HashSet<>(Sql.rows(p, r -> r.getString(1)));
    }

    /** Tombstones alias keys of a source; a key already tombstoned keeps its time. */
    static void addTombstones(PreparedStatements statements, String sourceId, List<String> aliasKeys, Instant when)
            throws SQLException {
        tombstoneBatch(statements, "INSERT INTO tombstone (source_id, alias_key, removed_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (source_id, alias_key) DO NOTHING", sourceId, aliasKeys, when);
    }

    static void removeTombstones(PreparedStatements statements, String sourceId, Set<String> aliasKeys)
            throws SQLException {
        tombstoneBatch(statements, "DELETE FROM tombstone WHERE source_id = ? AND alias_key = ?",
                sourceId, List.copyOf(aliasKeys), null);
    }

    private static void tombstoneBatch(PreparedStatements statements, String sql, String sourceId,
                                       List<String> aliasKeys, Instant when) throws SQLException {
        if (aliasKeys.isEmpty()) {
            return;
        }
        PreparedStatement p = statements.of(sql);
        for (String alias : aliasKeys) {
            p.setString(1, sourceId);
            p.setString(2, alias);
            if (when != null) {
                Sql.setInstant(p, 3, when);
            }
            p.addBatch();
        }
        p.executeBatch();
    }

    /** What the log calls the item row {@code r} is on. */
    private static String rowName(ResultSet r, String sourceId) throws SQLException {
        return "the item row of source " + sourceId + " under key " + r.getString("key");
    }

    /**
     * An item row of source {@code sourceId}, its texts let go ({@link Body#stored}), read from {@code texts}. What a
     * source's items all repeat (its feed, provenance, provider, an author's name) is read as one object for all of
     * them: {@code shared} holds each value read so far during one read of the table. A parsed feed's items share
     * these too; read back, each row had its own copies, a tenth of the heap of a large archive.
     */
    private static StoredItem read(ResultSet r, SharedValues shared, String sourceId, Body.Source texts,
                                   UnaryOperator<String> keys) throws SQLException {
        Row row = new Row(r);
        String key = keys.apply(row.text("key"));
        String feedId = row.text("feed_id");
        FeedRef feed = feedId == null ? null
                : shared.of(new FeedRef(feedId, row.text("feed_title"), row.text("feed_link")));
        List<String> urls = row.strings("urls");
        Item item = new Item(row.origin(), shared.of(row.text("provenance")), urls, row.title(),
                body(r, texts, sourceId, key, Body.Part.EXCERPT), body(r, texts, sourceId, key, Body.Part.CONTENT),
                row.published(), row.updated(),
                shared.parsedOnce(row.text("provider"), json -> shared.of(ModelJson.provider(json))),
                shared.parsedOnce(row.text("topics"), json -> shared.strings(ModelJson.strings(json))),
                shared.parsedOnce(row.text("categories"), json -> shared.strings(ModelJson.strings(json))),
                row.images(), ModelJson.items(row.text("related")),
                shared.of(row.text("author")), feed, Sql.getFacts(r),
                Item.defaultWebUrl(row.origin(), urls), null); // a live item's webUrl is its link
        return new StoredItem(key, item, row.instant("first_seen"));
    }

    /** The {@code part} of the item row under {@code key}, let go: its stored length and hash; null for none. */
    private static Body body(ResultSet r, Body.Source texts, String sourceId, String key, Body.Part part)
            throws SQLException {
        boolean excerpt = part == Body.Part.EXCERPT;
        int length = r.getInt(excerpt ? "excerpt_length" : "content_length");
        if (r.wasNull()) {
            return null;
        }
        return Body.stored(texts, sourceId, key, part, length, r.getLong(excerpt ? "excerpt_hash" : "content_hash"));
    }
}
