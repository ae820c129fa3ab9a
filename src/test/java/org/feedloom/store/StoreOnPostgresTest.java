package org.feedloom.store;

/** {@link StoreTest} on the tests' PostgreSQL server. */
class StoreOnPostgresTest extends StoreTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
