package org.feedloom.store;

/** {@link CommitBatchTest} on the tests' PostgreSQL server. */
class CommitBatchOnPostgresTest extends CommitBatchTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
