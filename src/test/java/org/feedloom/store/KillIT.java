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
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), db.toString(), "20")
                .redirectError(dir.resolve("child-stderr.log").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("committed 20", out.readLine(), () -> "child stderr: " + stderr());
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

    private String stderr() {
        try {
            return Files.readString(dir.resolve("child-stderr.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
