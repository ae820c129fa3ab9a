package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feedloom as a process: starts, serves, and on SIGTERM shuts down cleanly with exit code 0 within 10 s. */
class LifecycleIT {

    @Test
    void serve_thenSigterm_exits0Within10Seconds(@TempDir Path dir) throws Exception {
        Path seeds = Path.of(getClass().getResource("/seeds").toURI());
        try (ChildJvm child = ChildJvm.start(dir, "org.feedloom.app.Main", "serve", "--port", "0",
                "--config", dir.resolve("config").toString(), "--seeds", seeds.toString(),
                "--data", dir.resolve("data").toString())) {
            String line = child.awaitLine("listening on http://127\\.0\\.0\\.1:\\d+/", Duration.ofSeconds(30));
            assertNotNull(line, child.stderrText());
            String url = line.substring("listening on ".length());
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url + "feeds/ai.xml")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(null, child.nextLine(Duration.ofMillis(200)), "exactly one line on stdout");

            long start = System.nanoTime();
            child.process.destroy(); // SIGTERM
            assertTrue(child.process.waitFor(10, TimeUnit.SECONDS), "exited within 10 s");
            assertEquals(0, child.process.exitValue(), child.stderrText());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
            assertTrue(child.stderrText().contains("SIGTERM received"), child.stderrText());
        }
    }
}
