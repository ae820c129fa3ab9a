package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The StAX fast path ({@link StaxFeedReader}) gives exactly what ROME's path gives: for every corpus file it
 * accepts, the parsed feed (feed reference, title, link, ttl and every item field) equals ROME's; and it
 * declines what it does not reproduce.
 */
class FastPathTest {
    static final FeedParser ROME_ONLY = FeedParser.romeOnly(CorpusTest.CLOCK);
    static final AtomicInteger ACCEPTED = new AtomicInteger();
    static final String BASE = "http://example.com/feed/";

    static ParsedFeed fast(byte[] body, String contentType) throws FeedParseException {
        String text = Repairs.apply(XmlText.decode(body, contentType));
        return new StaxFeedReader(CorpusTest.CLOCK, BASE, "source:corpus").read(text);
    }

    @TestFactory
    Stream<DynamicTest> corpus_whereTheFastPathAccepts_itEqualsRome() throws Exception {
        return CorpusTest.manifest().stream().map(r -> DynamicTest.dynamicTest(r.path(), () -> {
            byte[] body = CorpusTest.bytes(r.path());
            ParsedFeed fast;
            try {
                fast = fast(body, r.contentType());
            } catch (RuntimeException e) {
                return; // the decoding steps themselves refuse it: FeedParser reports that, before either path
            }
            if (fast != null) {
                ACCEPTED.incrementAndGet();
                assertSame(ROME_ONLY.parse(body, r.contentType(), BASE, "source:corpus"), fast, r.path());
            }
        }));
    }

    static final String RSS20 = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>Site &amp; Co</title><link>https://site.example.com/</link><ttl>45</ttl>
            <item><title>First <![CDATA[one]]></title><link>/2026/01/first</link><guid isPermaLink="false">g-1</guid>
            <pubDate>Fri, 02 Jan 2026 03:04:05 +0000</pubDate><dc:creator>Ann</dc:creator><category>ai</category>
            <category>AI</category><description>&lt;p&gt;Summary &lt;a href="/x"&gt;link&lt;/a&gt;&lt;script&gt;x()&lt;/script&gt;&lt;/p&gt;</description>
            <content:encoded><![CDATA[<p onclick="x()">Body</p>]]></content:encoded></item>
            <item><title></title><link>https://other.example.org/a?utm_source=x</link><description>  </description></item>
            </channel></rss>""";
    static final String ATOM = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title type="html">A &lt;b&gt;feed&lt;/b&gt;</title><id>tag:a,1</id>
            <link rel="self" href="https://a.example.com/atom.xml"/><link href="https://a.example.com/"/>
            <author><name>Feed Author</name></author>
            <entry><title>E1</title><link rel="alternate" href="https://a.example.com/e1"/><link rel="replies" href="https://a.example.com/e1#c"/>
            <id>tag:a,1:1</id><updated>2026-01-02T04:04:05Z</updated><author><name> </name></author><author><name>Bo</name></author>
            <category term="c1" label="L"/><summary>&lt;p&gt;html by default&lt;/p&gt;</summary><content type="text">a &lt; b</content></entry>
            <entry><title type="text">E2</title><link href="https://a.example.com/e2"/><published>2026-01-01T00:00:00+02:00</published>
            <summary type="text">&lt;i&gt;escaped&lt;/i&gt;</summary></entry></feed>""";
    static final String RSS10 = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel rdf:about="https://r.example.com/"><title>R</title><link>https://r.example.com/</link></channel>
            <item rdf:about="https://r.example.com/1"><title>One</title><link>https://r.example.com/1</link>
            <description>&lt;p&gt;plain text in RSS 1.0&lt;/p&gt;</description><dc:date>2026-01-02T03:04:05Z</dc:date>
            <dc:creator>Cy</dc:creator><dc:subject>s</dc:subject></item></rdf:RDF>""";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rss20", "atom", "rss10"})
    void parse_eachFormat_isAcceptedAndEqualsRome(String format) throws Exception {
        String doc = switch (format) {
            case "rss20" -> RSS20;
            case "atom" -> ATOM;
            default -> RSS10;
        };
        byte[] body = doc.getBytes(StandardCharsets.UTF_8);
        ParsedFeed fast = fast(body, null);
        assertNotNull(fast, format + " must take the fast path");
        assertSame(ROME_ONLY.parse(body, null, BASE, "source:corpus"), fast, format);
        assertEquals(fast, new FeedParser(CorpusTest.CLOCK).parse(body, null, BASE, "source:corpus"));
        assertTrue(!fast.items().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "<rss version=\"0.91\"><channel><title>t</title><item><title>a</title><link>http://x/1</link></item></channel></rss>",
        "<rss version=\"2.0\"><channel><item><title>a</title><link>http://x/1</link><enclosure url=\"http://x/i.jpg\" type=\"image/jpeg\"/></item></channel></rss>",
        "<rss version=\"2.0\"><channel><item><title>a</title><guid>http://x/1</guid></item></channel></rss>",
        "<rss version=\"2.0\"><channel><item><title>a &nbsp; b</title><link>http://x/1</link></item></channel></rss>",
        "<rss version=\"2.0\"><channel><item><title>a <b>b</b></title><link>http://x/1</link></item></channel></rss>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>a</title><link href=\"/relative\"/></entry></feed>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://x/\"><entry><title>a</title><link href=\"http://x/1\"/></entry></feed>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">a</div></title><link href=\"http://x/1\"/></entry></feed>",
        "<rss version=\"2.0\"><channel><item><title>a</title><link>http://x/1</link></item></channel>",
    })
    void read_whatItDoesNotReproduce_isLeftToRome(String doc) {
        assertNull(new StaxFeedReader(CorpusTest.CLOCK, BASE, "p").read(doc));
    }

    @Test
    void parse_declinedDocuments_stillParse() throws Exception {
        byte[] body = "<rss version=\"2.0\"><channel><item><title>a</title><guid>http://x/1</guid></item></channel></rss>"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("http://x/1"), new FeedParser(CorpusTest.CLOCK).parse(body, null, BASE, "p").items().get(0).urls());
    }

    /** Equal, or a failure naming the first field that differs. */
    static void assertSame(ParsedFeed rome, ParsedFeed fast, String what) throws Exception {
        if (rome.equals(fast)) {
            return;
        }
        for (var c : ParsedFeed.class.getRecordComponents()) {
            if (!c.getName().equals("items")) {
                assertEquals(c.getAccessor().invoke(rome), c.getAccessor().invoke(fast), what + ": " + c.getName());
            }
        }
        assertEquals(rome.items().size(), fast.items().size(), what + ": item count");
        for (int i = 0; i < rome.items().size(); i++) {
            for (var c : org.feedloom.model.Item.class.getRecordComponents()) {
                assertEquals(c.getAccessor().invoke(rome.items().get(i)), c.getAccessor().invoke(fast.items().get(i)),
                        what + ": item " + i + " " + c.getName());
            }
        }
    }

    @AfterAll
    static void summary() {
        System.out.printf("fast path: %d corpus files accepted and equal to ROME's path%n", ACCEPTED.get());
        assertTrue(ACCEPTED.get() >= 50, "the fast path should take a good part of the corpus, took " + ACCEPTED.get());
    }
}
