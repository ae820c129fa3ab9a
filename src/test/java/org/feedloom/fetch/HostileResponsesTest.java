package org.feedloom.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.fetch.FetchResult.Outcome;
import org.feedloom.model.Item;
import org.feedloom.parse.FeedParseException;
import org.feedloom.parse.FeedParser;
import org.feedloom.parse.ParsedFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile servers, through the real {@link HttpFetcher} and then {@link FeedParser}: each response ends as a
 * one-line {@code fetch:} error, a one-line {@code parse:} error or safe items; no entity or DTD a feed names
 * is ever requested; nothing from the disk reaches an item; endless and bomb bodies stop at the cap.
 */
class HostileResponsesTest {
    static final FeedloomConfig.Fetch CAPPED = new FeedloomConfig.Fetch(8, 4, Duration.ofSeconds(5), Duration.ofSeconds(20),
            1024 * 1024, 5);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    static final String SECRET = "feedloom-fetch-canary-51b3";

    final HttpFetcher fetcher = new HttpFetcher(CAPPED, "test");
    final FeedParser parser = new FeedParser(CLOCK);

    /** Fetches and parses; returns the feed, or null after a clean fetch: or parse: failure. */
    ParsedFeed fetchAndParse(String url) {
        FetchResult r = fetcher.fetch(FetchRequest.of(url));
        if (r.outcome() != Outcome.OK) {
            assertTrue(r.error().startsWith("fetch: ") && !r.error().contains("\n"), r.error());
            return null;
        }
        try {
            ParsedFeed feed = parser.parse(r.body(), r.contentType(), r.finalUrl(), "source:hostile");
            for (Item i : feed.items()) {
                String all = i.title() + i.excerpt() + i.content() + i.author() + i.urls();
                assertFalse(all.contains(SECRET) || all.contains("root:x:0:0"), "nothing from the disk: " + all);
            }
            return feed;
        } catch (FeedParseException e) {
            assertTrue(e.getMessage().startsWith("parse: ") && !e.getMessage().contains("\n"), e.getMessage());
            return null;
        }
    }

    static String rss(String doctype, String itemBody) {
        return "<?xml version=\"1.0\"?>" + doctype + "<rss version=\"2.0\"><channel><title>t</title>"
                + "<link>http://example.com/</link><item>" + itemBody + "</item></channel></rss>";
    }

    @Test
    void entitiesAndDtdsNamedByAFeed_areNeverRequested(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        try (TestServer named = new TestServer().on("/", ex -> TestServer.send(ex, 200, "text/plain", SECRET));
             TestServer feeds = new TestServer()) {
            String file = secret.toUri().toString();
            feeds.on("/http-entity", ex -> TestServer.send(ex, 200, "application/rss+xml", rss(
                            "<!DOCTYPE rss [<!ENTITY x SYSTEM \"" + named.url("/entity") + "\">]>",
                            "<title>&x;</title><link>http://example.com/1</link>")))
                    .on("/file-entity", ex -> TestServer.send(ex, 200, "application/rss+xml", rss(
                            "<!DOCTYPE rss [<!ENTITY x SYSTEM \"" + file + "\">]>",
                            "<title>a</title><description>&x;</description><link>http://example.com/1</link>")))
                    .on("/passwd", ex -> TestServer.send(ex, 200, "application/rss+xml", rss(
                            "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
                            "<title>&x;</title><link>http://example.com/1</link>")))
                    .on("/dtd", ex -> TestServer.send(ex, 200, "application/rss+xml", rss(
                            "<!DOCTYPE rss SYSTEM \"" + named.url("/rss.dtd") + "\">",
                            "<title>fine</title><link>http://example.com/1</link>")))
                    .on("/parameter", ex -> TestServer.send(ex, 200, "application/atom+xml",
                            "<!DOCTYPE feed [<!ENTITY % p SYSTEM \"" + named.url("/p") + "\"> %p;]>"
                            + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&q;</title></feed>"))
                    .on("/xinclude", ex -> TestServer.send(ex, 200, "application/rss+xml", rss("",
                            "<title>x</title><description xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\""
                            + named.url("/xi") + "\" parse=\"text\"/></description><link>http://example.com/1</link>")));
            for (String path : new String[] {"/http-entity", "/file-entity", "/passwd", "/dtd", "/parameter", "/xinclude"}) {
                fetchAndParse(feeds.url(path));
            }
            assertEquals(6, feeds.requests.size(), "every feed was fetched");
            assertEquals(0, named.requests.size(), "no entity, DTD or include was requested");
            ParsedFeed dtd = fetchAndParse(feeds.url("/dtd"));
            assertEquals("fine", dtd.items().get(0).title(), "a feed with an external DTD still reads, without it");
        }
    }

    @Test
    void gzipBombs_stopAtTheCap() throws Exception {
        byte[] zeros = new byte[64 * 1024 * 1024];
        byte[] feedBomb = gzip(("<rss version=\"2.0\"><channel><title>" + "A".repeat(8 * 1024 * 1024)
                + "</title></channel></rss>").getBytes(StandardCharsets.UTF_8));
        byte[] nested = gzip(gzip(zeros));
        try (TestServer s = new TestServer()
                .on("/bomb", ex -> TestServer.send(ex, 200, "application/rss+xml", gzip(zeros), "Content-Encoding", "gzip"))
                .on("/feed-bomb", ex -> TestServer.send(ex, 200, "application/rss+xml", feedBomb, "Content-Encoding", "gzip"))
                .on("/nested", ex -> TestServer.send(ex, 200, "application/rss+xml", nested, "Content-Encoding", "gzip"))
                .on("/double", ex -> TestServer.send(ex, 200, "application/rss+xml", nested, "Content-Encoding", "gzip, gzip"))
                .on("/unlabelled", ex -> TestServer.send(ex, 200, "application/rss+xml", gzip(zeros)))) {
            assertEquals("fetch: body exceeds 1 MiB after decompression", fetcher.fetch(FetchRequest.of(s.url("/bomb"))).error());
            assertEquals("fetch: body exceeds 1 MiB after decompression", fetcher.fetch(FetchRequest.of(s.url("/feed-bomb"))).error());
            // one layer is undone; the inner gzip is not a feed and is not inflated by the parser
            FetchResult inner = fetcher.fetch(FetchRequest.of(s.url("/nested")));
            assertEquals(Outcome.OK, inner.outcome());
            assertTrue(inner.body().length < 1024 * 1024);
            assertEquals(null, fetchAndParse(s.url("/nested")));
            assertTrue(fetcher.fetch(FetchRequest.of(s.url("/double"))).error().startsWith("fetch: unsupported Content-Encoding"));
            assertEquals(null, fetchAndParse(s.url("/unlabelled")), "gzip bytes without Content-Encoding are no feed");
        }
    }

    @Test
    void endlessBodies_stopAtTheCap() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try (TestServer s = new TestServer()
                .on("/chunked", ex -> {
                    ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
                    ex.sendResponseHeaders(200, 0);
                    endless(ex.getResponseBody(), "<rss version=\"2.0\"><channel><title>".getBytes(StandardCharsets.UTF_8));
                })
                .on("/gzip", ex -> {
                    ex.getResponseHeaders().add("Content-Encoding", "gzip");
                    ex.sendResponseHeaders(200, 0);
                    endless(new GZIPOutputStream(ex.getResponseBody()), "<rss><channel><item>".getBytes(StandardCharsets.UTF_8));
                });
             ServerSocket unframed = HttpFetcherTest.rawServer(pool, socket -> {
                 HttpFetcherTest.readRequest(socket);
                 OutputStream out = socket.getOutputStream();
                 out.write("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                 endless(out, "<item>".getBytes(StandardCharsets.US_ASCII));
             })) {
            assertEquals("fetch: body exceeds 1 MiB", fetcher.fetch(FetchRequest.of(s.url("/chunked"))).error());
            String gzip = fetcher.fetch(FetchRequest.of(s.url("/gzip"))).error();
            assertTrue(gzip.startsWith("fetch: body exceeds 1 MiB"), gzip);
            assertEquals("fetch: body exceeds 1 MiB",
                    fetcher.fetch(FetchRequest.of("http://127.0.0.1:" + unframed.getLocalPort() + "/feed")).error());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void redirectsToLocalSchemes_areRefused() throws Exception {
        try (TestServer s = new TestServer()
                .on("/file", ex -> TestServer.send(ex, 302, null, (byte[]) null, "Location", "file:///etc/passwd"))
                .on("/js", ex -> TestServer.send(ex, 301, null, (byte[]) null, "Location", "javascript:alert(1)"))
                .on("/data", ex -> TestServer.send(ex, 302, null, (byte[]) null, "Location", "data:text/xml,<rss/>"))) {
            assertEquals("fetch: unsupported scheme 'file' in file:///etc/passwd", fetcher.fetch(FetchRequest.of(s.url("/file"))).error());
            assertEquals(null, fetchAndParse(s.url("/js")));
            assertEquals(null, fetchAndParse(s.url("/data")));
        }
    }

    @Test
    void hugeAndMislabelledFeedsOverHttp_parseToBoundedItems() throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            items.append("<item><title>n").append(i).append("</title><link>http://example.com/").append(i).append("</link></item>");
        }
        byte[] many = ("<rss version=\"2.0\"><channel><title>t</title>" + items + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
        HttpFetcher roomy = new HttpFetcher(new FeedloomConfig.Fetch(8, 4, Duration.ofSeconds(5), Duration.ofSeconds(30),
                16L * 1024 * 1024, 5), "test");
        try (TestServer s = new TestServer()
                .on("/many", ex -> TestServer.send(ex, 200, "application/rss+xml", gzip(many), "Content-Encoding", "gzip"))
                .on("/charset", ex -> TestServer.send(ex, 200, "text/xml; charset=utf-32",
                        rss("", "<title>caf\u00e9</title><link>http://example.com/c</link>")))) {
            FetchResult r = roomy.fetch(FetchRequest.of(s.url("/many")));
            assertEquals(Outcome.OK, r.outcome(), r.error());
            assertEquals(5_000, parser.parse(r.body(), r.contentType(), r.finalUrl(), "source:many").items().size());
            fetchAndParse(s.url("/charset"));
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** Writes {@code head} and then filler until the client goes away (at most 64 MiB, 64 times the cap). */
    static void endless(OutputStream out, byte[] head) throws IOException {
        byte[] filler = new byte[64 * 1024];
        java.util.Arrays.fill(filler, (byte) 'x');
        try (out) {
            out.write(head);
            for (int i = 0; i < 1024; i++) {
                out.write(filler);
            }
        } catch (IOException e) {
            // the client stopped reading at its cap
        }
    }
}
