package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for the store's tests, started once per test JVM from Debian's {@code postgresql}
 * binaries: {@code initdb} in a temporary folder, {@code pg_ctl start} on a free loopback port (its socket in that
 * folder, listening on 127.0.0.1 only), stopped by {@code pg_ctl stop} when the JVM exits (and, if that fails, by
 * the PID in its {@code postmaster.pid}), its folder deleted. The server runs without fsync: what is tested is the
 * store's SQL and transactions, not the disk.
 *
 * <p>PostgreSQL refuses to run as root; as root the binaries run as the unprivileged user {@value #USER} (which CI's
 * script creates). Without the binaries or that user the tests are skipped with the reason; with
 * {@code FEEDLOOM_REQUIRE_CLIENTS=1} in the environment (as in CI) they fail instead.
 *
 * <p>Each {@link #freshSchema()} is an empty schema of the one database {@value #DATABASE}, so tests do not see
 * each other's tables. Thread-safe.
 */
public final class PostgresServer {
    static final String USER = "feedloom-test";
    static final String DATABASE = "feedloom";
    /** The database's superuser (initdb's bootstrap user), which the tests log in as over TCP with a password. */
    static final String ROLE = "feedloom";
    /** {@value #ROLE}'s password: PostgreSQL checks it (SCRAM) on every TCP connection, the tests' only kind. */
    static final String PASSWORD = "test-only-password";
    private static final boolean REQUIRED = "1".equals(System.getenv("FEEDLOOM_REQUIRE_CLIENTS"));
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private static PostgresServer started;
    private static String unavailable;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;

    private PostgresServer(Path bin, Path dir, int port, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
    }

    /** The server, started at the first call; skips (or fails) the calling test when it cannot run here. */
    public static synchronized PostgresServer get() {
        if (started == null && unavailable == null) {
            try {
                started = start();
            } catch (Unavailable e) {
                unavailable = e.getMessage();
            } catch (IOException | InterruptedException | SQLException e) {
                unavailable = "the PostgreSQL server for the tests did not start: " + e;
            }
        }
        if (started == null) {
            if (REQUIRED) {
                fail(unavailable + "; FEEDLOOM_REQUIRE_CLIENTS=1 makes a missing server a failure");
            }
            Assumptions.abort(unavailable + "; skipped (set FEEDLOOM_REQUIRE_CLIENTS=1 to make this a failure)");
        }
        return started;
    }

    /** A new empty schema: the store URL of it, with the password in it. */
    public String freshSchema() throws SQLException {
        String schema = "t" + SCHEMAS.incrementAndGet();
        try (Connection c = connect(DATABASE, null); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return "postgresql://" + ROLE + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + DATABASE
                + "?currentSchema=" + schema;
    }

    /** A side connection (auto-commit) to the schema of a store URL that {@link #freshSchema} gave. */
    public static Connection connectTo(String storeUrl) throws SQLException {
        java.net.URI uri = java.net.URI.create(storeUrl);
        String[] user = uri.getUserInfo().split(":", 2);
        return DriverManager.getConnection("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort()
                + uri.getPath() + "?" + uri.getQuery(), user[0], user[1]);
    }

    /** A side connection to {@code database}, in {@code schema} when not null (auto-commit). */
    Connection connect(String database, String schema) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database
                + (schema == null ? "" : "?currentSchema=" + schema), ROLE, PASSWORD);
    }

    private static PostgresServer start() throws IOException, InterruptedException, SQLException {
        Path bin = binaries();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        if (asRoot && run(List.of("id", "-u", USER), null) != 0) {
            throw new Unavailable("PostgreSQL does not run as root, and the user " + USER + " to run it as does "
                    + "not exist (useradd --system --no-create-home " + USER + ")");
        }
        Path dir = Files.createTempDirectory("feedloom-postgres-");
        PostgresServer server = new PostgresServer(bin, dir, freePort(), asRoot);
        if (asRoot && run(List.of("chown", USER, dir.toString()), null) != 0) {
            throw new IOException("cannot give " + dir + " to " + USER);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
        Path pwfile = Files.writeString(dir.resolve("pwfile"), PASSWORD + "\n");
        server.pg("initdb", "-D", server.data().toString(), "--auth-local=trust", "--auth-host=scram-sha-256",
                "--pwfile=" + pwfile, "-U", ROLE, "-E", "UTF8", "--locale=C", "--no-sync");
        server.pg("pg_ctl", "-D", server.data().toString(), "-l", dir.resolve("server.log").toString(), "-w",
                "-t", "60", "-o", "-p " + server.port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
        try (Connection c = server.connect("postgres", null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        return server;
    }

    private Path data() {
        return dir.resolve("data");
    }

    /** Runs a PostgreSQL program (as {@value #USER} when root); fails unless it exits 0. */
    private void pg(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asRoot) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path log = dir.resolve(program + ".out");
        if (run(command, log) != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    /** Stops the server and deletes its folder: pg_ctl first, then the PID in postmaster.pid. Never throws. */
    private void stop() {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                pg("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "-t", "30", "stop");
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            killByPid();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }

    private void killByPid() {
        try {
            long pid = Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).get(0).trim());
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            });
        } catch (IOException | RuntimeException e) {
            // nothing more to try
        }
    }

    /** initdb and pg_ctl: on the PATH, else the newest of Debian's /usr/lib/postgresql/VERSION/bin. */
    private static Path binaries() throws IOException {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d);
            if (Files.isExecutable(p.resolve("initdb")) && Files.isExecutable(p.resolve("pg_ctl"))) {
                return p;
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Path newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparing(b -> versionOf(b.getParent()))).orElse(null);
                if (newest != null) {
                    return newest;
                }
            }
        }
        throw new Unavailable("PostgreSQL is not installed: no initdb and pg_ctl (Debian package postgresql)");
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int run(List<String> command, Path output) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectOutput(output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile()));
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in 120 s");
        }
        return p.exitValue();
    }

    /** Why the server cannot run on this machine. */
    private static final class Unavailable extends IOException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }
}
