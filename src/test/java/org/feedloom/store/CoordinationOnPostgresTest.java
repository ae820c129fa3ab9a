package org.feedloom.store;

/** {@link CoordinationTest} on the tests' PostgreSQL server. */
class CoordinationOnPostgresTest extends CoordinationTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
