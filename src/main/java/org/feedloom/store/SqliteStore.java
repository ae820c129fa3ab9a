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
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.feedloom.model.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ArticleStore} in one SQLite file (the app uses {@code <data>/feedloom.db}); the tables are described
 * in the package documentation.
 *
 * <p><b>Durability.</b> The database runs in WAL mode with {@code synchronous=NORMAL}: a transaction is committed
 * once its pages are written to the {@code -wal} file, and the WAL is fsynced at checkpoints (run by a thread of
 * their own shortly after commits, {@link WalCheckpointer}, not by the writer). That survives the
 * process being killed at any point ({@code kill -9}, a crash, an out-of-memory error): every method that
 * returned is there after a restart, a method interrupted half-way is not there at all. A power loss or OS crash
 * may lose the last few commits (never corrupting the file); that is chosen over {@code synchronous=FULL}, which
 * fsyncs every commit, because everything stored can be fetched again: the lost fetches' validators are lost with
 * their items, so the next poll simply fetches them again. Foreign keys are on; a busy timeout of
 * {@value #BUSY_TIMEOUT_MS} ms covers another process (a {@code sqlite3 .backup}) holding the file briefly.
 *
 * <p><b>Thread-safety.</b> Thread-safe. Writes go through one connection, one method at a time under a lock, each
 * method one transaction begun {@code IMMEDIATE}; a commit holds the lock for its whole transaction, so callers that
 * must not wait on one (fetch workers) should not call the store themselves: one writing thread commits their
 * results several at a time. Reads go through {@value #READERS} other connections, one method's transaction at a
 * time on each: in WAL mode a read sees the last commit before it began and neither waits for a writer nor holds one
 * up, so a page read while a batch commits, or while the start-up merge reads everything back, does not wait for
 * it. A {@link #load()} therefore sees every {@link #commitBatch} entirely or not at all.
 *
 * <p>Inputs are not modified. After {@link #close()} every method throws a {@link StoreException}.
 */
public final class SqliteStore extends JdbcStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
    static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int SQLITE_NOTADB = 26;

    /** Connections for reads, besides the writer's: one for a long read (a load, a reindex) and others for pages. */
    static final int READERS = 3;

    private final Connection connection;
    /** Copies the writer's commits from the write-ahead log into the database file, off the writer. */
    private final WalCheckpointer checkpointer;
    /** The read connections not in use; given back after each read, closed instead once the store is. */
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final String file;
    private volatile boolean closed;
    /** Write transactions begun; see {@link #releaseIdleMemory()}. */
    private final AtomicLong writes = new AtomicLong();
    /** {@link #writes} at the last {@link #releaseIdleMemory()}; only that method reads and writes it. */
    private long writesSeen = -1;
    /** {@link #writes} when the writer's cache was last released: once per idle spell. */
    private long releasedAt = -1;
    /** How many times {@link #releaseIdleMemory()} freed the writer's cache (for tests). */
    private int releases;

    private SqliteStore(Connection connection, List<Connection> readers, WalCheckpointer checkpointer, String file) {
        this.connection = connection;
        this.checkpointer = checkpointer;
        this.readers.addAll(readers);
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

    /**
     * Gives SQLite's driver a folder of Feedloom's own for the native library it unpacks, with what killed processes
     * left there removed ({@link NativeLibraryFolder}), unless {@code -Dorg.sqlite.tmpdir} chose one. Once per JVM,
     * before the driver first loads: {@link #open} calls it, and a caller that loads the driver earlier (to have it
     * ready sooner) calls it first.
     */
    public static void prepareNativeLibrary() {
        NativeLibraryFolder.prepare();
    }

    /** {@link #open(Path)} with other migrations and clock, for tests of the migration runner. */
    static SqliteStore open(Path dbFile, List<Migrations.Migration> migrations, Clock clock) {
        Checks.notNull(dbFile, "dbFile");
        prepareNativeLibrary();
        Path path = dbFile.toAbsolutePath();
        String file = dbFile.toString();
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new StoreException("store: cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        Connection c;
        try {
            c = connect(path);
        } catch (SQLException e) {
            throw new StoreException("store: cannot open " + file + ": " + e.getMessage(), e);
        }
        List<Connection> readers = new java.util.ArrayList<>();
        Connection checkpoints = null;
        try {
            configure(c, file);
            Migrations.apply(c, Dialect.SQLITE, migrations, clock, file);
            for (int i = 0; i < READERS; i++) {
                Connection r = connect(path);
                readers.add(r);
                configureReader(r);
            }
            checkpoints = connect(path);
            return new SqliteStore(c, readers, WalCheckpointer.start(checkpoints, file), file);
        } catch (SQLException | RuntimeException e) {
            readers.forEach(r -> closeQuietly(r, e));
            if (checkpoints != null) {
                closeQuietly(checkpoints, e);
            }
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

    /**
     * The driver's settings: no generated keys. The store never asks for them, and the driver otherwise runs a
     * second statement after every INSERT to fetch them (a fifth of the writer's time when a first fetch cycle
     * stores 60,000 items).
     */
    private static java.util.Properties connectionProperties() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("jdbc.get_generated_keys", "false");
        return p;
    }

    /** A new connection to the database file at {@code path}: the writer's, a reader's or the checkpoints'. */
    private static Connection connect(Path path) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + path, connectionProperties());
    }

    /**
     * The writer's page cache, in KiB (SQLite's default is 2 MiB). A first fetch cycle inserts tens of thousands of
     * rows into indexes keyed by URL, in no order; with the default, most of those inserts read and spill pages:
     * storing 51,482 articles took 5.4 s against 2.8 s with 16 MiB (2.4 s with 32 MiB). The cache is given back when
     * the store is idle ({@link #releaseIdleMemory()}), so its size costs a server at rest nothing, only a burst's
     * peak: with 64 MiB that sync took 2.4-3.1 s against 2.8-3.5 s with 16 MiB (four first cycles each, JIT warm,
     * 2026-12-05).
     */
    static final int CACHE_KIB = 64 * 1024;

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
            s.execute("PRAGMA cache_size = -" + CACHE_KIB);
            s.execute("PRAGMA wal_autocheckpoint = " + WalCheckpointer.WRITER_BACKSTOP_PAGES);
            s.execute("PRAGMA journal_size_limit = " + WalCheckpointer.LOG_LIMIT_BYTES);
        }
    }

    /**
     * A read connection: the same busy timeout, reads only, SQLite's default page cache (a long read fills it once;
     * the writer's larger cache is for the inserts into indexes keyed by URL).
     */
    private static void configureReader(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
            s.execute("PRAGMA query_only = ON");
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Frees the writer's page cache ({@code PRAGMA shrink_memory}) when no write began since the last call (once
     * until the next write). Its {@value #CACHE_KIB} KiB are for a fetch cycle's bursts of inserts; kept between
     * cycles they were about 16 MB of a 100,000-article server's resident memory (once the JVM gives the native
     * heap's free memory back, as the README's options have it). The pages freed stay in the operating system's file
     * cache, so the next write reads them back cheaply. The connection is skipped while a write holds it (the lock is
     * tried, not waited for). The read connections keep their caches (2 MiB each, SQLite's default): a page rendered
     * after an idle spell read from released ones took about 2 ms more.
     */
    @Override
    public synchronized void releaseIdleMemory() {
        long written = writes.get();
        boolean idle = written == writesSeen;
        writesSeen = written;
        if (!idle || written == releasedAt || closed) {
            return; // written since the last call, or released since the last write
        }
        if (lock.tryLock()) {
            try {
                if (!closed) {
                    shrinkWriterCache();
                    releasedAt = written;
                    releases++;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** How many times {@link #releaseIdleMemory()} freed the writer's page cache. */
    synchronized int releases() {
        return releases;
    }

    private void shrinkWriterCache() {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA shrink_memory");
        } catch (SQLException e) {
            LOG.warn("store: freeing the page cache of {} failed: {}", file, e.getMessage());
        }
    }

    /** The value of a PRAGMA on the writer's connection (for tests of the settings). */
    String pragma(String name) {
        return transaction("read pragma " + name, true, c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
                return r.next() ? r.getString(1) : null;
            }
        });
    }

    /** How many checkpoints found the write-ahead log entirely copied into the file (for tests). */
    long completeCheckpoints() {
        return checkpointer.completeCheckpoints();
    }

    /** Whether the checkpoint thread runs (for tests). */
    boolean checkpointing() {
        return checkpointer.running();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                checkpointer.close(); // the writer's connection, closed last, checkpoints what is left
                synchronized (readers) { // a read still running closes its connection when it ends
                    readers.forEach(r -> closeQuietly(r, new SQLException("closing a reader")));
                    readers.clear();
                }
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

    /** One process writes a SQLite file (the app holds its data folder's lock). */
    @Override
    boolean soleWriter() {
        return true;
    }

    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }

    /**
     * Runs {@code work} in one transaction, committed if it returns, rolled back if it throws: a write on the
     * writer's connection under the lock, a read on a read connection of its own.
     *
     * <p>With this class's log at debug level each write says how long it waited for the lock, how long it held it
     * and how much of that its thread was on a core: the one writer and the rebuilds' syncs queue for the lock, so a
     * busy cycle is the lock's queue ({@code bench/lib/lock_queue.py} sums those lines).
     */
    @Override
    <T> T transaction(String what, boolean write, Work<T> work) {
        if (!write) {
            return read(what, work);
        }
        writes.incrementAndGet();
        LockTimes times = LOG.isDebugEnabled() ? new LockTimes() : null;
        lock.lock();
        if (times != null) {
            times.locked();
        }
        try {
            T result = run(connection, what, "BEGIN IMMEDIATE", work);
            checkpointer.committed();
            return result;
        } finally {
            lock.unlock();
            if (times != null) {
                times.log(what);
            }
        }
    }

    /** The times of one write transaction, for the debug log: asked for, locked, and the thread's CPU since. */
    private static final class LockTimes {
        private static final java.lang.management.ThreadMXBean THREADS =
                java.lang.management.ManagementFactory.getThreadMXBean();
        private final long asked = System.nanoTime();
        private long locked;
        private long cpuAtLock;

        void locked() {
            locked = System.nanoTime();
            cpuAtLock = THREADS.getCurrentThreadCpuTime();
        }

        void log(String what) {
            long held = System.nanoTime() - locked;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuAtLock;
            LOG.debug("write lock: {} waited {} ms, held {} ms, on a core {} ms: {}", Thread.currentThread().getName(),
                    (locked - asked) / 1_000_000, held / 1_000_000, cpu / 1_000_000, what);
        }
    }

    private <T> T read(String what, Work<T> work) {
        if (closed) { // else the poll below would wait for a reader that never comes back
            throw closedFor(what);
        }
        Connection c;
        try {
            c = readers.poll(BUSY_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("store: interrupted waiting to " + what + " on " + file, e);
        }
        if (c == null) {
            throw closed ? closedFor(what) : new StoreException("store: " + what + " on " + file
                    + ": every read connection busy for " + BUSY_TIMEOUT_MS + " ms", null);
        }
        try {
            return run(c, what, "BEGIN", work);
        } finally {
            synchronized (readers) {
                if (closed) {
                    closeQuietly(c, new SQLException("closing a reader"));
                } else {
                    readers.add(c);
                }
            }
        }
    }

    private <T> T run(Connection c, String what, String begin, Work<T> work) {
        if (closed) {
            throw closedFor(what);
        }
        try (Statement s = c.createStatement()) {
            s.execute(begin);
            try {
                T result = work.run(c);
                s.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(s, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("store: " + what + " failed on " + file + ": " + e.getMessage(), e);
        }
    }

    private StoreException closedFor(String what) {
        return new StoreException("store: " + file + " is closed (" + what + ")", null);
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
}
