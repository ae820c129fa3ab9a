package org.feedloom.html;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SimpleHtml gives exactly what jsoup's cleaner ({@link HtmlSanitizer#clean}) gives, wherever it does not decline. */
class SimpleHtmlTest {
    static final String BASE = "https://example.org/post/1";

    static final List<String> PIECES = List.of(
            "plain words", " ", "\n", "\t", "a > b", "Tom &amp; Jerry", "&lt;tag&gt;", "&quot;q&quot;", "it&#39;s",
            "&#x27;", "&apos;", "caf\u00e9", "\u00a0", "&#160;", "\u2019", "emoji \ud83d\ude00", "&nbsp;", "&copy;",
            "&#0;", "&#128;", "&#x1F600;", "a & b", "<", "1 < 2", "\r\n", "\u0001", "\u0085", "\ufffe", "x\ud800y",
            "<p>", "</p>", "<b>", "</b>", "<i>", "</i>", "<em>", "</em>", "<strong>", "</strong>", "<code>",
            "</code>", "<br>", "<br/>", "<br />", "<BR>", "<p class=\"x\">", "<span>", "</span>", "<div>", "</div>",
            "<a href=\"https://site.example.com/2026/01/a-b-1\">", "<a href=\"http://x.example.com/p?id=5\">",
            "<a href=\"https://x.example.com/A/B_c.html\">", "<a href=\"https://X.example.com/a\">",
            "<a href=\"/relative\">", "<a href=\"https://x.example.com/a?x=1&amp;y=2\">",
            "<a href=\"javascript:alert(1)\">", "<a href=\"https://x.example.com/../a\">",
            "<a href=\"https://x.example.com/a b\">", "<a href='https://x.example.com/q'>",
            "<a href=\"https://x.example.com\">", "<a title=\"t\" href=\"https://x.example.com/t\">", "</a>",
            "<script>x()</script>", "<!-- c -->", "<img src=\"https://x.example.com/i.png\">", "<p onclick=\"x\">");

    @Test
    void sanitize_randomMixes_equalJsoupsCleanerWhereAccepted() {
        Random random = new Random(6);
        int accepted = 0;
        for (int n = 0; n < 30_000; n++) {
            StringBuilder html = new StringBuilder();
            int parts = 1 + random.nextInt(12);
            for (int k = 0; k < parts; k++) {
                html.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            accepted += check(html.toString()) ? 1 : 0;
        }
        for (String well : wellFormed(random, 5_000)) {
            accepted += check(well) ? 1 : 0;
        }
        assertTrue(accepted > 5_000, "accepted " + accepted);
    }

    /** Well-formed summaries of the kind feeds carry, most of them inside the subset. */
    static List<String> wellFormed(Random random, int count) {
        List<String> out = new java.util.ArrayList<>();
        String[] inline = {"b", "i", "em", "strong", "code"};
        for (int n = 0; n < count; n++) {
            StringBuilder html = new StringBuilder();
            for (int p = 0; p < 1 + random.nextInt(3); p++) {
                String tag = inline[random.nextInt(inline.length)];
                html.append(random.nextBoolean() ? "<p>" : "").append("Some text &amp; more, ")
                        .append('<').append(tag).append(">words</").append(tag).append("> and ")
                        .append("<a href=\"https://site").append(n).append(".example.com/2026/0").append(p)
                        .append("/Title-").append(n).append("\">a link</a>.");
                if (html.indexOf("<p>", html.length() - 120) >= 0) {
                    html.append("</p>");
                }
                html.append(random.nextBoolean() ? "\n" : "");
            }
            out.add(html.toString());
        }
        return out;
    }

    static boolean check(String html) {
        String fast = SimpleHtml.sanitize(html);
        if (fast == SimpleHtml.DECLINED) {
            return false;
        }
        assertEquals(HtmlSanitizer.clean(html, BASE, null), fast, html);
        return true;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<p>Hello <a href=\"https://example.com/a/b\">there</a> &amp; <em>welcome</em>.</p>\n<p>Two &#8217; &#x2014;</p>",
        "  text only, with a > sign and \u00a0 space  ",
        "<b>bold</b><br/>next<br>line",
        "<p></p>",
    })
    void sanitize_commonSummaries_areAcceptedAndEqualJsoup(String html) {
        String fast = SimpleHtml.sanitize(html);
        assertTrue(fast != SimpleHtml.DECLINED, html);
        assertEquals(HtmlSanitizer.clean(html, BASE, null), fast);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>x</script>", "<p><p>x</p></p>", "<b>x", "x</b>", "<a href=\"javascript:x\">x</a>",
        "<a href=\"/x\">x</a>", "<img src=x onerror=y>", "<!-- x -->", "a &copy; b", "a\r\nb", "<b><b>x</b></b>",
        "<a href=\"https://x.example.com/a\"><a href=\"https://x.example.com/b\">x</a></a>"})
    void sanitize_outsideTheSubset_isDeclined(String html) {
        assertSame(SimpleHtml.DECLINED, SimpleHtml.sanitize(html));
    }
}
