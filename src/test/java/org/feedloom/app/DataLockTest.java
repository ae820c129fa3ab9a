package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.feedloom.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: the data folder's lock keeps {@code reindex} apart from the commands that use the store. */
class DataLockTest {
    @TempDir Path dir;

    Path data() {
        return dir.resolve("data");
    }

    void assertInUse(Executable take) {
        StoreException e = assertThrows(StoreException.class, take);
        assertTrue(e.getMessage().startsWith("store: the data folder " + data()), e.getMessage());
    }

    @Test
    void aFileWhereTheFolderShouldBe_isSaidSo() throws Exception {
        Files.writeString(data(), "not a folder");
        StoreException e = assertThrows(StoreException.class, () -> DataLock.shared(data()));
        assertTrue(e.getMessage().equals("store: cannot create the data folder " + data() + ": a file has its name"),
                e.getMessage());
    }

    @Test
    void sharedByTheCommandsThatUseTheStore_exclusiveForReindex() {
        try (DataLock serve = DataLock.shared(data()); DataLock export = DataLock.shared(data())) {
            assertInUse(() -> DataLock.exclusive(data()));
            serve.close();
            serve.close();
            assertInUse(() -> DataLock.exclusive(data()));
        }
        try (DataLock reindex = DataLock.exclusive(data())) {
            assertInUse(() -> DataLock.shared(data()));
            assertInUse(() -> DataLock.exclusive(data()));
        }
        DataLock.exclusive(data()).close();
        assertTrue(Files.exists(data().resolve(DataLock.FILE)), "the file stays; it holds nothing");
    }

    @Test
    void serve_whileAReindexHoldsTheFolder_doesNotStart_andStartsOnceItEnds() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Options serve = Options.parse(new String[] {"--port", "0", "--config", dir.resolve("config").toString(),
                "--seeds", MainTest.seeds().toString(), "--data", data().toString()});
        try (DataLock reindexing = DataLock.exclusive(data())) {
            assertNull(Server.start(serve, print, print));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("feedloom: not starting: store: the data folder "
                    + data() + " is being reindexed by another Feedloom"), out.toString(StandardCharsets.UTF_8));
        }
        Server server = Server.start(serve, print, print);
        assertNotNull(server, out.toString(StandardCharsets.UTF_8));
        try {
            assertInUse(() -> DataLock.exclusive(data()));
        } finally {
            server.stop();
        }
        DataLock.exclusive(data()).close();
    }
}
