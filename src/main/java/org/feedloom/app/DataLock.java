package org.feedloom.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.feedloom.store.StoreException;

/**
 * The lock on a data folder that keeps {@code reindex} apart from every other use of its store: an operating-system
 * lock on {@code <data>/feedloom.lock}, shared by the commands that open the store for their whole run ({@code serve},
 * {@code export}, {@link Main#embed}), exclusive for {@code reindex}. So a reindex refuses to start while a server
 * runs on the folder, and a server refuses to start while a reindex does, in this process or another. The
 * operating system releases it when its process ends, however it ends ({@code kill -9} included); the file itself
 * stays and holds nothing. (Not the database file: SQLite's own locks are POSIX locks on it, which any other lock
 * taken by this process on that file would disturb.)
 *
 * <p>Several shared holders in one process hold one operating-system lock (the JVM refuses two overlapping ones).
 * Thread-safe; {@link #close()} is idempotent.
 */
final class DataLock implements AutoCloseable {
    static final String FILE = "feedloom.lock";
    /** This process's locks, by the lock file's real path; guarded by itself. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Path file;
    private boolean closed;

    private DataLock(Path file) {
        this.file = file;
    }

    /** One operating-system lock of this process, with how many {@link DataLock}s hold it. */
    private static final class Held {
        final FileChannel channel;
        final boolean shared;
        int holders = 1;

        Held(FileChannel channel, boolean shared) {
            this.channel = channel;
            this.shared = shared;
        }
    }

    /**
     * Takes the data folder's lock shared (creating the folder if needed): any number of commands may hold it, no
     * {@code reindex}.
     *
     * @throws StoreException naming the folder when a reindex holds it, or it cannot be taken
     */
    static DataLock shared(Path dataDir) {
        return take(dataDir, true);
    }

    /**
     * Takes the data folder's lock exclusive, for {@code reindex}: no other command holds it meanwhile.
     *
     * @throws StoreException naming the folder when another command holds it, or it cannot be taken
     */
    static DataLock exclusive(Path dataDir) {
        return take(dataDir, false);
    }

    private static DataLock take(Path dataDir, boolean shared) {
        Path file;
        try {
            file = Files.createDirectories(dataDir).toRealPath().resolve(FILE);
        } catch (IOException e) {
            throw new StoreException("store: cannot create the data folder " + dataDir + ": "
                    + (e instanceof java.nio.file.FileAlreadyExistsException ? "a file has its name" : e.getMessage()),
                    e);
        }
        synchronized (HELD) {
            Held held = HELD.get(file);
            if (held != null) {
                if (!shared || !held.shared) {
                    throw inUse(dataDir, shared);
                }
                held.holders++;
                return new DataLock(file);
            }
            HELD.put(file, lock(file, dataDir, shared));
            return new DataLock(file);
        }
    }

    private static Held lock(Path file, Path dataDir, boolean shared) {
        FileChannel channel;
        FileLock lock;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("store: cannot open " + file + ": " + e.getMessage(), e);
        }
        try {
            lock = channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            lock = null; // held in this process by something else than this class
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("store: cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw inUse(dataDir, shared);
        }
        return new Held(channel, shared);
    }

    private static StoreException inUse(Path dataDir, boolean shared) {
        return new StoreException(shared
                ? "store: the data folder " + dataDir + " is being reindexed by another Feedloom; start once it ends"
                : "store: the data folder " + dataDir + " is in use by another Feedloom (a running server, an export "
                        + "or a reindex); stop it first", null);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing releases its lock whatever it reports
        }
    }

    /** Releases this hold; the operating-system lock goes with the last one. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.get(file);
            if (held != null && --held.holders == 0) {
                HELD.remove(file);
                closeQuietly(held.channel); // releases the lock
            }
        }
    }
}
