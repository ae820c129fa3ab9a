package org.feedloom.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedloom.canonical.MergeState;
import org.feedloom.model.Article;
import org.feedloom.model.Checks;
import org.feedloom.model.Item;
import org.feedloom.model.PublishedId;

/**
 * The {@link ArticleStore} in one SQLite file (the app uses {@code <data>/feedloom.db}); the tables are described
 * in the package documentation.
 *
 * <p><b>Durability.</b> The database runs in WAL mode with {@code synchronous=NORMAL}: a transaction is committed
 * once its pages are written to the {@code -wal} file, and the WAL is fsynced at checkpoints. That survives the
 * process being killed at any point ({@code kill -9}, a crash, an out-of-memory error): every method that
 * returned is there after a restart, a method interrupted half-way is not there at all. A power loss or OS crash
 * may lose the last few commits (never corrupting the file); that is chosen over {@code synchronous=FULL}, which
 * fsyncs every commit, because everything stored can be fetched again: the lost fetches' validators are lost with
 * their items, so the next poll simply fetches them again. Foreign keys are on; a busy timeout of
 * {@value #BUSY_TIMEOUT_MS} ms covers another process (a {@code sqlite3 .backup}) holding the file briefly.
 *
 * <p><b>Thread-safety.</b> Thread-safe: one connection, used by one method at a time under a lock, each method one
 * transaction (writes begin {@code IMMEDIATE}). A {@link #load()} therefore sees every {@link #commitBatch} entirely
 * or not at all. A commit holds the lock for its whole transaction, so callers that must not wait on one (fetch
 * workers) should not call the store themselves: one writing thread commits their results several at a time.
 *
 * <p><b>Instants</b> are stored as ISO-8601 UTC text ({@link Instant#toString()}), with their full nanosecond
 * precision, so what is read back equals what was written; orderings are done in Java, not on the text.
 *
 * <p>Inputs are not modified. After {@link #close()} every method throws a {@link StoreException}.
 */
public final class SqliteStore implements ArticleStore {
    static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int SQLITE_NOTADB = 26;

    private final Connection connection;
    private final String file;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;
    /** The articles snapshot as the last committed sync left it, by key; null before the first. Under the lock. */
    private Map<String, Article> synced;

    private SqliteStore(Connection connection, String file) {
        this.connection = connection;
        this.file = file;
    }

    /**
     * Opens (creating it and its parent folders if needed) the store in {@code dbFile} and migrates its schema to
     * the latest version.
     *
     * @throws StoreException if the file cannot be created or opened, is not a SQLite database, has a schema newer
     *                        than this code knows, or a migration fails
     */
    public static SqliteStore open(Path dbFile) {
        return open(dbFile, Clock.systemUTC());
    }

    /** {@link #open(Path)}, recording when each migration was applied by {@code clock}. */
    public static SqliteStore open(Path dbFile, Clock clock) {
        return open(dbFile, Migrations.ALL, clock);
    }

    /** {@link #open(Path)} with other migrations and clock, for tests of the migration runner. */
    static SqliteStore open(Path dbFile, List<Migrations.Migration> migrations, Clock clock) {
        Checks.notNull(dbFile, "dbFile");
        Path path = dbFile.toAbsolutePath();
        String file = dbFile.toString();
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new StoreException("store: cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + path);
        } catch (SQLException e) {
            throw new StoreException("store: cannot open " + file + ": " + e.getMessage(), e);
        }
        try {
            configure(c, file);
            Migrations.apply(c, migrations, clock, file);
            return new SqliteStore(c, file);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(c, e);
            if (e instanceof StoreException se) {
                throw se;
            }
            if (e instanceof SQLException sql && sql.getErrorCode() == SQLITE_NOTADB) {
                throw new StoreException("store: " + file + " is not a SQLite database", e);
            }
            throw new StoreException("store: cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    private static void configure(Connection c, String file) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            try (ResultSet r = s.executeQuery("PRAGMA journal_mode = WAL")) {
                String mode = r.next() ? r.getString(1) : "";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException("store: " + file + " cannot use WAL mode (got '" + mode + "')", null);
                }
            }
            s.execute("PRAGMA synchronous = NORMAL");
            s.execute("PRAGMA foreign_keys = ON");
        }
    }

    @Override
    public Snapshot load() {
        return transaction("load", false, c -> {
            Map<String, List<Item>> items = new LinkedHashMap<>();
            ItemTable.all(c).forEach((source, stored) ->
                    items.put(source, stored.stream().map(StoredItem::item).toList()));
            return new Snapshot(items, StateTable.all(c), StateTable.firstSeen(c), PublishedIdTable.all(c));
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Items are keyed by the {@link org.feedloom.canonical.CanonicalUrl#keyOf canonical key} of their preferred
     * URL; when a fetch has two with one key, the first (the feed's newer) is kept. An item stored again keeps its
     * first-seen time and gets the fetch's time as last-seen time. Before anything else, the source's tombstones that
     * no item of this fetch names are cleared: once a feed stops listing an item, nothing needs to hold it back any
     * more, and the table cannot grow without end. So a removed item stays out while the feed keeps listing it, and
     * comes back as a new item (first seen at that fetch) if the feed lists it again after a fetch without it.
     *
     * <p>The writes are applied in order, so two of one source in a batch leave what the second says. Each state is
     * saved by the one rule of {@code StateTable.save}: only its changed columns are written.
     */
    @Override
    public List<List<Item>> commitBatch(List<SourceWrite> writes) {
        Checks.notNull(writes, "writes");
        if (writes.isEmpty()) {
            return List.of();
        }
        return transaction(describe(writes), true, c -> {
            List<List<Item>> stored = new ArrayList<>(writes.size());
            for (SourceWrite w : writes) {
                stored.add(w.hasItems() ? storeFetch(c, w.sourceId(), w.keys(), w.retention(), w.now()) : null);
                StateTable.save(c, w.state());
            }
            return Collections.unmodifiableList(stored);
        });
    }

    /** What a batch does, for its error message: a lone write is named as before batches, a batch by its sources. */
    private static String describe(List<SourceWrite> writes) {
        if (writes.size() == 1) {
            SourceWrite w = writes.get(0);
            return (w.hasItems() ? "commit fetch of source " : "save state of source ") + w.sourceId();
        }
        String ids = writes.stream().limit(5).map(SourceWrite::sourceId).collect(Collectors.joining(", "));
        return "commit a batch of " + writes.size() + " sources (" + ids + (writes.size() > 5 ? ", …)" : ")");
    }

    /**
     * The items part of a fetch's write, inside the batch's transaction. Retention is decided before anything is
     * written, so an incoming item that retention removes at once is never inserted (inserting and deleting it
     * left the same rows: none, and its tombstones).
     */
    private static List<Item> storeFetch(Connection c, String id, ItemKeys keys, Retention retention, Instant now)
            throws SQLException {
        Set<String> tombstones = ItemTable.tombstones(c, id);
        Set<String> stale = new HashSet<>(tombstones);
        stale.removeAll(keys.listed);
        ItemTable.removeTombstones(c, id, stale);
        tombstones.removeAll(stale);

        Map<String, StoredItem> stored = new LinkedHashMap<>();
        ItemTable.ofSource(c, id).forEach(s -> stored.put(s.key(), s));
        Set<String> previouslyStored = new HashSet<>(stored.keySet());
        List<StoredItem> toWrite = new java.util.ArrayList<>();
        for (Map.Entry<String, Item> e : keys.incoming.entrySet()) {
            if (keys.aliasesOf(e.getValue()).stream().noneMatch(tombstones::contains)) {
                StoredItem before = stored.get(e.getKey());
                StoredItem s = new StoredItem(e.getKey(), e.getValue(), before == null ? now : before.firstSeen());
                stored.put(s.key(), s);
                toWrite.add(s);
            }
        }
        StoredItem.Retained retained = StoredItem.retain(List.copyOf(stored.values()), keys.incoming.keySet(),
                retention, now);
        Set<StoredItem> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        kept.addAll(retained.kept());
        List<StoredItem> removed = new java.util.ArrayList<>(retained.expired());
        removed.addAll(retained.capped());
        try (ItemTable.Writer writer = new ItemTable.Writer(c)) {
            for (StoredItem s : toWrite) { // in the feed's order, as before
                if (kept.contains(s)) {
                    writer.put(id, s, keys.aliasesOf(s.item()), now);
                }
            }
            for (StoredItem s : removed) {
                if (previouslyStored.contains(s.key())) {
                    writer.delete(id, s.key());
                }
            }
        }
        List<String> tombstoned = new java.util.ArrayList<>();
        for (StoredItem capped : retained.capped()) {
            tombstoned.addAll(keys.aliasesOf(capped.item()));
        }
        ItemTable.addTombstones(c, id, tombstoned, now);
        return retained.kept().stream().map(StoredItem::item).toList();
    }

    @Override
    public void savePublishedIds(List<PublishedId> records) {
        Checks.notNull(records, "records");
        if (records.isEmpty()) {
            return;
        }
        transaction("save published ids", true, c -> {
            PublishedIdTable.add(c, records);
            return null;
        });
    }

    @Override
    public void saveFirstSeen(Map<String, Instant> firstSeen) {
        Checks.notNull(firstSeen, "firstSeen");
        transaction("save first-seen times", true, c -> {
            StateTable.putFirstSeen(c, firstSeen);
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>An article equal to the one this store last synced under its key is not written, and neither is one whose
     * content hash (over every field and alias key) equals the stored one: the first sync after opening compares
     * hashes, later ones compare with what the store remembers writing (this process is the file's only writer),
     * so a sync where little changed hashes little.
     *
     * @throws IllegalArgumentException if two articles have the same key (nothing is written)
     */
    @Override
    public void syncArticles(List<Article> articles) {
        Checks.notNull(articles, "articles");
        writeArticles("sync articles", known -> c -> ArticleTable.sync(c, articles, known));
    }

    @Override
    public void rewriteArticles(List<Article> articles) {
        Checks.notNull(articles, "articles");
        writeArticles("rewrite articles", known -> c -> ArticleTable.rewrite(c, articles));
    }

    /**
     * Writes the articles snapshot in one transaction made by {@code write} from what the last committed write left
     * (null if unknown), and remembers what it returns as the snapshot once committed.
     */
    private void writeArticles(String what, Function<Map<String, Article>, Work<Map<String, Article>>> write) {
        lock.lock(); // held across the commit: what is remembered is what was committed
        try {
            Map<String, Article> known = synced;
            synced = null; // if the transaction fails, the next sync compares hashes again
            synced = transaction(what, true, write.apply(known));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Article> newestArticles(int perTopic) {
        Checks.argument(perTopic > 0, "perTopic must be positive");
        return transaction("read the newest articles", false, c -> ArticleTable.newest(c, perTopic));
    }

    @Override
    public List<Article> topicPage(List<String> topicNames, int offset, int limit) {
        Checks.argument(offset >= 0 && limit > 0, "offset must not be negative, limit must be positive");
        return transaction("read a page of a topic", false,
                c -> ArticleTable.page(c, topicIndexNames(topicNames), offset, limit));
    }

    @Override
    public int topicCount(List<String> topicNames) {
        return transaction("count a topic", false, c -> ArticleTable.count(c, topicIndexNames(topicNames)));
    }

    /** The names of the topic index's rows: every article is listed under {@link ArticleTable#ALL}. */
    private static List<String> topicIndexNames(List<String> topicNames) {
        return topicNames.isEmpty() ? List.of(ArticleTable.ALL) : List.copyOf(topicNames);
    }

    /** The articles snapshot as last synced, newest published first (then by key): for inspection and tests. */
    public List<Article> articles() {
        return transaction("read articles", false, ArticleTable::all);
    }

    /** The value of a PRAGMA on the store's connection (for tests of the settings). */
    String pragma(String name) {
        return transaction("read pragma " + name, false, c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
                return r.next() ? r.getString(1) : null;
            }
        });
    }

    @Override
    public <T> T merging(Function<MergeState, T> work) {
        return transaction("merge", true, c -> {
            try (SqliteMergeState state = new SqliteMergeState(c)) {
                return work.apply(state);
            }
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException("store: closing " + file + " failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "SqliteStore[" + file + "]";
    }

    /** Runs {@code work} in one transaction under the lock: committed if it returns, rolled back if it throws. */
    private <T> T transaction(String what, boolean write, Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new StoreException("store: " + file + " is closed (" + what + ")", null);
            }
            try (Statement s = connection.createStatement()) {
                s.execute(write ? "BEGIN IMMEDIATE" : "BEGIN");
                try {
                    T result = work.run(connection);
                    s.execute("COMMIT");
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollback(s, e);
                    throw e;
                }
            } catch (SQLException e) {
                throw new StoreException("store: " + what + " failed on " + file + ": " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    private static void rollback(Statement s, Exception cause) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }
}
