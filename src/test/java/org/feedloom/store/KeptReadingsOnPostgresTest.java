package org.feedloom.store;

/** {@link KeptReadingsTest} on the tests' PostgreSQL server. */
class KeptReadingsOnPostgresTest extends KeptReadingsTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
