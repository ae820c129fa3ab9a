package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What only the SQLite store has: its file and its settings (the contract is in {@link StoreTest}). */
class SqliteStoreTest {
    @TempDir
    Path dir;

    @Test
    void open_fileThatIsNotSqlite_throwsClearStoreException() throws IOException {
        Path notDb = dir.resolve("feedloom.db");
        Files.writeString(notDb, "title: this is a YAML file, not a database\n".repeat(100));
        StoreException e = assertThrows(StoreException.class, () -> SqliteStore.open(notDb));
        assertEquals("store: " + notDb + " is not a SQLite database", e.getMessage());
    }

    @Test
    void open_createsParentFolders_andSetsWalSynchronousForeignKeysAndBusyTimeout() {
        Path db = dir.resolve("a/b/feedloom.db");
        try (SqliteStore store = SqliteStore.open(db)) {
            assertTrue(Files.isRegularFile(db));
            assertEquals("wal", store.pragma("journal_mode"));
            assertEquals("1", store.pragma("synchronous"), "NORMAL");
            assertEquals("1", store.pragma("foreign_keys"));
            assertEquals(String.valueOf(-SqliteStore.CACHE_KIB), store.pragma("cache_size"), "KiB");
            assertEquals(String.valueOf(SqliteStore.BUSY_TIMEOUT_MS), store.pragma("busy_timeout"));
            assertEquals(String.valueOf(WalCheckpointer.WRITER_BACKSTOP_PAGES), store.pragma("wal_autocheckpoint"),
                    "the writer checkpoints only when the checkpoint thread falls behind");
            assertEquals(String.valueOf(WalCheckpointer.LOG_LIMIT_BYTES), store.pragma("journal_size_limit"));
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // no checkpoint coming: stuck
    void aCommit_reachesTheDatabaseFileItself_soonAfter_throughTheCheckpointThread() throws Exception {
        Path db = dir.resolve("feedloom.db");
        SqliteStore store = SqliteStore.open(db);
        try {
            long before = store.completeCheckpoints();
            store.saveFirstSeen(java.util.Map.of("example.com/a", T0)); // a few pages, far below the writer's limit
            while (store.completeCheckpoints() == before) {
                Thread.sleep(10);
            }
            Path alone = Files.createDirectories(dir.resolve("copy")).resolve("feedloom.db");
            Files.copy(db, alone); // the file without its write-ahead log: what a checkpoint copied there
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + alone);
                    java.sql.Statement s = c.createStatement();
                    java.sql.ResultSet r = s.executeQuery("SELECT key FROM first_seen")) {
                assertTrue(r.next());
                assertEquals("example.com/a", r.getString(1));
            }
            store.saveFirstSeen(java.util.Map.of("example.com/b", T0));
            assertEquals(2, store.load().firstSeen().size(), "the store goes on after its checkpoints");
            assertTrue(store.checkpointing());
        } finally {
            store.close();
        }
        assertFalse(store.checkpointing(), "closing the store stops its checkpoint thread");
    }

    private static final java.time.Instant T0 = java.time.Instant.parse("2026-03-01T00:00:00Z");

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a read waiting for the write: a deadlock
    void aRead_neitherWaitsForAWriteInProgress_norSeesIt() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("feedloom.db"))) {
            store.saveFirstSeen(java.util.Map.of("example.com/a", T0));
            java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread writer = new Thread(() -> store.transaction("a long write", true, c -> {
                StateTable.putFirstSeen(c, java.util.Map.of("example.com/b", T0.plusSeconds(1)));
                writing.countDown();
                awaitQuietly(release);
                return null;
            }));
            writer.start();
            writing.await();

            assertEquals(java.util.Map.of("example.com/a", T0), store.load().firstSeen(),
                    "read while the write holds the writer: the last commit, not the write in progress");
            release.countDown();
            writer.join();
            assertEquals(2, store.load().firstSeen().size(), "the write, once committed");
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRead_doesNotWaitForALongRead_andWritesGoOnMeanwhile() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("feedloom.db"))) {
            java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread longRead = new Thread(() -> store.transaction("a long read", false, c -> {
                reading.countDown(); // as the start-up merge reads everything back
                awaitQuietly(release);
                return null;
            }));
            longRead.start();
            reading.await();

            store.saveFirstSeen(java.util.Map.of("example.com/a", T0));
            assertEquals(java.util.Map.of("example.com/a", T0), store.load().firstSeen());
            release.countDown();
            longRead.join();
        }
    }

    @Test
    void afterClose_readsAndWritesSayItIsClosed() {
        SqliteStore store = SqliteStore.open(dir.resolve("feedloom.db"));
        store.close();
        assertTrue(assertThrows(StoreException.class, store::load).getMessage().contains("is closed"));
        assertTrue(assertThrows(StoreException.class, () -> store.saveFirstSeen(java.util.Map.of("a", T0)))
                .getMessage().contains("is closed"));
    }

    @Test
    void releaseIdleMemory_freesTheWritersCacheOnceAfterACallPeriodWithoutWrites() {
        try (SqliteStore store = SqliteStore.open(dir.resolve("feedloom.db"))) {
            store.saveFirstSeen(java.util.Map.of("example.com/a", T0));
            store.releaseIdleMemory();
            assertEquals(0, store.releases(), "the first call only notes how far the store was written");
            store.releaseIdleMemory();
            assertEquals(1, store.releases(), "nothing written since the last call");
            store.releaseIdleMemory();
            assertEquals(1, store.releases(), "released already, and still nothing written");

            store.saveFirstSeen(java.util.Map.of("example.com/b", T0));
            store.releaseIdleMemory();
            assertEquals(1, store.releases(), "a write since the last call");
            store.load(); // a read: the writer's cache is not its
            store.releaseIdleMemory();
            assertEquals(2, store.releases());
            store.saveFirstSeen(java.util.Map.of("example.com/c", T0));
            assertEquals(3, store.load().firstSeen().size(), "written through a released cache, and read back");
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a release waiting for the write: stuck
    void releaseIdleMemory_duringAWriteInProgress_neitherWaitsForItNorTouchesItsConnection() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("feedloom.db"))) {
            java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Thread writer = new Thread(() -> store.transaction("a long write", true, c -> {
                StateTable.putFirstSeen(c, java.util.Map.of("example.com/b", T0));
                writing.countDown();
                awaitQuietly(release);
                return null;
            }));
            writer.start();
            writing.await();
            store.releaseIdleMemory();
            store.releaseIdleMemory(); // idle since the write began: the writer's lock is tried, not waited for

            assertEquals(0, store.releases(), "the writer's connection is busy");
            release.countDown();
            writer.join();
            assertEquals(java.util.Map.of("example.com/b", T0), store.load().firstSeen(), "the write committed");
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
