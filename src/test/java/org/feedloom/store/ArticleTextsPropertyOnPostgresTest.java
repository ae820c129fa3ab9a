package org.feedloom.store;

/** {@link ArticleTextsPropertyTest} on the tests' PostgreSQL server. */
class ArticleTextsPropertyOnPostgresTest extends ArticleTextsPropertyTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }
}
