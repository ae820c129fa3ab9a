package org.feedloom.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.feedloom.model.Checks;

/**
 * The {@link ArticleStore} in a PostgreSQL database, for several Feedloom instances sharing one archive: the same
 * tables and versioned migrations as {@link SqliteStore} (described in the package documentation), through the
 * PostgreSQL JDBC driver and a small pool of {@value #POOL_SIZE} connections.
 *
 * <p><b>Transactions.</b> Each method is one transaction. Reads run at {@code REPEATABLE READ}, read-only, so a
 * {@link #load()} sees every {@link #commitBatch} entirely or not at all, without waiting for writers. Writes are
 * serialised across every process on the database: each takes a transaction-level advisory lock first (and, within
 * this process, a lock in Java, so that its pool's connections do not queue on the database), then runs at
 * {@code READ COMMITTED}, seeing everything the writers before it committed. Migrations run under the same lock
 * (session-level), so instances starting together migrate once. What PostgreSQL commits survives a crash of this
 * process at any point.
 *
 * <p><b>The password</b> comes from the caller (the app reads {@code FEEDLOOM_DB_PASSWORD}) or else from the URL;
 * it is never part of a message, a log line or {@link #toString()}.
 *
 * <p>Thread-safe. Inputs are not modified. After {@link #close()} every method throws a {@link StoreException}.
 */
public final class PostgresStore extends JdbcStore {
    static final int POOL_SIZE = 4;
    /** The advisory lock of Feedloom's writers: "Feedloom" in ASCII. */
    private static final long WRITERS = 0x466565646c6f6f6dL;

    /** The channel announcements are notified on. */
    private static final String CHANNEL = "feedloom_changes";

    private final HikariDataSource pool;
    private final String name;
    private volatile boolean closed;
    /** The connection that listens for announcements, outside the pool; opened at the first wait. */
    private volatile Connection listener;

    private PostgresStore(HikariDataSource pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    /**
     * Connects to the database of {@code url} ({@code postgresql://user[:password]@host[:port]/database}, with the
     * driver's parameters after a {@code ?}, such as {@code sslmode=require}) and migrates its schema to the
     * latest version.
     *
     * @param password the user's password, or null (or empty) to take it from the URL (or to have none)
     * @throws StoreException if the URL is not such a URL, the server cannot be reached or refuses the login, the
     *                        database's schema is newer than this code knows, or a migration fails
     */
    public static PostgresStore open(String url, String password, Clock clock) {
        return open(url, password, Migrations.ALL, clock);
    }

    /** {@link #open(String, String, Clock)} with other migrations, for tests of the migration runner. */
    static PostgresStore open(String url, String password, List<Migrations.Migration> migrations, Clock clock) {
        Checks.notNull(url, "url");
        Target target = Target.parse(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(target.jdbcUrl());
        config.setUsername(target.user());
        config.setPassword(password != null && !password.isEmpty() ? password : target.password());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setPoolName("feedloom-store");
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("ApplicationName", "feedloom");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("store: cannot connect to " + target.name() + ": " + rootMessage(e), e);
        }
        try {
            migrate(pool, migrations, clock, target.name());
            return new PostgresStore(pool, target.name());
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("store: cannot open " + target.name() + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(HikariDataSource pool, List<Migrations.Migration> migrations, Clock clock,
                                String name) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true);
            advisory(c, "pg_advisory_lock");
            try {
                Migrations.apply(c, Dialect.POSTGRES, migrations, clock, name);
            } finally {
                c.setAutoCommit(true);
                advisory(c, "pg_advisory_unlock");
            }
        }
    }

    private static void advisory(Connection c, String function) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + function + "(?)")) {
            p.setLong(1, WRITERS);
            p.executeQuery().close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Several processes may write one PostgreSQL database: a sync always compares the stored hashes. */
    @Override
    boolean soleWriter() {
        return false;
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRES;
    }

    @Override
    <T> T transaction(String what, boolean write, Work<T> work) {
        if (write) {
            lock.lock();
        }
        try {
            return run(what, write ? Kind.SERIALISED_WRITE : Kind.READ, work);
        } finally {
            if (write) {
                lock.unlock();
            }
        }
    }

    /** Without the writers' locks, in Java and in the database: each statement of {@code work} is atomic alone. */
    @Override
    <T> T rowWrite(String what, Work<T> work) {
        return run(what, Kind.ROW_WRITE, work);
    }

    /** What a transaction does, which decides how it begins. */
    private enum Kind { READ, SERIALISED_WRITE, ROW_WRITE }

    private <T> T run(String what, Kind kind, Work<T> work) {
        if (closed) {
            throw new StoreException("store: " + name + " is closed (" + what + ")", null);
        }
        try (Connection c = pool.getConnection()) {
            try {
                begin(c, kind);
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("store: " + what + " failed on " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first statements of a transaction: its isolation, and a serialised writer's turn. A row write (a lease or
     * a host slot taken, renewed or given back) does not wait for its commit to reach the disk: a crash of the
     * database may forget it, which costs at most a source fetched twice, and a claim no longer costs a flush.
     */
    private static void begin(Connection c, Kind kind) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(switch (kind) { // one round trip each
                case READ -> "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
                case SERIALISED_WRITE -> "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
                case ROW_WRITE -> "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; SET LOCAL synchronous_commit TO OFF";
            });
        }
        if (kind == Kind.SERIALISED_WRITE) {
            advisory(c, "pg_advisory_xact_lock");
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    void announced(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_notify(?, '')")) {
            p.setString(1, CHANNEL);
            p.executeQuery().close();
        }
    }

    /**
     * Waits on a connection of its own, outside the pool, that {@code LISTEN}s to the announcements' channel; if it
     * cannot listen (the database is unreachable), it waits out the time and opens it again at the next call. For one
     * waiting thread at a time; {@link #close()} ends a wait.
     */
    @Override
    public void awaitAnnouncement(java.time.Duration timeout) throws InterruptedException {
        try {
            Connection c = listener;
            if (c == null) {
                c = java.sql.DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                listener = c;
                if (closed) {
                    closeListener();
                    return;
                }
            }
            c.unwrap(org.postgresql.PGConnection.class).getNotifications((int) Math.max(1, timeout.toMillis()));
            return;
        } catch (SQLException e) {
            closeListener();
        }
        if (!closed) {
            Thread.sleep(timeout.toMillis());
        }
    }

    private void closeListener() {
        Connection c = listener;
        listener = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // a broken connection: nothing left to release
            }
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                closeListener();
                pool.close();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "PostgresStore[" + name + "]";
    }

    /**
     * A parsed {@code postgresql://} URL: the driver's URL, the user and password apart, and a name for messages
     * without the password.
     */
    record Target(String jdbcUrl, String user, String password, String name) {
        static Target parse(String url) {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                throw invalid("it is not a URL: " + e.getReason());
            }
            if (!"postgresql".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw invalid("want postgresql://user@host:5432/database");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (path.length() < 2 || path.indexOf('/', 1) >= 0) {
                throw invalid("it names no database (postgresql://user@host:5432/database)");
            }
            String info = uri.getRawUserInfo();
            String user = null;
            String password = null;
            if (info != null) {
                int colon = info.indexOf(':');
                user = decode(colon < 0 ? info : info.substring(0, colon));
                password = colon < 0 ? null : decode(info.substring(colon + 1));
            }
            String hostPort = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            String name = "postgresql://" + (user == null ? "" : user + "@") + hostPort + path;
            return new Target("jdbc:postgresql://" + hostPort + path + query, user, password, name);
        }

        private static String decode(String s) {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        private static StoreException invalid(String why) {
            return new StoreException("store: store.url: " + why, null);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
