package org.feedloom.store;

/** {@link MergeCheckpointStoreTest} on the tests' PostgreSQL server. */
class MergeCheckpointStoreOnPostgresTest extends MergeCheckpointStoreTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
