package org.feedloom.store;

/** {@link TextAnchorsTest} on the tests' PostgreSQL server. */
class TextAnchorsOnPostgresTest extends TextAnchorsTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
