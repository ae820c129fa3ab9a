package org.feedloom.store;

/** {@link ArticleSnapshotTest} on the tests' PostgreSQL server. */
class ArticleSnapshotOnPostgresTest extends ArticleSnapshotTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
