package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered schema migrations and the runner that applies them. The {@code schema_version} table has one row per
 * applied migration (version, description, when); the database's version is the highest. Each migration runs in its
 * own transaction together with its {@code schema_version} row, so a migration is applied entirely or not at all;
 * one that fails leaves the database at the version before it. Migrations are append-only: a released one is never
 * edited, a change is a new one.
 *
 * <p>Not thread-safe; runs while the store opens, before the connection is shared.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /**
     * One schema step: its version (1, 2, ... without gaps), a one-line description, its SQL statements (as SQLite
     * runs them; {@link Dialect#schema} gives PostgreSQL's), and what must be computed in Java after them (in the
     * same transaction), such as filling a new table from old rows. {@code typed}, when not null, replaces
     * {@code statements} on a database that needs every column typed (PostgreSQL), where SQLite's allow untyped ones.
     */
    record Migration(int version, String description, List<String> statements, Step then, List<String> typed) {
        Migration {
            statements = List.copyOf(statements);
            typed = typed == null ? null : List.copyOf(typed);
        }

        Migration(int version, String description, List<String> statements, Step then) {
            this(version, description, statements, then, null);
        }

        Migration(int version, String description, List<String> statements) {
            this(version, description, statements, (c, at) -> { });
        }
    }

    /** Work of a migration that SQL alone does not express; {@code appliedAt} is the migration's time. */
    @FunctionalInterface
    interface Step {
        void run(Connection c, Instant appliedAt) throws SQLException;
    }

    /** Every migration this code knows, in order; the last one's version is the schema version of the code. */
    static final List<Migration> ALL = List.of(
            new Migration(1, "live items per source, source states, first-seen times, tombstones", List.of(
                    """
                    CREATE TABLE source_state (
                        source_id TEXT PRIMARY KEY, url TEXT, feed_url TEXT, etag TEXT, last_modified TEXT,
                        status TEXT NOT NULL, failures INTEGER NOT NULL, last_attempt TEXT, last_success TEXT,
                        next_fetch TEXT, http_status INTEGER NOT NULL, items_in_last INTEGER NOT NULL,
                        new_items INTEGER NOT NULL, error TEXT)""",
                    """
                    CREATE TABLE item (
                        source_id TEXT NOT NULL, key TEXT NOT NULL,
                        origin TEXT NOT NULL, provenance TEXT NOT NULL, urls TEXT NOT NULL, title TEXT NOT NULL,
                        excerpt TEXT, content TEXT, published TEXT, updated TEXT, provider TEXT,
                        topics TEXT NOT NULL, categories TEXT NOT NULL, images TEXT NOT NULL, related TEXT NOT NULL,
                        author TEXT, feed_id TEXT, feed_title TEXT, feed_link TEXT,
                        fact_category TEXT, fact_type TEXT, fact_quality INTEGER, fact_heat INTEGER,
                        fact_published INTEGER, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
                        PRIMARY KEY (source_id, key))""",
                    """
                    CREATE TABLE item_alias (
                        source_id TEXT NOT NULL, key TEXT NOT NULL, alias_key TEXT NOT NULL,
                        PRIMARY KEY (source_id, key, alias_key),
                        FOREIGN KEY (source_id, key) REFERENCES item (source_id, key) ON DELETE CASCADE)""",
                    "CREATE INDEX item_alias_by_alias ON item_alias (alias_key)",
                    "CREATE TABLE first_seen (key TEXT PRIMARY KEY, first_seen TEXT NOT NULL)",
                    """
                    CREATE TABLE tombstone (
                        source_id TEXT NOT NULL, alias_key TEXT NOT NULL, removed_at TEXT NOT NULL,
                        PRIMARY KEY (source_id, alias_key))""")),
            new Migration(2, "articles snapshot with alias keys and content hashes", List.of(
                    """
                    CREATE TABLE article (
                        key TEXT PRIMARY KEY, url TEXT NOT NULL, aliases TEXT NOT NULL, title TEXT NOT NULL,
                        excerpt TEXT, content TEXT, published TEXT NOT NULL, updated TEXT NOT NULL, provider TEXT,
                        topics TEXT NOT NULL, categories TEXT NOT NULL, images TEXT NOT NULL, related TEXT NOT NULL,
                        author TEXT, feeds TEXT NOT NULL, provenance TEXT NOT NULL, origin TEXT NOT NULL,
                        fact_category TEXT, fact_type TEXT, fact_quality INTEGER, fact_heat INTEGER,
                        fact_published INTEGER, hash TEXT NOT NULL)""",
                    """
                    CREATE TABLE article_alias (
                        article_key TEXT NOT NULL REFERENCES article (key) ON DELETE CASCADE,
                        position INTEGER NOT NULL, alias_key TEXT NOT NULL,
                        PRIMARY KEY (article_key, position))""",
                    "CREATE INDEX article_alias_by_alias ON article_alias (alias_key)")),
            new Migration(3, "the articles snapshot's newest articles per topic, for serving at start-up", List.of(
                    """
                    CREATE TABLE article_topic (
                        topic TEXT NOT NULL, updated INTEGER NOT NULL, published INTEGER NOT NULL,
                        article_key TEXT NOT NULL REFERENCES article (key) ON DELETE CASCADE,
                        PRIMARY KEY (topic, updated, published, article_key)) WITHOUT ROWID""",
                    "CREATE INDEX article_topic_by_article ON article_topic (article_key)"),
                    (c, at) -> ArticleTable.indexTopics(c)),
            new Migration(4, "every published entry id with the alias keys it was published under", List.of(
                    """
                    CREATE TABLE published_id (
                        alias_key TEXT PRIMARY KEY, id_key TEXT NOT NULL, published_at TEXT NOT NULL)"""),
                    PublishedIdTable::fromArticles),
            new Migration(5, "the topic index keyed in the feeds' order, so a page is a range of it", List.of(
                    """
                    CREATE TABLE article_topic_in_feed_order (
                        topic TEXT NOT NULL, updated INTEGER NOT NULL, published INTEGER NOT NULL,
                        article_key TEXT NOT NULL REFERENCES article (key) ON DELETE CASCADE,
                        PRIMARY KEY (topic, updated DESC, published DESC, article_key)) WITHOUT ROWID""",
                    "INSERT INTO article_topic_in_feed_order SELECT topic, updated, published, article_key "
                            + "FROM article_topic",
                    "DROP TABLE article_topic",
                    "ALTER TABLE article_topic_in_feed_order RENAME TO article_topic",
                    "CREATE INDEX article_topic_by_article ON article_topic (article_key)")),
            new Migration(6, "the merged archive: every merged article with its members, alias index, references",
                    List.of("CREATE TABLE merged_article (" + ArticleTable.COLUMNS.replace("key,", "key PRIMARY KEY,")
                                    + ", alias_keys TEXT NOT NULL, related_keys TEXT NOT NULL, members TEXT NOT NULL)",
                            "CREATE TABLE merged_alias (alias_key TEXT PRIMARY KEY, article_key TEXT NOT NULL) "
                                    + "WITHOUT ROWID",
                            """
                            CREATE TABLE merged_reference (alias_key TEXT NOT NULL, article_key TEXT NOT NULL,
                                PRIMARY KEY (alias_key, article_key)) WITHOUT ROWID"""),
                    (c, at) -> { },
                    List.of("CREATE TABLE merged_article (" + typed(ArticleTable.COLUMNS).replace("key TEXT,",
                                    "key TEXT PRIMARY KEY,")
                                    + ", alias_keys TEXT NOT NULL, related_keys TEXT NOT NULL, members TEXT NOT NULL)",
                            "CREATE TABLE merged_alias (alias_key TEXT PRIMARY KEY, article_key TEXT NOT NULL)",
                            """
                            CREATE TABLE merged_reference (alias_key TEXT NOT NULL, article_key TEXT NOT NULL,
                                PRIMARY KEY (alias_key, article_key))""")),
            new Migration(7, "the merged archive's anchor index: which articles' texts have an anchor", List.of(
                    "ALTER TABLE merged_article ADD COLUMN anchors BLOB",
                    """
                    CREATE TABLE merged_anchor (anchor INTEGER NOT NULL, article_key TEXT NOT NULL,
                        PRIMARY KEY (anchor, article_key)) WITHOUT ROWID"""),
                    (c, at) -> { },
                    List.of("ALTER TABLE merged_article ADD COLUMN anchors BYTEA",
                            """
                            CREATE TABLE merged_anchor (anchor INTEGER NOT NULL, article_key TEXT NOT NULL,
                                PRIMARY KEY (anchor, article_key))""")),
            new Migration(8, "each source's hash of the body of its last 200, for servers that ignore conditional GET",
                    List.of("ALTER TABLE source_state ADD COLUMN body_hash TEXT")),
            new Migration(9, "the evidence of every fold of a syndicated copy, the latest per copy", List.of(
                    """
                    CREATE TABLE fold (
                        copy_key TEXT PRIMARY KEY, url TEXT NOT NULL, copy_url TEXT NOT NULL, copy_provider TEXT,
                        containment TEXT NOT NULL, shared INTEGER NOT NULL, shingles INTEGER NOT NULL, phrase TEXT,
                        folded_at INTEGER NOT NULL)""")),
            new Migration(10, "the evidence of every pair of articles linked as coverage of one story", List.of(
                    """
                    CREATE TABLE story_link (
                        pair_key TEXT PRIMARY KEY, url TEXT NOT NULL, other_url TEXT NOT NULL, other_provider TEXT,
                        terms TEXT NOT NULL, linked_at INTEGER NOT NULL)""")),
            new Migration(11, "instances sharing one database: source leases, per-host slots, the change log, "
                    + "who is running, WebSub pings", List.of(
                    "CREATE TABLE websub_ping (url TEXT PRIMARY KEY, etag TEXT NOT NULL)",
                    """
                    CREATE TABLE host_slot (host TEXT NOT NULL, slot INTEGER NOT NULL, owner TEXT,
                        expires INTEGER NOT NULL, PRIMARY KEY (host, slot))""",
                    """
                    CREATE TABLE source_lease (source_id TEXT PRIMARY KEY, owner TEXT, expires INTEGER NOT NULL,
                        url TEXT, due INTEGER NOT NULL)""",
                    """
                    CREATE TABLE change_log (seq INTEGER PRIMARY KEY, instance TEXT NOT NULL, at INTEGER NOT NULL,
                        payload TEXT NOT NULL)""",
                    """
                    CREATE TABLE instance (id TEXT PRIMARY KEY, role TEXT NOT NULL, started INTEGER NOT NULL,
                        seen INTEGER NOT NULL, loaded_hash TEXT NOT NULL)""")),
            new Migration(12, "the fold and coverage evidence found by the links of one article, for its page", List.of(
                    "CREATE INDEX fold_by_url ON fold (url)",
                    "CREATE INDEX story_link_by_url ON story_link (url)",
                    "CREATE INDEX story_link_by_other_url ON story_link (other_url)")),
            new Migration(13, "article rows name the stored item whose excerpt and content they show, not a copy",
                    List.of("ALTER TABLE article ADD COLUMN text_source TEXT",
                            "ALTER TABLE article ADD COLUMN text_key TEXT",
                            "ALTER TABLE article ADD COLUMN text_of INTEGER",
                            "ALTER TABLE item ADD COLUMN excerpt_hash INTEGER",
                            "ALTER TABLE item ADD COLUMN content_hash INTEGER")),
            new Migration(14, "item rows keep their texts' lengths and 64-bit hashes, so items are read without them",
                    List.of("ALTER TABLE item ADD COLUMN excerpt_length INTEGER",
                            "ALTER TABLE item ADD COLUMN content_length INTEGER"),
                    (c, at) -> ItemTable.measureTexts(c)),
            new Migration(15, "the anchors of merged articles' texts, so a restart does not read every text again",
                    List.of("""
                            CREATE TABLE text_anchors (article_key TEXT PRIMARY KEY, anchoring TEXT NOT NULL,
                                excerpt_length INTEGER NOT NULL, excerpt_hash INTEGER NOT NULL,
                                content_length INTEGER NOT NULL, content_hash INTEGER NOT NULL, anchors BLOB NOT NULL)
                                WITHOUT ROWID"""),
                    (c, at) -> { },
                    List.of("""
                            CREATE TABLE text_anchors (article_key TEXT PRIMARY KEY, anchoring TEXT NOT NULL,
                                excerpt_length INTEGER NOT NULL, excerpt_hash INTEGER NOT NULL,
                                content_length INTEGER NOT NULL, content_hash INTEGER NOT NULL, anchors BYTEA NOT NULL)
                                """)),
            new Migration(16, "related coverage's story terms of articles' texts, so a restart reads no content again",
                    List.of("""
                            CREATE TABLE story_terms (article_key TEXT PRIMARY KEY, made_by TEXT NOT NULL,
                                text_id INTEGER NOT NULL, press_release INTEGER NOT NULL, terms BLOB NOT NULL)
                                WITHOUT ROWID"""),
                    (c, at) -> { },
                    List.of("""
                            CREATE TABLE story_terms (article_key TEXT PRIMARY KEY, made_by TEXT NOT NULL,
                                text_id INTEGER NOT NULL, press_release INTEGER NOT NULL, terms BYTEA NOT NULL)
                                """)),
            new Migration(17, "the checkpoint of the merge a run left, so the next one does not merge it again",
                    List.of("CREATE TABLE merge_checkpoint (stamp TEXT NOT NULL, items INTEGER NOT NULL, "
                                    + "fingerprint INTEGER NOT NULL)",
                            "CREATE TABLE merge_checkpoint_article (position INTEGER PRIMARY KEY, "
                                    + "article_key TEXT, members BLOB NOT NULL, copies_from BLOB NOT NULL)"),
                    (c, at) -> { },
                    List.of("CREATE TABLE merge_checkpoint (stamp TEXT NOT NULL, items INTEGER NOT NULL, "
                                    + "fingerprint INTEGER NOT NULL)",
                            "CREATE TABLE merge_checkpoint_article (position INTEGER PRIMARY KEY, "
                                    + "article_key TEXT, members BYTEA NOT NULL, copies_from BYTEA NOT NULL)")),
            new Migration(18, "what the topic rules read from articles' texts, so a restart reads no excerpt again",
                    List.of("""
                            CREATE TABLE topic_reading (article_key TEXT PRIMARY KEY, rules TEXT NOT NULL,
                                text_id INTEGER NOT NULL, matched BLOB NOT NULL, excluded BLOB NOT NULL)
                                WITHOUT ROWID"""),
                    (c, at) -> { },
                    List.of("""
                            CREATE TABLE topic_reading (article_key TEXT PRIMARY KEY, rules TEXT NOT NULL,
                                text_id INTEGER NOT NULL, matched BYTEA NOT NULL, excluded BYTEA NOT NULL)
                                """)),
            new Migration(19, "the keys of first-seen times and published ids no article holds, since when, to forget",
                    List.of("CREATE TABLE gone_key (key TEXT PRIMARY KEY, gone_at TEXT NOT NULL) WITHOUT ROWID"),
                    (c, at) -> { },
                    List.of("CREATE TABLE gone_key (key TEXT PRIMARY KEY, gone_at TEXT NOT NULL)")),
            new Migration(20, "the merged archive keyed by article number, its members one row each, texts named",
                    mergedByNumber(false), StoredMergeState::membersInRows, mergedByNumber(true)),
            // SQLite keeps no more than about a quarter of a page (1,002 bytes of 4,096) of a record in a table
            // WITHOUT ROWID's own pages and sends the rest to an overflow page: a member's record is about a
            // kilobyte, so half of them took a page more for their last bytes (172 MB of pages for 89 MB of members
            // at 100,127 items). A table of rows keeps records up to nearly a page in place.
            new Migration(21, "the merged archive's members in a table of rows, whose records of about a kilobyte "
                    + "fit its pages", List.of(
                    "CREATE TABLE merged_member_rows (article_id BIGINT NOT NULL, position INTEGER NOT NULL, "
                            + "item TEXT NOT NULL, PRIMARY KEY (article_id, position))",
                    "INSERT INTO merged_member_rows SELECT article_id, position, item FROM merged_member "
                            + "ORDER BY article_id, position",
                    "DROP TABLE merged_member",
                    "ALTER TABLE merged_member_rows RENAME TO merged_member"),
                    (c, at) -> { },
                    List.of()), // PostgreSQL keeps every table's rows apart from its primary key's index already
            // a merge in the store asks which alias keys an id was published under (ids compete for their keys)
            new Migration(22, "the published ids indexed by id, for a merge that reads them from the store",
                    List.of("CREATE INDEX published_id_by_id ON published_id (id_key)")),
            new Migration(23, "the seed items as last merged, so that a merge kept in the store takes in what changed",
                    List.of("CREATE TABLE seed_item (position INTEGER PRIMARY KEY, item TEXT NOT NULL)")),
            new Migration(24, "the sources a merge kept in the store holds, with the excludes it holds them under",
                    List.of("CREATE TABLE merged_source (source_id TEXT PRIMARY KEY, excludes TEXT NOT NULL)")),
            new Migration(25, "the rule the merged archive was merged under, so that a changed rule merges it again",
                    List.of("CREATE TABLE merge_rule (rule TEXT NOT NULL)")),
            new Migration(26, "the merge's checkpoint dropped: the merged archive is kept in the store itself",
                    List.of("DROP TABLE merge_checkpoint_article", "DROP TABLE merge_checkpoint")),
            new Migration(27, "each merged article's fold stamps, so a merge asks them without reading its members",
                    List.of("ALTER TABLE merged_article ADD COLUMN fold_stamps TEXT")),
            new Migration(28, "the texts' kept fold anchors dropped: the merged archive keeps each article's",
                    List.of("DROP TABLE text_anchors")),
            // the related coverage keeps in memory the days of recent changes and reads the others' articles again
            new Migration(29, "the articles snapshot indexed by publication, so a day's articles are read at once",
                    List.of("CREATE INDEX article_by_published ON article (published)")),
            // a restart shows only what the last run merged and did not show, instead of the whole archive again
            new Migration(30, "the merges the articles snapshot does not show yet, and the rule it shows by",
                    List.of("CREATE TABLE unshown_merge (article_key TEXT PRIMARY KEY, seq INTEGER NOT NULL) "
                                    + "WITHOUT ROWID",
                            "CREATE TABLE show_rule (rule TEXT NOT NULL)")));

    private Migrations() {}

    /** The article columns of {@code columns} with their types: the seed facts' numbers integers, the rest text. */
    private static String typed(String columns) {
        return Arrays.stream(columns.split(", "))
                .map(name -> name + (name.matches("fact_(quality|heat|published)") ? " INTEGER" : " TEXT"))
                .collect(Collectors.joining(", "));
    }

    /**
     * Migration 20's statements: the merged archive's tables made again with each article numbered (the alias,
     * reference, anchor and new member rows name it by its number, not its key), the rows copied across; the old
     * tables are left for the migration's step, which moves their members into rows and drops them.
     */
    private static List<String> mergedByNumber(boolean typed) {
        String rowid = typed ? "" : " WITHOUT ROWID";
        String columns = typed ? typed(ArticleTable.COLUMNS).replace("key TEXT,", "key TEXT NOT NULL UNIQUE,")
                : ArticleTable.COLUMNS.replace("key,", "key TEXT NOT NULL UNIQUE,");
        List<String> sql = new java.util.ArrayList<>();
        for (String table : List.of("merged_article", "merged_alias", "merged_reference", "merged_anchor")) {
            sql.add("ALTER TABLE " + table + " RENAME TO " + table + "_v19");
        }
        sql.add("CREATE TABLE merged_article (id " + (typed ? "BIGINT GENERATED BY DEFAULT AS IDENTITY" : "INTEGER")
                + " PRIMARY KEY, " + columns + ", alias_keys TEXT NOT NULL, related_keys TEXT NOT NULL, anchors "
                + (typed ? "BYTEA" : "BLOB") + ", excerpt_at TEXT, content_at TEXT)");
        sql.add("CREATE TABLE merged_alias (alias_key TEXT PRIMARY KEY, article_id BIGINT NOT NULL)" + rowid);
        sql.add("CREATE TABLE merged_reference (alias_key TEXT NOT NULL, article_id BIGINT NOT NULL, "
                + "PRIMARY KEY (alias_key, article_id))" + rowid);
        sql.add("CREATE TABLE merged_anchor (anchor BIGINT NOT NULL, article_id BIGINT NOT NULL, "
                + "PRIMARY KEY (anchor, article_id))" + rowid);
        sql.add("CREATE TABLE merged_member (article_id BIGINT NOT NULL, position INTEGER NOT NULL, "
                + "item TEXT NOT NULL, PRIMARY KEY (article_id, position))" + rowid);
        String kept = ArticleTable.COLUMNS + ", alias_keys, related_keys, anchors";
        sql.add("INSERT INTO merged_article (" + kept + ") SELECT " + kept + " FROM merged_article_v19 ORDER BY key");
        for (String table : List.of("merged_alias", "merged_reference")) {
            sql.add("INSERT INTO " + table + " (alias_key, article_id) SELECT o.alias_key, a.id FROM " + table
                    + "_v19 o JOIN merged_article a ON a.key = o.article_key");
        }
        sql.add("INSERT INTO merged_anchor (anchor, article_id) SELECT o.anchor, a.id FROM merged_anchor_v19 o "
                + "JOIN merged_article a ON a.key = o.article_key");
        return sql;
    }

    /** The schema version of this code. */
    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    /**
     * Brings the database to the last of {@code migrations}, applying each missing one in its own transaction.
     *
     * @return the version the database was at before
     * @throws StoreException if the database's version is newer than the last migration, or a migration fails
     */
    static int apply(Connection c, Dialect dialect, List<Migration> migrations, Clock clock, String file)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : dialect.schema("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)")) {
                s.execute(sql);
            }
        }
        int before = current(c);
        int known = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        if (before > known) {
            throw new StoreException("store: " + file + " has schema version " + before
                    + ", newer than this version of Feedloom knows (" + known
                    + "); run a newer Feedloom or restore a backup", null);
        }
        for (Migration m : migrations) {
            if (m.version() > before) {
                long start = System.nanoTime();
                applyOne(c, dialect, m, clock, file);
                if (before > 0) { // an upgrade, which may take a while on a large store: said as it goes
                    LOG.info("store: {} upgraded to schema version {} ({}) in {} ms", file, m.version(),
                            m.description(), (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return before;
    }

    /** The highest applied version, 0 for a database without migrations. */
    static int current(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    private static void applyOne(Connection c, Dialect dialect, Migration m, Clock clock, String file)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        Instant now = clock.instant();
        try {
            try (Statement s = c.createStatement()) {
                for (String sql : dialect.statements(m)) {
                    s.execute(sql);
                }
            }
            m.then().run(c, now);
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                p.setInt(1, m.version());
                p.setString(2, m.description());
                p.setString(3, now.toString());
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new StoreException("store: " + file + ": migration " + m.version() + " (" + m.description()
                    + ") failed: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
