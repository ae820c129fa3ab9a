package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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
        }
    }
}
