package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.feedloom.model.Item;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 11: RSS 0.90 and 1.0 put items beside {@code <channel>} under {@code rdf:RDF}; items written inside the
 * channel (a common mistake) are read as feed readers read them, in document order with those beside it. Every
 * case runs with the fast path allowed and with ROME's path only.
 */
class RdfChannelItemsTest {
    static final String FETCHED = "https://example.org/feed.rdf";

    static ParsedFeed parse(boolean fastPath, String xml) throws FeedParseException {
        return new FeedParser(CorpusTest.CLOCK, fastPath).parse(xml.getBytes(StandardCharsets.UTF_8), null, FETCHED, "source:test");
    }

    static List<String> titles(ParsedFeed feed) {
        return feed.items().stream().map(Item::title).toList();
    }

    static List<String> links(ParsedFeed feed) {
        return feed.items().stream().map(Item::preferredUrl).toList();
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_rss10ItemsInsideChannel_areAllRead(boolean fastPath) throws Exception {
        ParsedFeed feed = parse(fastPath, """
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
                <channel rdf:about="https://example.org/"><title>R</title><link>https://example.org/</link>
                <description>d</description>
                <item rdf:about="https://example.org/1"><title>One</title><link>https://example.org/1</link></item>
                <item rdf:about="https://example.org/2"><title>Two</title><link>https://example.org/2</link></item>
                </channel>
                <item rdf:about="https://example.org/3"><title>Three</title><link>https://example.org/3</link></item>
                </rdf:RDF>""");
        assertEquals("R", feed.title());
        assertEquals(List.of("One", "Two", "Three"), titles(feed));
        assertEquals(List.of("https://example.org/1", "https://example.org/2", "https://example.org/3"), links(feed));
    }

    @ParameterizedTest(name = "fast path allowed: {0}")
    @ValueSource(booleans = {true, false})
    void parse_rss090ItemsInsideChannel_areAllRead(boolean fastPath) throws Exception {
        ParsedFeed feed = parse(fastPath, """
                <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
                <channel><title>Old</title><link>https://example.org/</link><description>d</description>
                <item><title>One</title><link>https://example.org/1</link></item>
                <item><title>Two</title><link>2</link></item>
                </channel></rdf:RDF>""");
        assertEquals("Old", feed.title());
        assertEquals(List.of("One", "Two"), titles(feed));
        assertEquals(List.of("https://example.org/1", "https://example.org/2"), links(feed));
    }
}
