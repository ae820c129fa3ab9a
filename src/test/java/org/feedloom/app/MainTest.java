package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static Path seeds() throws Exception {
        return Path.of(MainTest.class.getResource("/seeds").toURI());
    }

    @Test
    void check_onBrokenSeedFolder_reportsFileAndLine_andExits2(@TempDir Path dir) throws Exception {
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(seeds.resolve("good.txt"), "---\ntitle: Good\nwebUrl: https://x.com/a\n---\n");
        Files.writeString(seeds.resolve("bad.txt"), "---\ntitle: Bad\nwebUrl: https://x.com/b\npublishedDateTime: 2022-13-45\n---\n");
        int code = run("check", "--config", dir.resolve("config").toString(), "--seeds", seeds.toString());
        assertEquals(2, code);
        assertTrue(err().contains(seeds.resolve("bad.txt") + ":4: seed: 'publishedDateTime' is not a date: '2022-13-45'"), err());
        assertEquals("", out());
    }

    /**
     * A port another program holds, an address this machine does not have: each said in words that lead to the fix,
     * where the web server's own message says "Port already in use" for both.
     */
    @Test
    void serve_onAPortInUseOrAnAddressNotOfThisMachine_saysWhich_andExits2(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            int code = run("serve", "--config", dir.resolve("config").toString(), "--seeds", seeds().toString(),
                    "--data", dir.resolve("data").toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(2, code);
            assertTrue(err().contains("feedloom: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is "
                    + "in use by another program (--port takes another, 0 for any free one)"), err());
        }
        int code = run("serve", "--config", dir.resolve("config").toString(), "--seeds", seeds().toString(),
                "--data", dir.resolve("data2").toString(), "--host", "192.0.2.1", "--port", "0");
        assertEquals(2, code);
        assertTrue(err().contains("feedloom: cannot listen on 192.0.2.1:0: not an address of this machine"), err());
    }

    @Test
    void check_onRealSeeds_exits0(@TempDir Path dir) throws Exception {
        assertEquals(0, run("check", "--config", dir.toString(), "--seeds", seeds().toString()), err());
        assertTrue(out().startsWith("ok: 5 seed files (32 records)"), out());
    }

    @Test
    void embed_onInvalidConfig_throwsWithFileAndLine_andOpensNoStore(@TempDir Path dir) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), "site:\n  title: T\nfrobnicate: 1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Main.embed(config, seeds(), dir.resolve("data")));
        assertTrue(e.getMessage().startsWith(config.resolve("feedloom.yaml") + ":3: "), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("data")));
    }

    @Test
    void warmup_servesEveryKindOfDocumentOnTwoStarts_fromATemporaryFolder() throws Exception {
        // the build's training run (it writes the class-data archive): every document answers 200, then 304 to
        // its ETag (or 200 again); a route that broke would make it, and so the build, fail
        assertEquals(0, run("warmup", "--seeds", seeds().toString()), err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("warmup: (\\d+) documents served on 2 starts\n")
                .matcher(out());
        assertTrue(m.matches(), out());
        assertEquals(2 * 2 * 12, Integer.parseInt(m.group(1)), "12 documents, each asked twice, on each start");
    }

    @Test
    void versionAndHelp_exit0() {
        assertEquals(0, run("--version"));
        assertTrue(out().matches("feedloom \\S+\\n"), out());
        assertEquals(0, run("--help"));
        assertTrue(out().contains("Usage: java -jar feedloom.jar"));
    }

    @Test
    void unknownOption_isOneLineError_andExit2() {
        assertEquals(2, run("--frobnicate"));
        assertEquals("feedloom: unknown option '--frobnicate' (try --help)\n", err());
        err.reset();
        assertEquals(2, run("--port", "http"));
        assertEquals(1, err().lines().count());
        err.reset();
        assertEquals(2, run("serve", "--port"));
        assertEquals("feedloom: option --port needs a value (try --help)\n", err());
    }

    @Test
    void serve_onPort0_printsExactlyOneListeningLine_andServes(@TempDir Path dir) throws Exception {
        Options options = Options.parse(new String[] {"--port", "0", "--config", dir.resolve("config").toString(),
                "--seeds", seeds().toString(), "--data", dir.resolve("data").toString()});
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        Server server = Server.start(options, o, o);
        assertNotNull(server);
        try {
            assertEquals("listening on http://127.0.0.1:" + server.port() + "/\n", out());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/feeds/ai.xml")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        } finally {
            server.stop();
        }
    }

    @Test
    void roles_serveNoFetch_andFetch_areParsed_andNoFetchBelongsToServe_issue14() {
        Options serve = Options.parse(new String[] {"serve", "--no-fetch"});
        assertEquals("serve", serve.command());
        assertTrue(serve.noFetch());
        assertEquals("serve --no-fetch", serve.role());
        Options worker = Options.parse(new String[] {"fetch", "--port", "9090"});
        assertEquals("fetch", worker.command());
        assertEquals("fetch", worker.role());
        assertEquals("serve", Options.parse(new String[0]).role());
        assertEquals(2, run("export", "--out", "x", "--no-fetch"));
        assertEquals("feedloom: --no-fetch is an option of serve (try --help)\n", err());
        err.reset();
        assertEquals(2, run("--no-fetch=yes"));
        assertEquals("feedloom: option --no-fetch takes no value (try --help)\n", err());
    }

    @Test
    void fetch_servesHealthAndMetricsOnly(@TempDir Path dir) throws Exception {
        Options options = Options.parse(new String[] {"fetch", "--port", "0", "--config",
                dir.resolve("config").toString(), "--seeds", seeds().toString(), "--data",
                dir.resolve("data").toString()});
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        Server server = Server.start(options, o, o);
        assertNotNull(server);
        try {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : new String[] {"/healthz", "/metrics"}) {
                assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + path)).build(), HttpResponse.BodyHandlers.ofString()).statusCode(), path);
            }
            for (String path : new String[] {"/", "/feeds/ai.xml", "/feeds/all.json", "/status", "/status.html",
                    "/topics/ai"}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(404, r.statusCode(), path + ": " + r.body());
                assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), path);
            }
        } finally {
            server.stop();
        }
    }
}
