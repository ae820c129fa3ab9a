package org.feedloom.store;

/** {@link ForgetGoneTest} on the tests' PostgreSQL server. */
class ForgetGoneOnPostgresTest extends ForgetGoneTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
