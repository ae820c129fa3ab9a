package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.feedloom.html.HtmlSanitizer;
import org.junit.jupiter.api.Test;

/** Issue 12: HTML unchanged since the last fetch is not sanitised again, and the answer is the sanitiser's. */
class SanitizedHtmlTest {
    static final String BODY = "<p>" + "Some <a href=\"/rel\">text</a> &amp; <script>x()</script> more. ".repeat(40) + "</p>";

    @Test
    void sanitize_repeated_givesTheSanitisersAnswerForEachBaseAndPage() {
        SanitizedHtml cache = new SanitizedHtml();
        for (int i = 0; i < 3; i++) {
            assertEquals(HtmlSanitizer.sanitize(BODY, "https://a.example.com/", null),
                    cache.sanitize("https://a.example.com/1", "content", BODY, "https://a.example.com/", null));
            assertEquals(HtmlSanitizer.sanitize(BODY, "https://b.example.com/x/", "https://b.example.com/x/1"),
                    cache.sanitize("https://a.example.com/1", "content", BODY, "https://b.example.com/x/",
                            "https://b.example.com/x/1"));
        }
        assertEquals(2, cache.sanitised(), "each piece once per base and page");
    }

    @Test
    void sanitize_changedHtmlOfOneItem_isSanitisedAgainNeverTakenFromTheCache() {
        SanitizedHtml cache = new SanitizedHtml();
        String edited = BODY.replace("more", "less");
        String base = "https://a.example.com/";
        for (String html : new String[] {BODY, edited, BODY, BODY + " ", edited}) {
            assertEquals(HtmlSanitizer.sanitize(html, base, null), cache.sanitize("item", "content", html, base, null));
        }
        assertEquals(5, cache.sanitised(), "each change sanitised");
        cache.sanitize("item", "summary", edited, base, null);
        cache.sanitize("other", "content", edited, base, null);
        assertEquals(7, cache.sanitised(), "another part or item is another piece");
        cache.sanitize("other", "content", edited, base, null);
        assertEquals(7, cache.sanitised(), "unchanged since last time");
    }

    @Test
    void sanitize_nothingLeft_isNullEveryTime() {
        SanitizedHtml cache = new SanitizedHtml();
        String scripts = "<script>x()</script>".repeat(120);
        assertNull(cache.sanitize("i", "content", scripts, null, null));
        assertNull(cache.sanitize("i", "content", scripts, null, null));
        assertNull(cache.sanitize("i", "content", null, null, null));
        assertEquals(1, cache.sanitised());
    }

    @Test
    void parse_sameFeedAgain_sanitisesOnlyTheChangedItem() throws FeedParseException {
        FeedParser parser = new FeedParser(CorpusTest.CLOCK);
        parser.parse(feed("first"), null, "https://example.org/feed", "source:a");
        long first = parser.sanitised();
        assertEquals(2, first, "two full bodies");
        parser.parse(feed("first"), null, "https://example.org/feed", "source:a");
        assertEquals(first, parser.sanitised(), "nothing changed, nothing sanitised again");
        parser.parse(feed("edited"), null, "https://example.org/feed", "source:a");
        assertEquals(first + 1, parser.sanitised(), "only the edited body");
        assertEquals(0, new FeedParser(CorpusTest.CLOCK).sanitised(), "a parser's cache is its own");
    }

    private static byte[] feed(String word) {
        String body = BODY.replace("Some", "Some " + word);
        return ("<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
                + "<title>t</title><link>https://example.org/</link>"
                + "<item><title>one</title><link>https://example.org/1</link><content:encoded><![CDATA[" + body
                + "]]></content:encoded></item>"
                + "<item><title>two</title><link>https://example.org/2</link><content:encoded><![CDATA[" + BODY
                + "]]></content:encoded></item></channel></rss>").getBytes(StandardCharsets.UTF_8);
    }
}
