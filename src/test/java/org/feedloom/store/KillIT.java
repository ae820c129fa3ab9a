package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a store committed is there after its process is killed with SIGKILL (no close, no shutdown hooks). */
class KillIT {
    @TempDir
    Path dir;

    @Test
    void commitsOfAKilledProcess_areThereAfterReopening() throws Exception {
        Path db = dir.resolve("data/feedloom.db");
        Process child = child(db, 20);
        try {
            assertEquals("committed 20", firstLine(child), () -> "child stderr: " + stderr());
            child.destroyForcibly();
            assertTrue(child.waitFor(1, TimeUnit.MINUTES));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            assertTrue(Files.size(Path.of(db + "-wal")) > 0, "the commits are still in the WAL, not checkpointed");
        } finally {
            child.destroyForcibly();
        }
        try (SqliteStore store = SqliteStore.open(db)) {
            ArticleStore.Snapshot s = store.load();
            assertEquals(20, s.sourceItems().get("s").size());
            assertEquals(Fixtures.fullItem("https://example.com/1"), s.sourceItems().get("s").get(19));
            assertEquals(Map.of("s", Fixtures.state("s", 20)), s.states());
            assertEquals(Map.of("example.com/1", Fixtures.T0), s.firstSeen());
            assertEquals(List.of(), store.articles());
        }
    }

    /**
     * SQLite's driver unpacks its native library at every start and a killed process leaves that copy and its
     * lock-file behind: the next start removes them, and a process that exits normally leaves nothing.
     */
    @Test
    void copiesOfTheNativeLibraryAKilledProcessLeft_areRemovedByTheNextStart() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path folder = NativeLibraryFolder.folderIn(temporary());
        Process killed = child(dir.resolve("a/feedloom.db"), 2);
        try {
            assertEquals("committed 2", firstLine(killed), () -> "child stderr: " + stderr());
            killed.destroyForcibly();
            assertTrue(killed.waitFor(1, TimeUnit.MINUTES));
        } finally {
            killed.destroyForcibly();
        }
        List<Path> left = filesIn(folder);
        assertEquals(2, left.size(), () -> "the killed process's copy and lock-file: " + left);
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(folder)));
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(NativeLibraryFolder.STALE).minusSeconds(60));
        for (Path f : left) {
            Files.setLastModifiedTime(f, old);
        }

        Process next = child(dir.resolve("b/feedloom.db"), 2);
        try {
            assertEquals("committed 2", firstLine(next), () -> "child stderr: " + stderr());
            List<Path> now = filesIn(folder);
            assertEquals(2, now.size(), () -> "the running process's own copy and lock-file only: " + now);
            assertTrue(java.util.Collections.disjoint(left, now), () -> left + " still there: " + now);
            next.getOutputStream().close(); // the child exits normally
            assertTrue(next.waitFor(1, TimeUnit.MINUTES));
            assertEquals(3, next.exitValue());
        } finally {
            next.destroyForcibly();
        }
        assertEquals(List.of(), filesIn(folder), "a normal exit deletes its copy");
    }

    /**
     * A {@link CrashChild} committing {@code commits} fetches to {@code db}, with {@link #temporary()} as its temporary
     * folder (so that what it leaves there goes with the test's folder).
     */
    private Process child(Path db, int commits) throws java.io.IOException {
        return new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
                "-Djava.io.tmpdir=" + temporary(), "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), db.toString(), String.valueOf(commits))
                .redirectError(dir.resolve("child-stderr.log").toFile()).start();
    }

    private Path temporary() throws java.io.IOException {
        return Files.createDirectories(dir.resolve("tmp"));
    }

    private static String firstLine(Process p) throws java.io.IOException {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
    }

    private static List<Path> filesIn(Path folder) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private String stderr() {
        try {
            return Files.readString(dir.resolve("child-stderr.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
