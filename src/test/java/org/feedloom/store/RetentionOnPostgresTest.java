package org.feedloom.store;

/** {@link RetentionTest} on the tests' PostgreSQL server. */
class RetentionOnPostgresTest extends RetentionTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
