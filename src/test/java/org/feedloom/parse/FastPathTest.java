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

    static final FeedParser STAX_ONLY = new FeedParser(CorpusTest.CLOCK, FeedParser.Paths.STAX);

    /** The streaming reader's feed, or null when it declines the document (or it is not XML). */
    static ParsedFeed fast(byte[] body, String contentType) throws FeedParseException {
        if (!FeedParser.sniff(body).equals("xml")) {
            return null;
        }
        try {
            return STAX_ONLY.parse(body, contentType, BASE, "source:corpus");
        } catch (FeedParseException e) {
            if (e.getMessage().contains("streaming reader declines")) {
                return null;
            }
            throw e;
        }
    }

    @TestFactory
    Stream<DynamicTest> corpus_whereTheFastPathAccepts_itEqualsRome() throws Exception {
        return CorpusTest.manifest().stream().map(r -> DynamicTest.dynamicTest(r.path(), () -> {
            byte[] body = CorpusTest.bytes(r.path());
            ParsedFeed fast;
            try {
                fast = fast(body, r.contentType());
            } catch (FeedParseException e) {
                return; // refused before either path reads it (decoding, depth), or not XML at all
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

    // issue 11: xml:base (nested, relative to the enclosing base), relative links, items inside an RSS 1.0 channel
    static final String ATOM_XML_BASE = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example.com/blog/"><title>t</title>
            <link rel="self" href="/atom.xml"/><link href="./"/><id>tag:a,2</id>
            <entry xml:base="2026/"><title>x</title><id>tag:a,2:1</id><link href="x.html"/>
            <content type="html">&lt;a href="y.html"&gt;y&lt;/a&gt; &lt;img src="/i.png"&gt;</content></entry>
            <entry><title>z</title><link href="z"/><summary type="html">&lt;a href="w"&gt;w&lt;/a&gt;</summary></entry></feed>""";
    static final String ATOM_RELATIVE = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><link rel="self" href="https://f.example.net/a.xml"/>
            <link rel="alternate" href="/site/"/><entry><title>x</title><link href="x"/>
            <summary type="html">&lt;a href="y"&gt;y&lt;/a&gt;</summary></entry>
            <entry><title>no own link</title><id>tag:f,1</id><link rel="" href="z"/></entry></feed>""";
    static final String RSS20_XML_BASE = """
            <rss version="2.0" xml:base="https://r.example.com/"><channel xml:base="news/"><title>t</title><link>./</link>
            <item xml:base="https://cdn.example.com/a/"><title>x</title><link>x.html</link>
            <description>&lt;img src="i.png"&gt;</description></item>
            <item><title>y</title><link>y.html</link><description>&lt;a href="z"&gt;z&lt;/a&gt;</description></item>
            </channel></rss>""";
    static final String RSS10_CHANNEL_ITEMS = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <channel rdf:about="https://r.example.com/" xml:base="https://r.example.com/c/"><title>R</title><link>./</link>
            <item rdf:about="https://r.example.com/1"><title>One</title><link>1</link></item></channel>
            <item rdf:about="https://r.example.com/2"><title>Two</title><link>2</link></item></rdf:RDF>""";

    // issue 12: what real feeds carry — CDATA bodies with HTML entities, media, enclosures, Dublin Core, XHTML
    static final String WORDPRESS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
              xmlns:media="http://search.yahoo.com/mrss/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:atom="http://www.w3.org/2005/Atom">
            <channel><title>Blog &amp; more</title><link>https://blog.example.com</link><atom:link href="https://blog.example.com/feed/" rel="self"/>
            <item><title>Caf&eacute; &#8211; post</title><link>https://blog.example.com/2026/01/post/</link><comments>https://blog.example.com/2026/01/post/#respond</comments>
            <dc:creator><![CDATA[Ann Author]]></dc:creator><pubDate>Fri, 02 Jan 2026 03:04:05 +0000</pubDate>
            <category><![CDATA[News]]></category><category><![CDATA[News]]></category><category domain="tag">AI</category>
            <guid isPermaLink="false">https://blog.example.com/?p=12</guid>
            <description><![CDATA[<p>Excerpt&nbsp;&hellip; <a href="https://blog.example.com/2026/01/post/">Read more</a></p>]]></description>
            <content:encoded><![CDATA[<figure class="wp-block-image"><img src="/wp-content/uploads/a.jpg" alt="" srcset="x 1x"/><figcaption>Cap &amp; tion</figcaption></figure>
            <p>Body &mdash; with <em>HTML</em>.</p><ul><li>one</li></ul><blockquote><p>quote</p></blockquote><pre><code>x &lt; y</code></pre>
            <iframe src="https://www.youtube.com/embed/x"></iframe>]]></content:encoded>
            <wfw:commentRss>https://blog.example.com/2026/01/post/feed/</wfw:commentRss>
            <media:content url="https://blog.example.com/a.jpg" medium="image" width="640" height="480"><media:title type="html">A</media:title></media:content>
            <enclosure url="https://blog.example.com/b.png" length="1" type="image/png"/></item>
            <item><link>https://blog.example.com/2/</link><Description>d <b>bold</b> <![CDATA[<i>x</i>]]></Description><author>bo@example.com (Bo)</author>
            <media:group><media:thumbnail url="/t.jpg"/><media:description>described</media:description></media:group></item>
            </channel></rss>""";
    static final String ATOM_XHTML = """
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>feed</b></div></title><id>tag:x,1</id>
            <link rel="alternate" type="text/html" href="https://x.example.com/"/><link rel="self" href="https://x.example.com/atom"/>
            <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">E&amp;1 <i>it</i></div></title>
            <link href="https://x.example.com/1"/><link rel="enclosure" type="image/jpeg" href="/e.jpg"/><id>tag:x,1:1</id>
            <updated>2026-01-02T04:04:05Z</updated><dc:creator>Dee</dc:creator><dc:date>2026-01-01T00:00:00Z</dc:date>
            <content type="xhtml" xml:base="https://x.example.com/posts/"><div xmlns="http://www.w3.org/1999/xhtml"><p>Para <a href="rel">link</a><br/>
            <img src="i.png" alt="i"/><!-- comment --></p><![CDATA[cdata <b>]]></div></content>
            <media:thumbnail url="https://x.example.com/t.jpg" width="10" height="x"/><foo:bar xmlns:foo="urn:foo">ignored</foo:bar></entry>
            <entry><title type="html">&lt;b&gt;Two&lt;/b&gt;</title><content type="application/octet-stream">PHA+aGk8L3A+</content><link rel="alternate" href="javascript:x"/><link href="https://x.example.com/2"/>
            <author><name></name></author><author><name>Second</name></author><summary type="text">a &lt; b</summary></entry></feed>""";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rss20", "atom", "rss10", "atomXmlBase", "atomRelative", "rss20XmlBase", "rss10ChannelItems",
        "wordpress", "atomXhtml"})
    void parse_eachFormat_isAcceptedAndEqualsRome(String format) throws Exception {
        String doc = switch (format) {
            case "rss20" -> RSS20;
            case "atom" -> ATOM;
            case "atomXmlBase" -> ATOM_XML_BASE;
            case "atomRelative" -> ATOM_RELATIVE;
            case "rss20XmlBase" -> RSS20_XML_BASE;
            case "rss10ChannelItems" -> RSS10_CHANNEL_ITEMS;
            case "wordpress" -> WORDPRESS;
            case "atomXhtml" -> ATOM_XHTML;
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
        "<rss version=\"2.0\"><item><title>a</title><link>http://x/1</link></item></rss>",
        "<rss version=\"2.0\"><channel><item><title>a &foo; b</title><link>http://x/1</link></item></channel></rss>",
        "<rss version=\"2.0\" xmlns=\"http://backend.userland.com/rss2\"><channel><item><title>a</title></item></channel></rss>",
        "<feed xmlns=\"http://purl.org/atom/ns#\" version=\"0.3\"><entry><title>a</title></entry></feed>",
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel><title>t</title></channel></rdf:RDF>",
        "<rss version=\"2.0\"><channel><item><title>a</title><link>http://x/1</link></item></channel>",
    })
    void read_whatItDoesNotReproduce_isLeftToRome(String doc) throws FeedParseException {
        assertNull(new StaxFeedReader(CorpusTest.CLOCK, new SanitizedHtml(), BASE, "p").read(XmlEntities.fix(doc)));
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
