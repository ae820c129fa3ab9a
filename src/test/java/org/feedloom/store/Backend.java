package org.feedloom.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The database a contract test runs the store on: a SQLite file in the test's folder, or a fresh schema on the
 * tests' PostgreSQL server. Opens the store on it (again, for restarts), and looks into it from the side: counts,
 * statements, and triggers that make the database refuse a write or log the writes, in each one's SQL.
 */
abstract class Backend {

    /** A SQLite file {@code feedloom.db} in {@code dir}. */
    static Backend sqlite(Path dir) {
        return new Sqlite(dir.resolve("feedloom.db"));
    }

    /** A fresh schema on the tests' PostgreSQL server (skips or fails the test when there is none). */
    static Backend postgres() {
        try {
            return new Postgres(PostgresServer.get().freshSchema());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a schema for the test", e);
        }
    }

    /** Opens the store on this database with every migration. */
    abstract JdbcStore open();

    /** Opens the store on this database with {@code migrations}, applied at {@code clock}'s time. */
    abstract JdbcStore open(List<Migrations.Migration> migrations, Clock clock);

    /** What the store's messages call this database. */
    abstract String name();

    /** A second connection to the database, auto-committing. */
    abstract Connection side() throws SQLException;

    /** Makes the database refuse to insert or update a row of {@code table} where {@code condition} holds. */
    abstract void refuse(String table, String condition) throws SQLException;

    /**
     * Logs every write of {@code table}: the value of {@code key} followed by {@code insert}, {@code delete}, and
     * for an update either the name of each of {@code columns} it sets, or {@code update} when there are none.
     */
    abstract void logWrites(String table, String key, List<String> columns) throws SQLException;

    /** Runs statements with the foreign keys not enforced (to leave orphan rows). */
    abstract void executeWithoutForeignKeys(String... sql) throws SQLException;

    /** What {@link #logWrites} logged, in order. */
    List<String> logged() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = side(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT what FROM write_log ORDER BY n")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    long count(String sql) throws SQLException {
        try (Connection c = side(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    void execute(String... sql) throws SQLException {
        try (Connection c = side(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    static final class Sqlite extends Backend {
        private final Path db;

        Sqlite(Path db) {
            this.db = db;
        }

        @Override
        JdbcStore open() {
            return SqliteStore.open(db);
        }

        @Override
        JdbcStore open(List<Migrations.Migration> migrations, Clock clock) {
            return SqliteStore.open(db, migrations, clock);
        }

        @Override
        String name() {
            return db.toString();
        }

        @Override
        Connection side() throws SQLException {
            return Fixtures.side(db);
        }

        @Override
        void refuse(String table, String condition) throws SQLException {
            for (String event : List.of("INSERT", "UPDATE")) {
                execute("CREATE TRIGGER refuse_" + event + "_" + table + " BEFORE " + event + " ON " + table
                        + " WHEN " + condition + " BEGIN SELECT RAISE(ABORT, 'refused'); END");
            }
        }

        @Override
        void logWrites(String table, String key, List<String> columns) throws SQLException {
            execute("CREATE TABLE write_log (n INTEGER PRIMARY KEY, what TEXT)",
                    "CREATE TRIGGER log_insert AFTER INSERT ON " + table + " BEGIN "
                            + "INSERT INTO write_log (what) VALUES (NEW." + key + " || ' insert'); END",
                    "CREATE TRIGGER log_delete AFTER DELETE ON " + table + " BEGIN "
                            + "INSERT INTO write_log (what) VALUES (OLD." + key + " || ' delete'); END");
            if (columns.isEmpty()) {
                execute("CREATE TRIGGER log_update AFTER UPDATE ON " + table + " BEGIN "
                        + "INSERT INTO write_log (what) VALUES (NEW." + key + " || ' update'); END");
            }
            for (String column : columns) {
                execute("CREATE TRIGGER log_" + column + " AFTER UPDATE OF " + column + " ON " + table + " BEGIN "
                        + "INSERT INTO write_log (what) VALUES (NEW." + key + " || ' " + column + "'); END");
            }
        }

        @Override
        void executeWithoutForeignKeys(String... sql) throws SQLException {
            execute(sql); // a new SQLite connection does not enforce them
        }
    }

    private static final class Postgres extends Backend {
        private final String url;
        private final String schema;

        Postgres(String url) {
            this.url = url;
            this.schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        }

        @Override
        JdbcStore open() {
            return PostgresStore.open(url, null, Clock.systemUTC());
        }

        @Override
        JdbcStore open(List<Migrations.Migration> migrations, Clock clock) {
            return PostgresStore.open(url, null, migrations, clock);
        }

        @Override
        String name() {
            return PostgresStore.Target.parse(url).name();
        }

        @Override
        Connection side() throws SQLException {
            return PostgresServer.get().connect(PostgresServer.DATABASE, schema);
        }

        @Override
        void refuse(String table, String condition) throws SQLException {
            execute("CREATE OR REPLACE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                            + "$$ BEGIN RAISE EXCEPTION 'refused'; END $$",
                    "CREATE TRIGGER refuse_" + table + " BEFORE INSERT OR UPDATE ON " + table
                            + " FOR EACH ROW WHEN (" + condition + ") EXECUTE FUNCTION refuse()");
        }

        @Override
        void logWrites(String table, String key, List<String> columns) throws SQLException {
            execute("CREATE TABLE write_log (n BIGSERIAL PRIMARY KEY, what TEXT)",
                    """
                    CREATE FUNCTION log_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
                        IF TG_OP = 'DELETE' THEN
                            INSERT INTO write_log (what) VALUES ((to_jsonb(OLD) ->> TG_ARGV[0]) || ' ' || TG_ARGV[1]);
                        ELSE
                            INSERT INTO write_log (what) VALUES ((to_jsonb(NEW) ->> TG_ARGV[0]) || ' ' || TG_ARGV[1]);
                        END IF;
                        RETURN NULL;
                    END $$""",
                    trigger("log_insert", "INSERT", table, key, "insert"),
                    trigger("log_delete", "DELETE", table, key, "delete"));
            if (columns.isEmpty()) {
                execute(trigger("log_update", "UPDATE", table, key, "update"));
            }
            for (String column : columns) {
                execute(trigger("log_" + column, "UPDATE OF " + column, table, key, column));
            }
        }

        private static String trigger(String name, String event, String table, String key, String what) {
            return "CREATE TRIGGER " + name + " AFTER " + event + " ON " + table + " FOR EACH ROW "
                    + "EXECUTE FUNCTION log_write('" + key + "', '" + what + "')";
        }

        @Override
        void executeWithoutForeignKeys(String... sql) throws SQLException {
            try (Connection c = side(); Statement s = c.createStatement()) {
                s.execute("SET session_replication_role = replica"); // foreign keys are triggers; not fired now
                for (String statement : sql) {
                    s.execute(statement);
                }
            }
        }
    }
}
