package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11: relative URLs resolve against the nearest {@code xml:base} in scope (entry, then feed, then root;
 * nested values resolving against the enclosing base), then the feed's own alternate link, then the fetch URL —
 * for item links, image enclosures, media images and the HTML of summaries and contents. Every case runs with
 * the fast path allowed and with ROME's path only: both give the same items.
 */
class BaseUriTest {
    static final String FETCHED = "https://feeds.example.net/f/main.xml";
    static final String MEDIA = "xmlns:media=\"http://search.yahoo.com/mrss/\"";

    static ParsedFeed parse(boolean fastPath, String xml) throws FeedParseException {
        return new FeedParser(CorpusTest.CLOCK, fastPath).parse(xml.getBytes(StandardCharsets.UTF_8), null, FETCHED, "source:test");
    }

    static List<String> images(Item item) {
        return item.images().stream().map(Image::url).toList();
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_atomEntryXmlBase_resolvesTheEntryLink(boolean fastPath) throws Exception {
        ParsedFeed feed = parse(fastPath, """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
                <entry xml:base="https://example.org/blog/"><title>x</title><id>tag:example.org,2026:x</id>
                <link href="articles/x"/></entry></feed>""");
        assertEquals(List.of("https://example.org/blog/articles/x"), feed.items().get(0).urls());
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_atomEntryBaseRelativeToFeedBase_resolvesLinksImagesAndHtml(boolean fastPath) throws Exception {
        ParsedFeed feed = parse(fastPath, """
                <feed xmlns="http://www.w3.org/2005/Atom" %s xml:base="https://example.org/blog/"><title>t</title>
                <link rel="self" href="https://feeds.example.net/atom.xml"/>
                <entry xml:base="2026/"><title>x</title><id>tag:example.org,2026:x</id>
                <link href="articles/x"/><link rel="enclosure" type="image/jpeg" href="cover.jpg"/>
                <media:thumbnail url="thumb.png"/>
                <summary type="html">&lt;a href="more"&gt;more&lt;/a&gt;</summary>
                <content type="html">&lt;p&gt;&lt;img src="img/pic.png"&gt; &lt;a href="/about"&gt;about&lt;/a&gt;&lt;/p&gt;</content>
                </entry></feed>""".formatted(MEDIA));
        Item item = feed.items().get(0);
        assertEquals(List.of("https://example.org/blog/2026/articles/x"), item.urls());
        assertEquals(List.of("https://example.org/blog/2026/cover.jpg", "https://example.org/blog/2026/thumb.png"), images(item));
        assertTrue(item.excerpt().contains("href=\"https://example.org/blog/2026/more\""), item.excerpt());
        assertTrue(item.content().contains("src=\"https://example.org/blog/2026/img/pic.png\""), item.content());
        assertTrue(item.content().contains("href=\"https://example.org/about\""), item.content());
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_rss20XmlBaseOnRootChannelAndItem_nestAndResolveEverything(boolean fastPath) throws Exception {
        ParsedFeed feed = parse(fastPath, """
                <rss version="2.0" %s xml:base="https://example.org/">
                <channel xml:base="news/"><title>t</title><link>index.html</link>
                <item xml:base="2026/"><title>x</title><link>a.html</link>
                <enclosure url="e.jpg" type="image/jpeg" length="1"/>
                <media:content url="m.png" medium="image"/>
                <description>&lt;a href="b.html"&gt;b&lt;/a&gt; &lt;img src="c.gif"&gt;</description></item>
                <item><title>y</title><link>y.html</link></item>
                </channel></rss>""".formatted(MEDIA));
        assertEquals("https://example.org/news/index.html", feed.link());
        Item x = feed.items().get(0);
        assertEquals(List.of("https://example.org/news/2026/a.html"), x.urls());
        assertEquals(List.of("https://example.org/news/2026/e.jpg", "https://example.org/news/2026/m.png"), images(x));
        assertTrue(x.excerpt().contains("href=\"https://example.org/news/2026/b.html\""), x.excerpt());
        assertTrue(x.excerpt().contains("src=\"https://example.org/news/2026/c.gif\""), x.excerpt());
        assertEquals(List.of("https://example.org/news/y.html"), feed.items().get(1).urls(), "the channel's base, not the link's");
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_rss20ItemXmlBase_resolvesHtmlAgainstTheBaseNotTheItemLink(boolean fastPath) throws Exception {
        ParsedFeed feed = parse(fastPath, """
                <rss version="2.0"><channel><title>t</title><link>https://example.org/</link>
                <item xml:base="https://cdn.example.org/posts/1/"><title>x</title><link>https://example.org/p/1</link>
                <description>&lt;img src="fig.png"&gt;</description></item></channel></rss>""");
        Item item = feed.items().get(0);
        assertEquals(List.of("https://example.org/p/1"), item.urls());
        assertTrue(item.excerpt().contains("src=\"https://cdn.example.org/posts/1/fig.png\""), item.excerpt());
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_relativeRootXmlBase_resolvesAgainstTheFetchUrl(boolean fastPath) throws Exception {
        ParsedFeed feed = parse(fastPath, """
                <feed xmlns="http://www.w3.org/2005/Atom" xml:base="../site/"><title>t</title>
                <link href="https://example.org/"/>
                <entry><title>x</title><id>tag:example.org,2026:x</id><link href="x"/></entry></feed>""");
        assertEquals(List.of("https://feeds.example.net/site/x"), feed.items().get(0).urls());
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_unusableXmlBase_isIgnored(boolean fastPath) throws Exception {
        ParsedFeed feed = parse(fastPath, """
                <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/blog/"><title>t</title>
                <entry xml:base="javascript:alert(1)//"><title>x</title><id>tag:example.org,2026:x</id>
                <link href="x"/></entry></feed>""");
        assertEquals(List.of("https://example.org/blog/x"), feed.items().get(0).urls());
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_atomWithoutXmlBase_resolvesAgainstTheAlternateLinkNotTheSelfLink(boolean fastPath) throws Exception {
        ParsedFeed feed = parse(fastPath, """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
                <link rel="self" href="https://feeds.example.net/atom.xml"/><link rel="alternate" href="https://example.org/blog/"/>
                <entry><title>x</title><id>tag:example.org,2026:x</id><link href="posts/1"/>
                <link rel="enclosure" type="image/png" href="posts/1.png"/></entry></feed>""");
        Item item = feed.items().get(0);
        assertEquals(List.of("https://example.org/blog/posts/1"), item.urls());
        assertEquals(List.of("https://example.org/blog/posts/1.png"), images(item));
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_rss20WithoutXmlBase_resolvesAgainstTheChannelLinkItselfResolved(boolean fastPath) throws Exception {
        ParsedFeed feed = parse(fastPath, """
                <rss version="2.0"><channel><title>t</title><link>/blog/</link>
                <item><title>x</title><link>posts/1</link><description>&lt;a href="more"&gt;m&lt;/a&gt;</description></item>
                </channel></rss>""");
        assertEquals("https://feeds.example.net/blog/", feed.link());
        Item item = feed.items().get(0);
        assertEquals(List.of("https://feeds.example.net/blog/posts/1"), item.urls());
        // without an xml:base an item's HTML is read relative to the item's own page
        assertTrue(item.excerpt().contains("href=\"https://feeds.example.net/blog/posts/more\""), item.excerpt());
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_withoutXmlBaseOrFeedLink_resolvesAgainstTheFetchUrl(boolean fastPath) throws Exception {
        ParsedFeed atom = parse(fastPath, """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
                <entry><title>x</title><id>tag:example.org,2026:x</id><link href="posts/1"/></entry></feed>""");
        assertEquals(List.of("https://feeds.example.net/f/posts/1"), atom.items().get(0).urls());
        ParsedFeed rss = parse(fastPath, """
                <rss version="2.0"><channel><title>t</title><item><title>x</title><link>posts/1</link></item></channel></rss>""");
        assertEquals(List.of("https://feeds.example.net/f/posts/1"), rss.items().get(0).urls());
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_contentOwnXmlBase_resolvesThatHtmlOnly(boolean fastPath) throws Exception {
        // as WordPress writes Atom: the feed's base is wp-atom.php, each content's is its post
        ParsedFeed feed = parse(fastPath, """
                <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/wp-atom.php"><title>t</title>
                <link rel="alternate" href="https://example.org"/>
                <entry><title>x</title><id>tag:example.org,2026:x</id><link href="https://example.org/2026/01/x/"/>
                <summary type="html">&lt;a href="about/"&gt;about&lt;/a&gt;</summary>
                <content type="html" xml:base="https://example.org/2026/01/x/">&lt;img src="fig.png"&gt;</content>
                </entry></feed>""");
        Item item = feed.items().get(0);
        assertTrue(item.content().contains("src=\"https://example.org/2026/01/x/fig.png\""), item.content());
        assertTrue(item.excerpt().contains("href=\"https://example.org/about/\""), item.excerpt());
        ParsedFeed rss = parse(fastPath, """
                <rss version="2.0" xml:base="https://example.org/"><channel><title>t</title>
                <item><title>x</title><link>https://example.org/p/x</link>
                <description xml:base="https://cdn.example.org/x/">&lt;img src="fig.png"&gt;</description></item>
                </channel></rss>""");
        String excerpt = rss.items().get(0).excerpt();
        assertTrue(excerpt.contains("src=\"https://cdn.example.org/x/fig.png\""), excerpt);
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_sameDocumentReferencesUnderASiteBase_pointIntoTheItemsPage(boolean fastPath) throws Exception {
        // footnotes under a content base that is the site's root, as some blogs write it
        ParsedFeed feed = parse(fastPath, """
                <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
                <entry><title>x</title><id>tag:example.org,2026:x</id><link href="https://example.org/2026/x"/>
                <content type="html" xml:base="https://example.org/">&lt;a href="#fn1"&gt;1&lt;/a&gt; &lt;a href=""&gt;here&lt;/a&gt;
                &lt;a href="about"&gt;about&lt;/a&gt;</content></entry></feed>""");
        String content = feed.items().get(0).content();
        assertTrue(content.contains("href=\"https://example.org/2026/x#fn1\""), content);
        assertTrue(content.contains("href=\"https://example.org/2026/x\""), content);
        assertTrue(content.contains("href=\"https://example.org/about\""), content);
    }

    /** The xml:base tests of plasmasturm.org, kept in the corpus: links and content point where their labels say. */
    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_xmlBaseConformanceFeed_everyLinkPointsWhereItsLabelSays(boolean fastPath) throws Exception {
        byte[] body = CorpusTest.bytes("wellformed/atom10/rome-atom_1.0_b.xml");
        ParsedFeed feed = new FeedParser(CorpusTest.CLOCK, fastPath).parse(body, null, FETCHED, "source:test");
        assertEquals(16, feed.items().size());
        for (Item item : feed.items()) {
            assertEquals(List.of("http://example.org/tests/base/result.html"), item.urls(), item.title());
            if (item.content() != null) {
                var a = org.jsoup.Jsoup.parseBodyFragment(item.content()).selectFirst("a");
                assertEquals(a.text(), a.attr("href"), item.title());
            }
        }
    }
}
