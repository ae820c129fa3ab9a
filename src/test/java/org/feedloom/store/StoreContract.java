package org.feedloom.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the store's contract tests: they open the store on {@link #backend()}, a SQLite file here; each has a
 * subclass running the same tests on PostgreSQL.
 */
abstract class StoreContract {
    @TempDir
    Path dir;
    private Backend backend;

    /** The database of this class's tests: a SQLite file in the test's folder (PostgreSQL in the subclasses). */
    Backend newBackend() {
        return Backend.sqlite(dir);
    }

    /** The test's database, made at the first call. */
    final Backend backend() {
        if (backend == null) {
            backend = newBackend();
        }
        return backend;
    }

    /** Opens (again) the store on the test's database. */
    final JdbcStore open() {
        return backend().open();
    }
}
