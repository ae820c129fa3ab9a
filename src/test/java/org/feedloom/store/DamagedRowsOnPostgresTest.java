package org.feedloom.store;

/** {@link DamagedRowsTest} on the tests' PostgreSQL server. */
class DamagedRowsOnPostgresTest extends DamagedRowsTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
