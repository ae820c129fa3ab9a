package org.feedloom.store;

/** {@link ArticleTextsTest} on the tests' PostgreSQL server. */
class ArticleTextsOnPostgresTest extends ArticleTextsTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
