package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link UnshownMergesTest}'s rule on PostgreSQL, a database instances share: a merge notes nothing (another
 * instance's merges are not this one's syncs to show), and a sync keeps no rule, so a restart shows every article.
 */
class UnshownMergesOnPostgresTest extends StoreContract {
    @Override
    Backend newBackend() {
        return Backend.postgres();
    }

    @Test
    void aSharedStore_notesNothing() {
        try (JdbcStore store = open()) {
            assertEquals(0, UnshownMergesTest.merge(store, "a"));
            store.syncChange(new ArticleStore.Change(List.of(), Set.of()), new ArticleStore.Showing("r", 1));
            assertEquals(new ArticleStore.Unshown(null, Set.of(), 0), store.unshown());
            assertEquals(new ArticleStore.ShownCheck(store.unshown(), 0, 0), store.checkShown());
        }
    }
}
