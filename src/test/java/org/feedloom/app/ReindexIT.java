package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: {@code reindex} and a server on one data folder, in two processes, as users run them: the data folder's
 * lock is the operating system's, so it keeps them apart across processes and goes with a process killed with
 * {@code kill -9}.
 */
class ReindexIT {
    @TempDir Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    String[] args(String command) throws Exception {
        return new String[] {command, "--port", "0", "--config", dir.resolve("config").toString(),
                "--seeds", MainTest.seeds().toString(), "--data", dir.resolve("data").toString()};
    }

    int run(String[] args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void reindex_whileAServerProcessRuns_refusesNamingTheFolder_andRunsOnceItWasKilled() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        try (ChildJvm server = ChildJvm.start(dir, "org.feedloom.app.Main", args("serve"))) {
            assertNotNull(server.awaitLine("listening on .*", Duration.ofSeconds(30)), server.stderrText());
            assertEquals(Main.FAILURE, run(args("reindex")));
            assertEquals("reindex: store: the data folder " + dir.resolve("data") + " is in use by another Feedloom "
                    + "(a running server, an export or a reindex); stop it first\n", err.toString(StandardCharsets.UTF_8));
            server.process.destroyForcibly();
            assertTrue(server.process.waitFor(10, TimeUnit.SECONDS));
        }
        err.reset();
        assertEquals(Main.OK, run(args("reindex")), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("reindexed 18 articles in 7 topics"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void serve_whileAReindexProcessHoldsTheFolder_doesNotStart() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        try (ChildJvm reindex = ChildJvm.start(dir, HoldsTheLock.class.getName(), dir.resolve("data").toString())) {
            assertNotNull(reindex.awaitLine("locked", Duration.ofSeconds(30)), reindex.stderrText());
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(printed, true, StandardCharsets.UTF_8);
            assertNull(Server.start(Options.parse(args("serve")), print, print));
            assertTrue(printed.toString(StandardCharsets.UTF_8).contains("feedloom: not starting: store: the data "
                    + "folder " + dir.resolve("data") + " is being reindexed"), printed.toString(StandardCharsets.UTF_8));
        }
    }

    /** Holds a data folder's lock as {@code reindex} does, until its stdin closes (or it is killed). */
    static final class HoldsTheLock {
        public static void main(String[] args) throws Exception {
            try (DataLock lock = DataLock.exclusive(Path.of(args[0]))) {
                System.out.println("locked");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait
                }
            }
        }
    }
}
