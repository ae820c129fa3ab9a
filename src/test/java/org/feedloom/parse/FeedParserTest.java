package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.feedloom.model.Item;
import org.junit.jupiter.api.Test;

/** Inline regressions for the corpus failures fixed in the parser, and the keys of items without links. */
class FeedParserTest {
    static final FeedParser PARSER = new FeedParser(CorpusTest.CLOCK);
    static final String BASE = "http://example.com/feed/";

    static ParsedFeed parse(String xml) throws FeedParseException {
        return PARSER.parse(xml.getBytes(StandardCharsets.UTF_8), null, BASE, "source:test");
    }

    static String rss(String items) {
        return "<rss version=\"2.0\"><channel><title>t</title><link>http://example.com/</link>" + items + "</channel></rss>";
    }

    @Test
    void parse_doctypeTextInsideAComment_isNotADoctype() throws Exception {
        // item_description_not_a_doctype2: the "<!DOCTYPE" in the leading comment cut the whole document
        String xml = "<!-- says \"<!DOCTYPE\" -->\n" + rss("<item><description><![CDATA[ <!DOCTYPE ]]></description></item>");
        assertEquals("&lt;!DOCTYPE", parse(xml).items().get(0).excerpt());
    }

    @Test
    void parse_realDoctypeWithCommentInSubset_isRemovedWholly() throws Exception {
        String xml = "<!DOCTYPE rss [ <!-- it's ] here > --> <!ENTITY x \"y\"> ]>" + rss("<item><title>a &x;</title></item>");
        assertEquals("a y", parse(xml).items().get(0).title());
    }

    @Test
    void parse_htmlTitleWithUnclosedDeclarationOrComment_keepsItsText() throws Exception {
        // xml_declaration_unexpected_character and xml_malicious_comment
        String doctype = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">&lt;!DOCTYPE ~</title></feed>";
        assertEquals("<!DOCTYPE ~", parse(doctype).title());
        String comment = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">"
                + "sa&lt;!-- -- x &gt;fe&lt;script&gt;alert(1);&lt;/script&gt;</title></feed>";
        assertEquals("safe", parse(comment).title());
    }

    @Test
    void parse_atom10TextTitleWithBrackets_keepsThem() throws Exception {
        String xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>tag:x,2024:1</id>"
                + "<title type=\"text\">History of the &lt;blink&gt; tag</title></entry></feed>";
        assertEquals("History of the <blink> tag", parse(xml).items().get(0).title());
    }

    @Test
    void parse_base64Atom03AndAtom10_areDecoded() throws Exception {
        String atom03 = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry><summary mode=\"base64\">\n"
                + "  RXhhbXBsZSA8Yj5BdG9tPC9iPg==\n</summary></entry></feed>";
        assertEquals("Example <b>Atom</b>", parse(atom03).items().get(0).excerpt());
        String atom10 = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>tag:x,2024:1</id>"
                + "<content type=\"application/octet-stream\">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</content></entry></feed>";
        assertEquals("Example <b>Atom</b>", parse(atom10).items().get(0).content());
    }

    @Test
    void parse_utf16LeWithoutBomAndUtf32BeWithBom_areDecoded() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"utf-16le\"?>" + rss("<item><title>caf\u00e9 \u2603</title><link>http://example.com/1</link></item>");
        byte[] le = xml.getBytes(StandardCharsets.UTF_16LE);
        assertEquals("caf\u00e9 \u2603", PARSER.parse(le, null, BASE, "s").items().get(0).title());
        byte[] be = ("\uFEFF" + xml.replace("utf-16le", "utf-32")).getBytes(Charset.forName("UTF-32BE"));
        assertEquals("caf\u00e9 \u2603", PARSER.parse(be, null, BASE, "s").items().get(0).title());
    }

    @Test
    void parse_cp1252QuotesAsC1Controls_becomeCurlyQuotes() throws Exception {
        assertEquals("don\u2019t", parse(rss("<item><title>don\u0092t</title><link>http://example.com/1</link></item>")).items().get(0).title());
        assertEquals("don\u2019t", parse(rss("<item><title>don&#146;t</title><link>http://example.com/1</link></item>")).items().get(0).title());
    }

    @Test
    void parse_uppercaseCoreElements_areRead() throws Exception {
        ParsedFeed feed = parse("<rss version=\"2.0\"><channel><TiTlE>Example title</TiTlE><ITEM><Title>x</Title>"
                + "<LINK>http://example.com/1</LINK></ITEM></channel></rss>");
        assertEquals("Example title", feed.title());
        assertEquals("http://example.com/1", feed.items().get(0).preferredUrl());
    }

    @Test
    void parse_itemsWithoutLink_areKeptWithStableFeedScopedKeys() throws Exception {
        String items = "<item><author>Example editor</author></item>"
                + "<item xmlns:media=\"http://search.yahoo.com/mrss/\"><media:title>bar</media:title></item>"
                + "<item><guid isPermaLink=\"false\">1234</guid><title>guid only</title></item>"
                + "<item><guid isPermaLink=\"false\">urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427</guid></item>"
                + "<item><guid isPermaLink=\"false\">java\tscript:alert(1)</guid></item>"
                + "<item></item>";
        List<Item> first = parse(rss(items)).items();
        assertEquals(5, first.size(), "the item that says nothing is dropped");
        assertEquals("Example editor", first.get(0).author());
        assertEquals("bar", first.get(1).title());
        assertTrue(first.get(0).preferredUrl().startsWith("urn:feedloom:item:"), first.get(0).preferredUrl());
        assertTrue(first.get(2).preferredUrl().startsWith("urn:feedloom:guid:"), "a bare guid is scoped to its feed");
        assertEquals("urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427", first.get(3).preferredUrl(), "a global id is kept");
        assertTrue(first.get(4).preferredUrl().startsWith("urn:feedloom:guid:"), "an active scheme never becomes a URL");
        assertEquals(first, parse(rss(items)).items(), "same feed, same keys");
        String otherFeed = parse(rss(items).replace("http://example.com/", "http://other.example/")).items().get(2).preferredUrl();
        assertNotEquals(first.get(2).preferredUrl(), otherFeed, "guid 1234 of another feed is another item");
    }

    @Test
    void parse_itunesSummaryAndDcAuthor_areFallbacks() throws Exception {
        ParsedFeed feed = parse("<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/DTDs/Podcast-1.0.dtd\" "
                + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><item><itunes:summary>Example summary"
                + "</itunes:summary><dc:author>Ed</dc:author></item></channel></rss>");
        assertEquals("Example summary", feed.items().get(0).excerpt());
        assertEquals("Ed", feed.items().get(0).author());
    }
}
