package org.feedloom.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.fetch.FetchResult.Outcome;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.Test;

class HttpFetcherTest {
    static final String RSS = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title></channel></rss>";
    static final FeedloomConfig.Fetch FAST = new FeedloomConfig.Fetch(8, 2, Duration.ofSeconds(2), Duration.ofSeconds(2),
            1024 * 1024, 5);

    static final Clock FIXED = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    final HttpFetcher fetcher = new HttpFetcher(FAST, HttpFetcher.userAgent("test"));

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /**
     * Bodies of every size around the buffer's steps (the first buffer, its doublings, the cap) arrive byte for byte,
     * with a {@code Content-Length} (read into an array of that length) and without one (chunked: the buffer grows);
     * one byte over the cap is refused either way.
     */
    @Test
    void bodiesOfEverySize_arriveWhole_withAndWithoutALength() throws Exception {
        int cap = (int) FAST.maxBodyBytes();
        int[] sizes = {0, 1, 8191, 8192, 8193, 16385, 65537, 700_001, cap - 1, cap};
        java.util.Random random = new java.util.Random(7);
        java.util.Map<Integer, byte[]> bodies = new java.util.HashMap<>();
        for (int size : sizes) {
            byte[] b = new byte[size];
            random.nextBytes(b);
            bodies.put(size, b);
        }
        bodies.put(cap + 1, new byte[cap + 1]);
        try (TestServer s = new TestServer().on("/", ex -> {
            String[] path = ex.getRequestURI().getPath().split("/"); // /length/N or /chunked/N
            byte[] body = bodies.get(Integer.parseInt(path[2]));
            ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, body.length == 0 ? -1 : "length".equals(path[1]) ? body.length : 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int from = 0; from < body.length; from += 5_000) { // written in pieces: several chunks
                    out.write(body, from, Math.min(5_000, body.length - from));
                    out.flush();
                }
            }
        })) {
            for (String framing : List.of("length", "chunked")) {
                for (int size : sizes) {
                    FetchResult r = fetcher.fetch(FetchRequest.of(s.url("/" + framing + "/" + size)));
                    assertEquals(Outcome.OK, r.outcome(), framing + " " + size + ": " + r.error());
                    assertArrayEquals(bodies.get(size), r.body(), framing + " " + size);
                }
                assertEquals("fetch: body exceeds 1 MiB",
                        fetcher.fetch(FetchRequest.of(s.url("/" + framing + "/" + (cap + 1)))).error(), framing);
            }
        }
    }

    @Test
    void conditionalGet_secondFetchWithValidators_is304() throws Exception {
        try (TestServer s = new TestServer().on("/feed", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                TestServer.send(ex, 304, null, (byte[]) null);
            } else {
                TestServer.send(ex, 200, "application/rss+xml", RSS, "ETag", "\"v1\"", "Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT");
            }
        })) {
            FetchResult first = fetcher.fetch(FetchRequest.of(s.url("/feed")));
            assertEquals(Outcome.OK, first.outcome());
            assertEquals(RSS, new String(first.body(), StandardCharsets.UTF_8));
            assertEquals("\"v1\"", first.etag());
            assertEquals("application/rss+xml", first.contentType());
            FetchResult second = fetcher.fetch(new FetchRequest(s.url("/feed"), first.etag(), first.lastModified()));
            assertEquals(Outcome.NOT_MODIFIED, second.outcome());
            assertEquals("Mon, 01 Jan 2024 00:00:00 GMT", s.requests.get(1).getRequestHeaders().getFirst("If-Modified-Since"));
            assertTrue(s.requests.get(0).getRequestHeaders().getFirst("User-Agent").startsWith("Feedloom/test (+https://"));
        }
    }

    @Test
    void gzipAndDeflateBodies_areDecompressed() throws Exception {
        byte[] xml = RSS.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(deflated)) {
            d.write(xml);
        }
        try (TestServer s = new TestServer()
                .on("/gz", ex -> TestServer.send(ex, 200, "text/xml", gzip(xml), "Content-Encoding", "gzip"))
                .on("/deflate", ex -> TestServer.send(ex, 200, "text/xml", deflated.toByteArray(), "Content-Encoding", "deflate"))) {
            assertArrayEquals(xml, fetcher.fetch(FetchRequest.of(s.url("/gz"))).body());
            assertArrayEquals(xml, fetcher.fetch(FetchRequest.of(s.url("/deflate"))).body());
            assertEquals("gzip, deflate", s.requests.get(0).getRequestHeaders().getFirst("Accept-Encoding"));
        }
    }

    @Test
    void redirects_temporaryPermanentAndLoop() throws Exception {
        try (TestServer s = new TestServer()) {
            s.on("/temp", ex -> TestServer.send(ex, 302, null, (byte[]) null, "Location", "/final"))
             .on("/perm", ex -> TestServer.send(ex, 301, null, (byte[]) null, "Location", s.url("/perm2")))
             .on("/perm2", ex -> TestServer.send(ex, 308, null, (byte[]) null, "Location", "final"))
             .on("/mixed", ex -> TestServer.send(ex, 301, null, (byte[]) null, "Location", "/temp"))
             .on("/loop", ex -> TestServer.send(ex, 302, null, (byte[]) null, "Location", "/loop2"))
             .on("/loop2", ex -> TestServer.send(ex, 302, null, (byte[]) null, "Location", "/loop"))
             .on("/chain", ex -> {
                 int n = Integer.parseInt(ex.getRequestURI().getQuery());
                 TestServer.send(ex, 302, null, (byte[]) null, "Location", "/chain?" + (n + 1));
             })
             .on("/ftp", ex -> TestServer.send(ex, 302, null, (byte[]) null, "Location", "ftp://127.0.0.1/x"))
             .on("/final", ex -> TestServer.send(ex, 200, "text/xml", RSS));
            FetchResult temp = fetcher.fetch(FetchRequest.of(s.url("/temp")));
            assertEquals(Outcome.OK, temp.outcome());
            assertEquals(s.url("/final"), temp.finalUrl());
            assertNull(temp.permanentUrl(), "a temporary redirect does not move the feed");
            FetchResult perm = fetcher.fetch(FetchRequest.of(s.url("/perm")));
            assertEquals(s.url("/final"), perm.permanentUrl());
            assertNull(fetcher.fetch(FetchRequest.of(s.url("/mixed"))).permanentUrl());
            FetchResult loop = fetcher.fetch(FetchRequest.of(s.url("/loop")));
            assertEquals(Outcome.ERROR, loop.outcome());
            assertTrue(loop.error().startsWith("fetch: redirect loop"), loop.error());
            FetchResult chain = fetcher.fetch(FetchRequest.of(s.url("/chain?0")));
            assertEquals("fetch: too many redirects (more than 5)", chain.error());
            assertEquals("fetch: unsupported scheme 'ftp' in ftp://127.0.0.1/x", fetcher.fetch(FetchRequest.of(s.url("/ftp"))).error());
        }
    }

    @Test
    void httpErrors_retryAfterAndGone() throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(3600).atOffset(ZoneOffset.UTC));
        try (TestServer s = new TestServer()
                .on("/500", ex -> TestServer.send(ex, 500, "text/plain", "oops"))
                .on("/429", ex -> TestServer.send(ex, 429, "text/plain", "slow down", "Retry-After", "120"))
                .on("/503", ex -> TestServer.send(ex, 503, "text/plain", "later", "Retry-After", date))
                .on("/410", ex -> TestServer.send(ex, 410, "text/plain", "gone"))
                .on("/cached", ex -> TestServer.send(ex, 200, "text/xml", RSS, "Cache-Control", "public, max-age=7200"))) {
            FetchResult e500 = fetcher.fetch(FetchRequest.of(s.url("/500")));
            assertEquals(Outcome.ERROR, e500.outcome());
            assertEquals("fetch: HTTP 500", e500.error());
            assertEquals(500, e500.httpStatus());
            assertEquals(Duration.ofSeconds(120), fetcher.fetch(FetchRequest.of(s.url("/429"))).retryAfter());
            Duration byDate = fetcher.fetch(FetchRequest.of(s.url("/503"))).retryAfter();
            assertTrue(byDate.toSeconds() > 3500 && byDate.toSeconds() <= 3600, byDate.toString());
            assertEquals(Outcome.GONE, fetcher.fetch(FetchRequest.of(s.url("/410"))).outcome());
            Instant fresh = fetcher.fetch(FetchRequest.of(s.url("/cached"))).freshUntil();
            assertTrue(Duration.between(Instant.now(), fresh).toMinutes() >= 119, String.valueOf(fresh));
        }
    }

    @Test
    void retryAfterDatesAndFreshness_areReadOnTheFetchersClock() throws Exception {
        Instant now = FIXED.instant();
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(3600).atOffset(ZoneOffset.UTC));
        HttpFetcher onClock = new HttpFetcher(FAST, "t", FIXED);
        try (TestServer s = new TestServer()
                .on("/503", ex -> TestServer.send(ex, 503, "text/plain", "later", "Retry-After", inAnHour))
                .on("/cached", ex -> TestServer.send(ex, 200, "text/xml", RSS, "Cache-Control", "max-age=7200"))
                .on("/expires", ex -> TestServer.send(ex, 200, "text/xml", RSS, "Expires", inAnHour))) {
            assertEquals(Duration.ofHours(1), onClock.fetch(FetchRequest.of(s.url("/503"))).retryAfter());
            assertEquals(now.plusSeconds(7200), onClock.fetch(FetchRequest.of(s.url("/cached"))).freshUntil());
            assertEquals(now.plusSeconds(3600), onClock.fetch(FetchRequest.of(s.url("/expires"))).freshUntil());
        }
    }

    @Test
    void theTotalDeadlineCoversRedirects_noHopStartsAfterIt() throws Exception {
        MutableClock clock = new MutableClock(FIXED.instant());
        HttpFetcher onClock = new HttpFetcher(FAST, "t", clock);
        try (TestServer s = new TestServer()) {
            s.on("/slow-redirect", ex -> {
                clock.advance(FAST.timeout()); // the first hop used up the whole deadline
                TestServer.send(ex, 302, null, (byte[]) null, "Location", "/final");
            }).on("/final", ex -> TestServer.send(ex, 200, "text/xml", RSS));
            FetchResult r = onClock.fetch(FetchRequest.of(s.url("/slow-redirect")));
            assertEquals("fetch: timed out after 2s", r.error());
            assertEquals(1, s.requests.size(), "the redirect is not followed after the deadline");
        }
    }

    @Test
    void oversizedBodies_plainAndGzipBomb_areRefused() throws Exception {
        byte[] big = new byte[2 * 1024 * 1024];
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]); // 64 MiB of zeros, ~64 KiB compressed
        try (TestServer s = new TestServer()
                .on("/big", ex -> TestServer.send(ex, 200, "text/xml", big))
                .on("/bomb", ex -> TestServer.send(ex, 200, "text/xml", bomb, "Content-Encoding", "gzip"))) {
            assertEquals("fetch: body exceeds 1 MiB", fetcher.fetch(FetchRequest.of(s.url("/big"))).error());
            assertEquals("fetch: body exceeds 1 MiB after decompression", fetcher.fetch(FetchRequest.of(s.url("/bomb"))).error());
        }
    }

    @Test
    void connectionRefused_unknownHost_badScheme() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        FetchResult refused = fetcher.fetch(FetchRequest.of("http://127.0.0.1:" + port + "/feed"));
        assertEquals("fetch: connection refused by 127.0.0.1:" + port, refused.error());
        FetchResult unknown = fetcher.fetch(FetchRequest.of("http://no-such-host.invalid/feed"));
        assertEquals("fetch: unknown host no-such-host.invalid", unknown.error());
        assertEquals("fetch: unsupported scheme 'file' in file:///etc/passwd", fetcher.fetch(FetchRequest.of("file:///etc/passwd")).error());
    }

    /** A raw server: {@code behaviour} gets each accepted socket. */
    static ServerSocket rawServer(ExecutorService pool, SocketBehaviour behaviour) throws IOException {
        ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        pool.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    pool.execute(() -> {
                        try (socket) {
                            behaviour.handle(socket);
                        } catch (IOException | InterruptedException e) {
                            // the client went away
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    interface SocketBehaviour {
        void handle(Socket socket) throws IOException, InterruptedException;
    }

    static void readRequest(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int b; matched < 4 && (b = in.read()) >= 0; ) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Test
    void hungAndTricklingServers_hitTheTotalTimeout() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        CountDownLatch testOver = new CountDownLatch(1);
        try (ServerSocket hung = rawServer(pool, socket -> {
                 readRequest(socket);
                 testOver.await(); // never answers
             });
             ServerSocket trickle = rawServer(pool, socket -> {
                 readRequest(socket);
                 OutputStream out = socket.getOutputStream();
                 out.write("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                 for (int i = 0; i < 100; i++) {
                     out.write('x');
                     out.flush();
                     Thread.sleep(1000); // a slow upstream: one byte a second
                 }
             })) {
            for (ServerSocket server : List.of(hung, trickle)) {
                long start = System.nanoTime();
                FetchResult r = fetcher.fetch(FetchRequest.of("http://127.0.0.1:" + server.getLocalPort() + "/feed"));
                long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
                assertEquals("fetch: timed out after 2s", r.error());
                assertTrue(seconds < 6, "returned after " + seconds + " s");
            }
        } finally {
            testOver.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aTlsHandshakeThatNeverCompletes_isAConnectTimeout() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        CountDownLatch testOver = new CountDownLatch(1);
        HttpFetcher patient = new HttpFetcher(new FeedloomConfig.Fetch(8, 2, Duration.ofSeconds(1), Duration.ofSeconds(5),
                1024 * 1024, 5), "t");
        try (patient; ServerSocket silent = rawServer(pool, socket -> testOver.await())) {
            long start = System.nanoTime();
            FetchResult r = patient.fetch(FetchRequest.of("https://127.0.0.1:" + silent.getLocalPort() + "/feed"));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertEquals("fetch: connect timed out after 1s", r.error());
            assertTrue(millis < 4_000, "returned after " + millis + " ms, not at the 5 s deadline");
        } finally {
            testOver.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void resetMidBody_isAConnectionError() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try (ServerSocket reset = rawServer(pool, socket -> {
            readRequest(socket);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n<rss>".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoLinger(true, 0); // RST on close
        })) {
            FetchResult r = fetcher.fetch(FetchRequest.of("http://127.0.0.1:" + reset.getLocalPort() + "/feed"));
            assertEquals(Outcome.ERROR, r.outcome());
            assertTrue(r.error().startsWith("fetch: connection failed"), r.error());
        } finally {
            pool.shutdownNow();
        }
    }
}
