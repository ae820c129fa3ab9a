package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile documents, generated here: each parses to safe items or fails with a one-line {@code parse:} message;
 * nothing else escapes, nothing is read from the disk, no connection is made, nothing grows without bound.
 */
class HostileFeedTest {
    static final FeedParser PARSER = new FeedParser(CorpusTest.CLOCK);
    static final String BASE = "http://example.com/feed/";
    static final String SECRET = "feedloom-canary-7c1e";

    /** A loopback port that counts every connection made to it: no document may make one. */
    static ServerSocket canary;
    static final AtomicInteger CONNECTIONS = new AtomicInteger();
    @TempDir
    static Path dir;
    static Path secretFile;

    @BeforeAll
    static void start() throws IOException {
        canary = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!canary.isClosed()) {
                try (Socket s = canary.accept()) {
                    CONNECTIONS.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "canary");
        acceptor.setDaemon(true);
        acceptor.start();
        secretFile = Files.writeString(dir.resolve("secret.txt"), SECRET);
    }

    @AfterAll
    static void stop() throws IOException {
        canary.close();
    }

    static String canaryUrl(String path) {
        return "http://127.0.0.1:" + canary.getLocalPort() + path;
    }

    /** The feed, or null after a clean failure; anything else fails the test. */
    static ParsedFeed safely(byte[] body) {
        try {
            ParsedFeed feed = PARSER.parse(body, null, BASE, "source:hostile");
            assertSafe(feed);
            return feed;
        } catch (FeedParseException e) {
            assertTrue(e.getMessage().startsWith("parse: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            assertFalse(e.getMessage().contains(SECRET), "the message leaks nothing");
            return null;
        } catch (Throwable t) {
            throw new AssertionError("escaped: " + t, t);
        }
    }

    static ParsedFeed safely(String xml) {
        return safely(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** No secret, no local file content, only http(s) or opaque urn/tag keys, bounded lengths. */
    static void assertSafe(ParsedFeed feed) {
        StringBuilder all = new StringBuilder().append(feed.title()).append(feed.link());
        for (Item i : feed.items()) {
            all.append(i.title()).append(i.excerpt()).append(i.content()).append(i.author()).append(i.urls());
            i.images().stream().map(Image::url).forEach(all::append);
            assertTrue(i.title().length() <= ItemFields.MAX_TITLE, "title length " + i.title().length());
            for (String url : i.urls()) {
                String lower = url.toLowerCase(Locale.ROOT);
                assertTrue(lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("urn:")
                        || lower.startsWith("tag:"), url);
                assertTrue(url.length() <= Links.MAX_URL, "url length " + url.length());
            }
            for (Image image : i.images()) {
                assertTrue(image.url().startsWith("http://") || image.url().startsWith("https://"), image.url());
            }
        }
        String text = all.toString();
        assertFalse(text.contains(SECRET), "nothing from the local disk");
        assertFalse(text.contains("root:x:0:0"), "nothing from /etc/passwd");
        assertFalse(text.contains("\u0000"), "no NUL");
        assertTrue(feed.items().size() <= FeedParser.MAX_ITEMS);
    }

    static String rss(String doctype, String items) {
        return "<?xml version=\"1.0\"?>\n" + doctype + "\n<rss version=\"2.0\"><channel><title>t</title>"
                + "<link>http://example.com/</link>" + items + "</channel></rss>";
    }

    static Stream<Arguments> externalReferences() {
        String file = secretFile.toUri().toString();
        String http = canaryUrl("/entity");
        return Stream.of(
                Arguments.of("external file entity", rss("<!DOCTYPE rss [<!ENTITY x SYSTEM \"" + file + "\">]>",
                        "<item><title>&x;</title><link>http://example.com/1</link></item>")),
                Arguments.of("/etc/passwd entity", rss("<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
                        "<item><title>&x;</title><description>&x;</description><link>http://example.com/1</link></item>")),
                Arguments.of("external http entity", rss("<!DOCTYPE rss [<!ENTITY x SYSTEM \"" + http + "\">]>",
                        "<item><title>&x;</title><link>http://example.com/1</link></item>")),
                Arguments.of("entity in an attribute", rss("<!DOCTYPE rss [<!ENTITY x SYSTEM \"" + file + "\">]>",
                        "<item><title>a</title><enclosure url=\"http://example.com/&x;\" type=\"image/png\"/></item>")),
                Arguments.of("external DTD", rss("<!DOCTYPE rss SYSTEM \"" + canaryUrl("/dtd") + "\">",
                        "<item><title>a</title><link>http://example.com/1</link></item>")),
                Arguments.of("public DTD", rss("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \""
                        + canaryUrl("/rss-0.91.dtd") + "\">", "<item><title>a</title><link>http://example.com/1</link></item>")),
                Arguments.of("external parameter entity", rss("<!DOCTYPE rss [<!ENTITY % p SYSTEM \"" + http + "\"> %p;]>",
                        "<item><title>&q;</title><link>http://example.com/1</link></item>")),
                Arguments.of("parameter entity defining a general one", rss(
                        "<!DOCTYPE rss [<!ENTITY % p \"<!ENTITY q SYSTEM '" + file + "'>\"> %p;]>",
                        "<item><title>&q;</title><link>http://example.com/1</link></item>")),
                Arguments.of("external entity of an unusual case", rss("<!doctype rss [<!ENTITY x SYSTEM \"" + file + "\">]>",
                        "<item><title>&x;</title><link>http://example.com/1</link></item>")),
                Arguments.of("DOCTYPE after the root start", "<rss version=\"2.0\"><!DOCTYPE rss [<!ENTITY x SYSTEM \""
                        + file + "\">]><channel><item><title>&x;</title></item></channel></rss>"),
                Arguments.of("XInclude", rss("", "<item xmlns:xi=\"http://www.w3.org/2001/XInclude\"><title>a</title>"
                        + "<description><xi:include href=\"" + file + "\" parse=\"text\"/></description>"
                        + "<xi:include href=\"" + http + "\"/><link>http://example.com/1</link></item>")),
                Arguments.of("stylesheet and schema location", rss("<?xml-stylesheet type=\"text/xsl\" href=\"" + canaryUrl("/xsl") + "\"?>",
                        "<item xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"urn:x "
                        + canaryUrl("/xsd") + "\"><title>a</title><link>http://example.com/1</link></item>")),
                Arguments.of("Atom with external entity", "<!DOCTYPE feed [<!ENTITY x SYSTEM \"" + file + "\">]>"
                        + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&x;</title><entry><id>tag:x,1:1</id>"
                        + "<title>&x;</title><content type=\"html\">&x;</content></entry></feed>"),
                Arguments.of("entity hidden in a comment-looking subset", rss(
                        "<!DOCTYPE rss [<!-- ]> --> <!ENTITY x SYSTEM \"" + file + "\">]>",
                        "<item><title>&x;</title><link>http://example.com/1</link></item>")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("externalReferences")
    void externalReferences_areNeverResolved(String name, String xml) {
        int before = CONNECTIONS.get();
        ParsedFeed feed = safely(xml);
        if (feed != null) {
            feed.items().forEach(i -> assertFalse(String.valueOf(i.title()).contains("&x;") && i.title().length() > 100));
        }
        assertEquals(before, CONNECTIONS.get(), "no connection to the test's server");
    }

    @Test
    void billionLaughs_isRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE rss [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            String prev = i == 1 ? "&lol;" : "&lol" + (i - 1) + ";";
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(prev.repeat(10)).append("\">");
        }
        dtd.append("]>");
        assertNull(safely(rss(dtd.toString(), "<item><title>&lol9;</title><link>http://example.com/1</link></item>")));
    }

    @Test
    void quadraticBlowup_isRefusedOrBounded() {
        String big = "<!DOCTYPE rss [<!ENTITY a \"" + "x".repeat(50_000) + "\">]>";
        assertNull(safely(rss(big, ("<item><title>&a;</title><link>http://example.com/1</link></item>").repeat(2_000))));
        // short enough to be expanded, referenced often enough to exceed the expansion budget
        String small = "<!DOCTYPE rss [<!ENTITY a \"" + "x".repeat(1_000) + "\">]>";
        assertNull(safely(rss(small, "<item><title>t</title><description>" + "&a;".repeat(5_000)
                + "</description><link>http://example.com/1</link></item>")));
    }

    @Test
    void deeplyNestedElements_areRefused() {
        int depth = 20_000;
        String nested = "<div>".repeat(depth) + "x" + "</div>".repeat(depth);
        ParsedFeed feed = safely(rss("", "<item><title>t</title><link>http://example.com/1</link>"
                + "<description xmlns:x=\"urn:x\">" + nested + "</description></item>"));
        assertNull(feed, "more than " + FeedParser.MAX_DEPTH + " levels of XML");
        assertNull(safely("[".repeat(100_000) + "]".repeat(100_000)), "JSON nested 100,000 deep");
    }

    /**
     * The depth limit is the same on both paths, at the boundary: the streaming reader counts it as it reads, ROME's
     * path in a pass before JDOM builds its tree. The root counts as one level; a description of n nested elements
     * sits at depth 4 + n.
     */
    @ParameterizedTest
    @ValueSource(strings = {"BOTH", "ROME"})
    void nestingAtTheLimit_isRead_oneLevelMore_isRefused(String paths) throws FeedParseException {
        FeedParser parser = new FeedParser(CorpusTest.CLOCK, FeedParser.Paths.valueOf(paths));
        for (int extra : new int[] {0, 1}) {
            int n = FeedParser.MAX_DEPTH - 4 + extra;
            byte[] doc = rss("", "<item><title>t</title><link>http://example.com/1</link><description "
                    + "xmlns:x=\"urn:x\">" + "<x:d>".repeat(n) + "x" + "</x:d>".repeat(n) + "</description></item>")
                    .getBytes(StandardCharsets.UTF_8);
            if (extra == 0) {
                assertEquals(1, parser.parse(doc, null, BASE, "source:deep").items().size());
            } else {
                FeedParseException e = assertThrows(FeedParseException.class, () -> parser.parse(doc, null, BASE, "s"));
                assertEquals("parse: elements nested more than " + FeedParser.MAX_DEPTH + " deep", e.getMessage());
            }
        }
    }

    @Test
    void deeplyNestedEscapedHtml_parsesToBoundedContent() {
        int depth = 50_000;
        String html = "&lt;div&gt;".repeat(depth) + "deep" + "&lt;/div&gt;".repeat(depth);
        ParsedFeed feed = safely(rss("", "<item><title>t</title><link>http://example.com/1</link>"
                + "<description>" + html + "</description></item>"));
        assertNotNull(feed);
        String excerpt = feed.items().get(0).excerpt();
        assertTrue(excerpt == null || excerpt.length() <= 2 * ItemFields.MAX_HTML, String.valueOf(excerpt).length() + " chars");
    }

    @Test
    void hundredThousandItems_areCapped() {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            items.append("<item><title>n").append(i).append("</title><link>http://example.com/").append(i)
                    .append("</link><!-- c --><description><![CDATA[d]]></description></item>");
        }
        ParsedFeed rss = safely(rss("", items.toString()));
        assertEquals(FeedParser.MAX_ITEMS, rss.items().size());
        assertEquals("n0", rss.items().get(0).title());
        assertEquals("n" + (FeedParser.MAX_ITEMS - 1), rss.items().get(FeedParser.MAX_ITEMS - 1).title());

        StringBuilder entries = new StringBuilder("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>");
        for (int i = 0; i < 100_000; i++) {
            entries.append("<entry><id>tag:x,2024:").append(i).append("</id><title>e").append(i).append("</title></entry>");
        }
        assertEquals(FeedParser.MAX_ITEMS, safely(entries.append("</feed>").toString()).items().size());

        StringBuilder json = new StringBuilder("{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\",\"items\":[");
        for (int i = 0; i < 100_000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i).append("\",\"url\":\"http://example.com/")
                    .append(i).append("\",\"title\":\"j\"}");
        }
        assertEquals(FeedParser.MAX_ITEMS, safely(json.append("]}").toString()).items().size());
    }

    @Test
    void oversizedDocument_isRefused() {
        byte[] huge = new byte[FeedParser.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertNull(safely(huge));
    }

    @Test
    void invalidUtf8AndNulBytes_parseToCleanText() {
        byte[] head = "<rss version=\"2.0\"><channel><item><title>a".getBytes(StandardCharsets.UTF_8);
        byte[] junk = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'b'};
        byte[] tail = "</title><link>http://example.com/1</link></item></channel></rss>".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + junk.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(junk, 0, body, head.length, junk.length);
        System.arraycopy(tail, 0, body, head.length + junk.length, tail.length);
        ParsedFeed feed = safely(body);
        assertNotNull(feed);
        String title = feed.items().get(0).title();
        assertTrue(title.startsWith("a") && title.endsWith("b"), title);
        safely(new byte[] {0, 0, 0, 0, 0, 0});
        safely(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0, 0, 0});
        safely(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        safely("{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"url\":\"http://example.com/\\u0000x\",\"title\":\"\\u0000\"}]}");
    }

    @Test
    void megabyteTitlesUrlsAndContent_areCapped() {
        String mb = "A".repeat(1024 * 1024);
        ParsedFeed feed = safely(rss("", "<item><title>" + mb + "</title><link>http://example.com/" + mb + "</link>"
                + "<description>" + "&lt;p&gt;" + mb + mb + "</description><author>" + mb + "</author>"
                + "<enclosure url=\"http://example.com/" + mb + "\" type=\"image/png\"/></item>"
                + "<item><title>short</title><link>http://example.com/ok</link><guid isPermaLink=\"false\">" + mb + "</guid></item>"));
        Item big = feed.items().get(0);
        assertEquals(ItemFields.MAX_TITLE, big.title().length());
        assertTrue(big.preferredUrl().startsWith("urn:feedloom:"), "a link longer than the cap is dropped");
        assertTrue(big.preferredUrl().length() < 100, "and not used as a key either");
        assertTrue(big.excerpt().length() <= ItemFields.MAX_HTML + 64, big.excerpt().length() + " chars");
        assertTrue(big.author().length() <= ItemFields.MAX_AUTHOR);
        assertEquals(List.of(), big.images());
        assertEquals("http://example.com/ok", feed.items().get(1).preferredUrl());
        ParsedFeed longId = safely(rss("", "<item><title>x</title><guid isPermaLink=\"false\">" + mb + "</guid></item>"));
        assertTrue(longId.items().get(0).preferredUrl().length() < 100, "a megabyte guid is hashed");
    }

    static Stream<String> activeLinks() {
        return Stream.of("javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                "java&#x09;script:alert(1)", "jav&#x0A;ascript:alert(1)", "&#106;avascript:alert(1)",
                "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "data:image/svg+xml,<svg onload=alert(1)>", "file:///etc/passwd", "FILE://c:/boot.ini",
                "about:blank", "chrome://settings", "ms-its:x.chm::/x.htm", "mhtml:file://x", "jar:file:/x!/y",
                "view-source:http://example.com/", "feed:javascript:alert(1)", "ftp://example.com/x");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activeLinks")
    void linksWithOtherSchemes_areDropped(String href) {
        String escaped = href.replace("&", href.contains("&#") ? "&" : "&amp;").replace("<", "&lt;");
        ParsedFeed rss = safely("<rss version=\"2.0\"><channel><title>t</title><link>" + escaped + "</link>"
                + "<item><title>only link</title><link>" + escaped + "</link>"
                + "<enclosure url=\"" + escaped.replace("\"", "&quot;") + "\" type=\"image/png\"/></item>"
                + "<item><title>guid</title><guid>" + escaped + "</guid></item></channel></rss>");
        ParsedFeed atom = safely("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><link href=\""
                + escaped + "\"/><entry><title>a</title><link href=\"" + escaped + "\"/><id>" + escaped + "</id></entry></feed>");
        ParsedFeed json = safely("{\"version\":\"https://jsonfeed.org/version/1.1\",\"home_page_url\":\""
                + href.replace("\t", "\\t") + "\",\"items\":[{\"url\":\"" + href.replace("\t", "\\t") + "\",\"title\":\"j\"}]}");
        for (ParsedFeed feed : List.of(rss, atom, json)) {
            // a JSON string is not HTML: "java&#x09;script:" there is a harmless relative http URL
            assertTrue(feed.link() == null || feed.link().startsWith(BASE), "the feed link: " + feed.link());
            assertEquals(feed == rss ? 2 : 1, feed.items().size(), "the item is kept, without the link");
            for (Item item : feed.items()) {
                assertFalse(item.urls().stream().anyMatch(u -> u.toLowerCase(Locale.ROOT).replaceAll("[\\s&#;x0-9]", "")
                        .matches("^(javascript|vbscript|data|file|about|chrome|ms-its|mhtml|jar|view-source|feed|ftp):.*")),
                        item.urls().toString());
                assertEquals(List.of(), item.images());
            }
        }
    }

    @Test
    void notFeeds_failWithOneLine() {
        for (String body : List.of("", "   ", "<html><body>hi</body></html>", "<!DOCTYPE html><p>x", "\u0000\u0000",
                "<rss", "<?xml version=\"1.0\"?>", "{\"items\":\"x\"}", "<rss><channel><item><title>x</title></item>")) {
            if (safely(body) != null) {
                assertTrue(body.startsWith("<rss"), "only a truncated RSS may be read: " + body);
            }
        }
        byte[] gzip = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3};
        assertNull(safely(gzip), "compressed bytes are not a feed");
    }

    @Test
    void safetyHelper_failsOnALeak() {
        // the checks above are only worth something if they can fail
        ParsedFeed leaky = new ParsedFeed(new org.feedloom.model.FeedRef(BASE, "t", BASE), SECRET, null, null, List.of());
        try {
            assertSafe(leaky);
        } catch (AssertionError expected) {
            return;
        }
        fail("assertSafe must catch a leaked secret");
    }
}
