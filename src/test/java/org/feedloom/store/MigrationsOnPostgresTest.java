package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * {@link MigrationsTest} on the tests' PostgreSQL server, and what only PostgreSQL's schema has: a page of a topic
 * read from the front of the topic index's unique index in the feeds' order.
 */
class MigrationsOnPostgresTest extends MigrationsTest {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }

    @Test
    void theTopicIndex_isKeyedInTheFeedsOrder_andItsTextComparesByteWise() throws SQLException {
        open().close();
        assertEquals(1, backend().count("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() "
                + "AND tablename = 'article_topic' "
                + "AND indexdef LIKE '%(topic, updated DESC, published DESC, article_key)%' "
                + "AND indexdef LIKE 'CREATE UNIQUE INDEX%'"));
        assertEquals(0, backend().count("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_schema = current_schema() AND data_type = 'text' "
                + "AND coalesce(collation_name, '') <> 'C'"), "every text column compares as SQLite's do");
    }
}
