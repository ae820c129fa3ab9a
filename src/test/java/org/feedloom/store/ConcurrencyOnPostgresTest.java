package org.feedloom.store;

/** {@link ConcurrencyTest} on the tests' PostgreSQL server. */
class ConcurrencyOnPostgresTest extends ConcurrencyTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
