package org.feedloom.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.feedloom.store.SqliteStore;

/** A SQLite store in a folder of its own under the temporary directory, deleted with its folder once closed. */
final class TempStore implements AutoCloseable {
    final SqliteStore store;
    private final Path dir;

    TempStore(String name) throws IOException {
        dir = Files.createTempDirectory(name);
        store = SqliteStore.open(dir.resolve("feedloom.db"));
    }

    @Override
    public void close() throws IOException {
        store.close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
