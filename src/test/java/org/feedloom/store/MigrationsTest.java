package org.feedloom.store;

import static org.feedloom.store.Fixtures.KEEP_ALL;
import static org.feedloom.store.Fixtures.T0;
import static org.feedloom.store.Fixtures.commitFetch;
import static org.feedloom.store.Fixtures.fullArticle;
import static org.feedloom.store.Fixtures.fullItem;
import static org.feedloom.store.Fixtures.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feedloom.canonical.MergeState;
import org.feedloom.model.Article;
import org.feedloom.model.Item;
import org.junit.jupiter.api.Test;

/** The migration runner and the migrations, on SQLite here and on PostgreSQL in {@link MigrationsOnPostgresTest}. */
class MigrationsTest extends StoreContract {

    private static Clock at(int day) {
        return Clock.fixed(Fixtures.day(day), ZoneOffset.UTC);
    }

    /** The rows of schema_version as {@code version description applied_at}. */
    private List<String> versions() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = backend().side(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version, description, applied_at FROM schema_version ORDER BY 1")) {
            while (r.next()) {
                rows.add(r.getInt(1) + " " + r.getString(2) + " " + r.getString(3));
            }
        }
        return rows;
    }

    /** Whether the database has the table {@code name}. */
    private boolean hasTable(String name) {
        try {
            backend().count("SELECT count(*) FROM " + name);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void alter(String table, String change) throws SQLException {
        execute("ALTER TABLE " + table + " " + change);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = backend().side(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Today's code's write of items makes the merge's checkpoint (version 17) unusable: the table exists only while it
     * writes into an older database, as the columns its writes fill do.
     */
    private void whileCheckpointTableExists(SqlWork work) throws SQLException {
        execute("CREATE TABLE merge_checkpoint (stamp TEXT, items INTEGER, fingerprint INTEGER)");
        work.run();
        execute("DROP TABLE merge_checkpoint");
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }

    @Test
    void open_freshDatabase_appliesEveryMigrationInOrder() throws SQLException {
        backend().open(Migrations.ALL, at(0)).close();
        List<String> expected = Migrations.ALL.stream()
                .map(m -> m.version() + " " + m.description() + " " + Fixtures.day(0)).toList();
        assertEquals(expected, versions());
        assertEquals(Migrations.latest(), Migrations.ALL.size());
        assertTrue(hasTable("article_alias"));
    }

    @Test
    void reopen_doesNotApplyMigrationsAgain() throws SQLException {
        backend().open(Migrations.ALL, at(0)).close();
        List<String> first = versions();
        try (JdbcStore store = backend().open(Migrations.ALL, at(1))) {
            store.saveFirstSeen(Map.of("k", T0));
        }
        assertEquals(first, versions());
    }

    @Test
    void databaseAtVersion1_isUpgradedToLatest_keepingItsData() throws SQLException {
        Item item = fullItem("https://example.com/x");
        try (JdbcStore v1 = backend().open(Migrations.ALL.subList(0, 1), at(0))) {
            // today's code writes a state's body hash, a column of version 8, and its items' text hashes, of
            // version 13, and lengths, of version 14: they exist only while this writes (version 14 measures the
            // texts again, and the load below reads the item by what it measured)
            alter("source_state", "ADD COLUMN body_hash TEXT");
            for (String column : List.of("excerpt_hash", "content_hash", "excerpt_length", "content_length")) {
                alter("item", "ADD COLUMN " + column + " BIGINT");
            }
            whileCheckpointTableExists(() -> commitFetch(v1, state("s", 1), List.of(item), KEEP_ALL, T0));
            alter("source_state", "DROP COLUMN body_hash");
            for (String column : List.of("excerpt_hash", "content_hash", "excerpt_length", "content_length")) {
                alter("item", "DROP COLUMN " + column);
            }
        }
        assertFalse(hasTable("article"));

        try (JdbcStore store = backend().open(Migrations.ALL, at(1))) {
            assertEquals(Migrations.latest(), versions().size());
            assertTrue(versions().get(0).endsWith(" " + Fixtures.day(0)), "version 1 not applied again");
            assertEquals(Map.of("s", List.of(item)), store.load().sourceItems());
            store.syncArticles(List.of(fullArticle("example.com/x", "X")));
            assertEquals(1, store.articles().size());
        }
    }

    @Test
    void databaseAtVersion13_measuresEveryStoredText_acrossItsRunsOfRows() throws SQLException {
        Map<String, List<Item>> written = new java.util.TreeMap<>();
        try (JdbcStore v13 = backend().open(Migrations.ALL.subList(0, 13), at(0))) {
            // today's code writes the lengths of version 14: they exist only while this writes
            alter("item", "ADD COLUMN excerpt_length BIGINT");
            alter("item", "ADD COLUMN content_length BIGINT");
            for (String source : List.of("s1", "s2")) { // 2,600 rows: three of the migration's runs of 1,000
                List<Item> items = new ArrayList<>();
                for (int i = 0; i < 1300; i++) {
                    String url = "https://" + source + ".example/" + i;
                    Item plain = Item.ofFeed("source:" + source, url, "Story " + i);
                    items.add(new Item(plain.origin(), plain.provenance(), plain.urls(), plain.title(),
                            i % 7 == 0 ? null : org.feedloom.model.Body.of("Excerpt " + i + " of " + source),
                            org.feedloom.model.Body.of("<p>Content " + i + "</p>"), T0.minusSeconds(i), null, null,
                            null, null, null, null, null, null, null, url, null));
                }
                whileCheckpointTableExists(() -> written.put(source, commitFetch(v13, state(source, 1300), items,
                        KEEP_ALL, T0)));
            }
            alter("item", "DROP COLUMN excerpt_length");
            alter("item", "DROP COLUMN content_length");
        }
        try (JdbcStore store = backend().open(Migrations.ALL, at(1))) {
            assertEquals(Migrations.latest(), versions().size());
            Map<String, List<Item>> read = new java.util.TreeMap<>(store.load().sourceItems());
            assertEquals(written, read, "every item, its texts by the lengths and hashes measured");
            for (List<Item> items : read.values()) {
                for (Item i : items) {
                    assertEquals("<p>Content " + i.title().substring("Story ".length()) + "</p>", i.content());
                }
            }
        }
    }

    @Test
    void databaseAtVersion2_getsTheTopicIndexOfItsStoredArticles() throws SQLException {
        Article x = new Article("example.com/x", "https://example.com/x", List.of("example.com/x"),
                List.of("https://example.com/x"), "X", null, null, Instant.parse("2024-03-01T10:15:30Z"),
                Instant.parse("2024-03-01T10:15:30.5Z"), null, List.of("AI", "Vision"), List.of(), List.of(),
                List.of(), null, List.of(), List.of(), org.feedloom.model.Origin.FEED, null);
        try (JdbcStore v2 = backend().open(Migrations.ALL.subList(0, 2), at(0))) {
            assertEquals(2, versions().size());
        }
        try (Connection c = backend().side(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO article (key, url, aliases, title, published, updated, topics, categories, images, "
                    + "related, feeds, provenance, origin, hash) VALUES ('example.com/x', 'https://example.com/x', "
                    + "'[\"https://example.com/x\"]', 'X', '2024-03-01T10:15:30Z', '2024-03-01T10:15:30.500Z', "
                    + "'[\"AI\",\"Vision\"]', '[]', '[]', '[]', '[]', '[]', 'FEED', 'hash-of-version-2')");
            s.execute("INSERT INTO article_alias VALUES ('example.com/x', 0, 'example.com/x')");
        }
        try (JdbcStore store = backend().open(Migrations.ALL, at(1))) {
            assertEquals(3, backend().count("SELECT count(*) FROM article_topic"), "under all, AI and Vision");
            assertEquals(List.of(x), store.newestArticles(10), "served at once, before any sync");
        }
    }

    @Test
    void databaseAtVersion19_keepsItsMergedArchive_itsMembersMovedIntoRowsOfTheirOwn() throws SQLException {
        List<Item> members = List.of(
                item("https://news.example.org/a", "<p>The words of the first mention.</p>"),
                item("https://news.example.org/a?utm_source=feed", "<p>The second's.</p>"));
        Article article = org.feedloom.canonical.ArticleMerger.merge(members, k -> T0).get(0);
        try (JdbcStore v19 = backend().open(Migrations.ALL.subList(0, 19), at(0))) {
            assertEquals(19, versions().size());
        }
        try (Connection c = backend().side(); PreparedStatement p = c.prepareStatement("INSERT INTO merged_article ("
                + ArticleTable.COLUMNS + ", alias_keys, related_keys, members, anchors) VALUES ("
                + "?, ".repeat(ArticleTable.COLUMN_COUNT + 3) + "?)")) {
            ArticleTable.bind(p, ArticleTable.row(article));
            p.setString(ArticleTable.COLUMN_COUNT + 1, ModelJson.strings(article.aliasKeys()));
            p.setString(ArticleTable.COLUMN_COUNT + 2, "[]");
            p.setString(ArticleTable.COLUMN_COUNT + 3, ModelJson.items(members)); // as version 19 kept them
            p.setBytes(ArticleTable.COLUMN_COUNT + 4, Sql.bytes(new long[] {7}));
            p.executeUpdate();
            for (String aliasKey : article.aliasKeys()) {
                execute("INSERT INTO merged_alias VALUES ('" + aliasKey + "', '" + article.key() + "')");
            }
            execute("INSERT INTO merged_anchor VALUES (7, '" + article.key() + "')");
        }
        try (JdbcStore store = backend().open(Migrations.ALL, at(1))) {
            assertEquals(List.of(article), store.merging(in -> in.state().articles()));
            assertEquals(members, store.merging(in -> in.state().members(article.key())));
            assertEquals("<p>The second's.</p>", store.merging(in -> in.state().members(article.key())).get(1).excerpt());
            assertEquals(article, store.merging(in -> in.state().ownerOf(article.aliasKeys().get(0))));
            assertEquals(java.util.Set.of(article.key()), store.merging(in -> in.state().anchoredBy(7, 10)));
        }
        assertEquals(2, backend().count("SELECT count(*) FROM merged_member"));
        assertThrows(SQLException.class, () -> backend().count("SELECT count(members) FROM merged_article"),
                "the column is gone");
    }

    @Test
    void databaseAtVersion20_keepsItsMembers_inATableWhoseRowsOfAKilobyteFitItsPages() throws SQLException {
        String words = "<p>" + "The words of a long first mention, said again. ".repeat(30) + "</p>";
        List<Item> members = List.of(
                item("https://news.example.org/a", words),
                item("https://news.example.org/a?utm_source=feed", "<p>The second's.</p>"));
        Article article = org.feedloom.canonical.ArticleMerger.merge(members, k -> T0).get(0);
        try (JdbcStore v20 = backend().open(Migrations.ALL.subList(0, 20), at(0))) {
            assertEquals(20, versions().size());
        }
        try (Connection c = backend().side(); PreparedStatement p = c.prepareStatement("INSERT INTO merged_article ("
                + ArticleTable.COLUMNS + ", alias_keys, related_keys, anchors) VALUES ("
                + "?, ".repeat(ArticleTable.COLUMN_COUNT + 2) + "?)")) { // the rows version 20 wrote
            ArticleTable.bind(p, ArticleTable.row(article));
            p.setString(ArticleTable.COLUMN_COUNT + 1, ModelJson.strings(article.aliasKeys()));
            p.setString(ArticleTable.COLUMN_COUNT + 2, "[]");
            p.setBytes(ArticleTable.COLUMN_COUNT + 3, Sql.bytes(new long[] {7}));
            p.executeUpdate();
            long id = backend().count("SELECT id FROM merged_article");
            for (int i = 0; i < members.size(); i++) {
                execute("INSERT INTO merged_member VALUES (" + id + ", " + i + ", '"
                        + ModelJson.member(members.get(i)).replace("'", "''") + "')");
            }
            for (String aliasKey : article.aliasKeys()) {
                execute("INSERT INTO merged_alias VALUES ('" + aliasKey + "', " + id + ")");
            }
            execute("INSERT INTO merged_anchor VALUES (7, " + id + ")");
        }
        try (JdbcStore store = backend().open(Migrations.ALL, at(1))) {
            assertEquals(members, store.merging(in -> in.state().members(article.key())));
            assertEquals(java.util.Set.of(article.key()), store.merging(in -> in.state().anchoredBy(7, 10)));
            assertEquals(org.feedloom.canonical.FoldStamp.of(members),
                    store.merging(in -> in.state().foldStamps(article.key())), "a row without stamps: its members'");
            Item third = item("https://news.example.org/a?ref=rss", "<p>The third's.</p>");
            List<Item> more = List.of(members.get(0), members.get(1), third);
            store.merging(in -> {
                MergeState state = in.state();
                state.remove(article.key());
                state.put(article, more, java.util.Set.of(), new long[] {7});
                return null;
            });
            assertEquals(more, store.merging(in -> in.state().members(article.key())), "appended after the move");
            assertEquals(org.feedloom.canonical.FoldStamp.of(more),
                    store.merging(in -> in.state().foldStamps(article.key())));
        }
        assertEquals(1, backend().count("SELECT count(*) FROM merged_article WHERE fold_stamps IS NOT NULL"),
                "the put kept its stamps");
        assertEquals(3, backend().count("SELECT count(*) FROM merged_member"));
        if (backend() instanceof Backend.Sqlite) {
            // a table WITHOUT ROWID keeps at most about a quarter of a page of a record in its page and sends the
            // rest of a member's (about a kilobyte) to an overflow page of its own: a table of rows has them
            assertEquals(3, backend().count("SELECT count(rowid) FROM merged_member"));
        }
    }

    private static Item item(String url, String excerpt) {
        return new Item(org.feedloom.model.Origin.FEED, "source:a", List.of(url), "A story",
                org.feedloom.model.Body.of(excerpt), null, T0, null, null, List.of(), List.of(), List.of(), List.of(),
                null, null, org.feedloom.model.SeedFacts.NONE, url, null);
    }

    @Test
    void databaseAtVersion7_keepsItsSourceStates_withoutABodyHash_andThenStoresOne_issue14() throws SQLException {
        try (JdbcStore v7 = backend().open(Migrations.ALL.subList(0, 7), at(0))) {
            assertEquals(7, versions().size());
        }
        try (Connection c = backend().side(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO source_state VALUES ('s', 'https://s.example/feed', 'https://s.example/rss', "
                    + "'\"etag-1\"', 'Fri, 01 Mar 2024 10:15:30 GMT', 'OK', 0, '" + T0 + "', '" + T0.plusMillis(5)
                    + "', '" + T0.plusSeconds(1800) + "', 200, 20, 1, NULL)");
        }
        try (JdbcStore store = backend().open(Migrations.ALL, at(1))) {
            assertEquals(Map.of("s", state("s", 1)), store.load().states());
            commitFetch(store, state("s", 1).withBodyHash("ab12"), List.of(), KEEP_ALL, T0);
        }
        try (JdbcStore store = backend().open(Migrations.ALL, at(2))) {
            assertEquals("ab12", store.load().states().get("s").bodyHash());
        }
    }

    @Test
    void databaseNewerThanTheCode_isRefused() throws SQLException {
        open().close();
        try (Connection c = backend().side(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version VALUES (99, 'from the future', '2030-01-01T00:00:00Z')");
        }
        StoreException e = assertThrows(StoreException.class, () -> open());
        assertEquals("store: " + backend().name() + " has schema version 99, newer than this version of Feedloom knows ("
                + Migrations.latest() + "); run a newer Feedloom or restore a backup", e.getMessage());
    }

    @Test
    void failingMigration_isRolledBackWhole_andTheDatabaseStaysAtThePreviousVersion() throws SQLException {
        open().close();
        List<Migrations.Migration> withBad = new ArrayList<>(Migrations.ALL);
        withBad.add(new Migrations.Migration(Migrations.latest() + 1, "broken",
                List.of("CREATE TABLE half_done (x TEXT)", "CREATE TABLE half_done (y TEXT)")));
        StoreException e = assertThrows(StoreException.class, () -> backend().open(withBad, at(2)));
        assertTrue(e.getMessage().startsWith("store: " + backend().name() + ": migration " + (Migrations.latest() + 1)
                + " (broken) failed: "), e.getMessage());
        assertEquals(Migrations.latest(), versions().size());
        assertFalse(hasTable("half_done"));
        open().close();
    }

    @Test
    void failingJavaStep_rollsBackItsMigrationsStatementsToo() throws SQLException {
        open().close();
        List<Migrations.Migration> withBad = new ArrayList<>(Migrations.ALL);
        withBad.add(new Migrations.Migration(Migrations.latest() + 1, "broken step",
                List.of("CREATE TABLE half_done (x TEXT)"), (c, at) -> {
                    throw new SQLException("the step failed");
                }));
        StoreException e = assertThrows(StoreException.class, () -> backend().open(withBad, at(2)));
        assertTrue(e.getMessage().endsWith("(broken step) failed: the step failed"), e.getMessage());
        assertEquals(Migrations.latest(), versions().size());
        assertFalse(hasTable("half_done"));
    }
}
