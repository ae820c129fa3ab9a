package org.feedloom.store;

/** {@link MergeStateTest} on the tests' PostgreSQL server. */
class MergeStateOnPostgresTest extends MergeStateTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
