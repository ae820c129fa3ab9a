package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.feedloom.testing.SqliteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export}, run now and then from cron, ends with a forgetting pass: the records of articles noted gone
 * {@code retention.forgetAfterDays} ago are forgotten (the default, 365 days, or the configured time), the others
 * kept.
 */
class ExportForgetsTest {
    @TempDir
    Path dir;

    @Test
    void anExport_forgetsTheRecordsOfArticlesGoneForTheConfiguredTime() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), "retention: {forgetAfterDays: 30}\n");
        String[] export = {"export", "--config", config.toString(), "--seeds", MainTest.seeds().toString(),
            "--data", dir.resolve("data").toString(), "--out", dir.resolve("out").toString()};
        assertEquals(0, run(export));
        Path db = dir.resolve("data").resolve("feedloom.db");
        int seedIds = count(db, "SELECT count(*) FROM published_id");
        Instant now = Instant.now();
        for (String[] gone : List.of(new String[] {"gazette.example/2025/bridge", "40"},
                new String[] {"gazette.example/2026/meteors", "20"})) {
            String at = now.minus(Duration.ofDays(Long.parseLong(gone[1]))).toString();
            SqliteFiles.execute(db, "INSERT INTO published_id (alias_key, id_key, published_at) VALUES ('" + gone[0]
                    + "', '" + gone[0] + "', '" + at + "')",
                    "INSERT INTO gone_key (key, gone_at) VALUES ('" + gone[0] + "', '" + at + "')");
        }
        assertEquals(0, run(export));
        assertEquals(List.of("gazette.example/2026/meteors"), SqliteFiles.column(db, "SELECT key FROM gone_key"),
                "gone 40 days ago: forgotten; 20: kept");
        assertEquals(seedIds + 1, count(db, "SELECT count(*) FROM published_id"), "the seeds' ids and the meteors'");
        assertEquals(0, count(db, "SELECT count(*) FROM published_id WHERE alias_key = 'gazette.example/2025/bridge'"));
    }

    private static int run(String... args) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(sink, true, StandardCharsets.UTF_8);
        return Main.run(args, print, print);
    }

    private static int count(Path db, String sql) throws Exception {
        return Integer.parseInt(SqliteFiles.column(db, sql).get(0));
    }
}
