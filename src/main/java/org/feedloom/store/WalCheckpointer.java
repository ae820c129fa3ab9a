package org.feedloom.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies what the writer committed from a SQLite file's write-ahead log into the database file, on a thread and a
 * connection of its own, shortly after each burst of commits ({@code PRAGMA wal_checkpoint(PASSIVE)}: it waits for
 * no reader and no writer, and copies what no reader still needs).
 *
 * <p>Left to SQLite, the connection that commits checkpoints once the log holds {@code wal_autocheckpoint} pages
 * (1,000 by default), inside its commit: its random writes into the database file and two fsyncs then run on the
 * writer, under the store's write lock, for every 4 MB of log. A first fetch cycle into a store holding
 * 100,000 articles writes about 1.4 GB of log (its inserts land on index pages all over the file, few pages twice
 * within a checkpoint), so the one writer, which the fetch workers wait for, spent seconds of its cycle in
 * checkpoints. Here the writer checkpoints only when this thread falls behind by {@link #WRITER_BACKSTOP_PAGES}.
 *
 * <p>Durability is what it was: a commit is in the log before it returns, and a checkpoint fsyncs the log before it
 * copies and the database file after. Thread-safe.
 */
final class WalCheckpointer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    /** The log's length in pages at which a committing writer checkpoints itself (64 MiB of 4 KiB pages). */
    static final int WRITER_BACKSTOP_PAGES = 16_384;
    /**
     * The length the log file is cut back to when it starts again from its beginning (it grows past
     * {@link #WRITER_BACKSTOP_PAGES} while readers hold its end), so that a burst does not leave it large.
     */
    static final long LOG_LIMIT_BYTES = 64L << 20;
    /** How long after a commit the next checkpoint waits, gathering the commits of a burst into one. */
    static final long GAP_MS = 200;

    private final Connection connection;
    private final String file;
    private final Thread thread;
    private final Object signal = new Object();
    /** Commits noted ({@link #committed}), guarded by {@link #signal}. */
    private long commits;
    /** Guarded by {@link #signal}. */
    private boolean closed;
    /** Checkpoints run that copied every page of the log (for tests). */
    private final AtomicLong complete = new AtomicLong();

    private WalCheckpointer(Connection connection, String file) {
        this.connection = connection;
        this.file = file;
        this.thread = new Thread(this::loop, "feedloom-checkpoint");
        this.thread.setDaemon(true);
    }

    /** Starts checkpointing the database of {@code connection} (its own: this closes it), the store's {@code file}. */
    static WalCheckpointer start(Connection connection, String file) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + SqliteStore.BUSY_TIMEOUT_MS);
            s.execute("PRAGMA cache_size = -512"); // a checkpoint reads the log's frames, not through the cache
        }
        WalCheckpointer checkpointer = new WalCheckpointer(connection, file);
        checkpointer.thread.start();
        return checkpointer;
    }

    /** Notes a commit of the writer: a checkpoint follows within about {@link #GAP_MS}. */
    void committed() {
        synchronized (signal) {
            commits++;
            signal.notifyAll();
        }
    }

    /** How many checkpoints found the log entirely copied into the database file when they ended (for tests). */
    long completeCheckpoints() {
        return complete.get();
    }

    /** Whether the thread runs: from {@link #start} until {@link #close} returns. */
    boolean running() {
        return thread.isAlive();
    }

    private void loop() {
        long seen = 0;
        while (true) {
            synchronized (signal) {
                while (commits == seen && !closed) {
                    waitOn(0);
                }
                if (closed) {
                    return;
                }
                // the rest of the burst: the commits meanwhile wake the thread, only the gap's end or close ends it
                long end = System.nanoTime() + GAP_MS * 1_000_000;
                for (long left = GAP_MS; left > 0 && !closed; left = (end - System.nanoTime()) / 1_000_000) {
                    waitOn(left);
                }
                if (closed) {
                    return;
                }
                seen = commits;
            }
            checkpoint();
        }
    }

    private void waitOn(long ms) {
        try {
            signal.wait(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private void checkpoint() {
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // busy, the log's frames, the frames copied (-1 and -1 when the database is not in WAL mode)
            if (r.next() && r.getInt(2) >= 0 && r.getInt(2) == r.getInt(3)) {
                complete.incrementAndGet();
            }
        } catch (SQLException e) {
            LOG.warn("store: a checkpoint of {} failed (the writer checkpoints instead): {}", file, e.getMessage());
        }
    }

    /** Stops the thread, after the checkpoint it is running, and closes its connection. */
    @Override
    public void close() {
        synchronized (signal) {
            closed = true;
            signal.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("store: closing the checkpoint connection of {} failed: {}", file, e.getMessage());
        }
    }
}
