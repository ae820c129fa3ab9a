package org.feedloom.store;

/** {@link FoldEvidenceTest} on the tests' PostgreSQL server. */
class FoldEvidenceOnPostgresTest extends FoldEvidenceTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
