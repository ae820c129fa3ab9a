package org.feedloom.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HtmlSanitizerTest {
    static final String BASE = "http://example.com/posts/1";

    static Stream<String> vectors() {
        return XssChecks.vectors();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("vectors")
    void sanitize_owaspVector_leavesNothingExecutable(String vector) {
        String clean = HtmlSanitizer.sanitize(vector, BASE);
        XssChecks.assertNothingExecutable(clean, vector);
        // wrapped in ordinary content, and again after a second pass (what is published is re-read by readers)
        String wrapped = HtmlSanitizer.sanitize("<p>before</p>" + vector + "<p>after <a href=\"/x\">x</a></p>", BASE);
        XssChecks.assertNothingExecutable(wrapped, vector);
        XssChecks.assertNothingExecutable(HtmlSanitizer.sanitize(wrapped, BASE), vector);
    }

    @Test
    void checks_flagTheRawVectors() {
        // the assertions above only mean something if they catch the vectors before sanitising
        List<String> raw = XssChecks.vectors().toList();
        long flagged = raw.stream().filter(XssChecks::flags).count();
        assertTrue(raw.size() >= 40, raw.size() + " vectors");
        assertTrue(flagged >= raw.size() - 5, flagged + " of " + raw.size() + " raw vectors flagged");
    }

    @Test
    void sanitize_keepsContentMakesUrlsAbsoluteAndLinksNoopener() {
        String clean = HtmlSanitizer.sanitize("<p>Hello <b>bold</b> <a href=\"../2\" target=\"_top\">next</a>"
                + "<img src=\"/i.png\" alt=\"i\"><img src=\"data:image/png;base64,iVBORw0KGgo=\"></p>", BASE);
        Element body = Jsoup.parseBodyFragment(clean).body();
        assertEquals("Hello bold next", body.text());
        Element a = body.selectFirst("a");
        assertEquals("http://example.com/2", a.attr("href"));
        assertEquals("noopener noreferrer", a.attr("rel"));
        assertFalse(a.hasAttr("target"));
        assertEquals("http://example.com/i.png", body.select("img").get(0).attr("src"));
        assertEquals("data:image/png;base64,iVBORw0KGgo=", body.select("img").get(1).attr("src"));
    }

    @Test
    void sanitize_sameDocumentReferences_pointIntoThePage() {
        String clean = HtmlSanitizer.sanitize("<a href=\"#fn1\">1</a><a href=\" \">here</a><a href=\"2\">2</a>",
                "http://example.com/", "http://example.com/posts/1#top");
        List<String> hrefs = Jsoup.parseBodyFragment(clean).select("a").eachAttr("href");
        assertEquals(List.of("http://example.com/posts/1#fn1", "http://example.com/posts/1", "http://example.com/2"), hrefs);
        assertEquals("<a href=\"http://example.com/#fn1\" rel=\"noopener noreferrer\">1</a>",
                HtmlSanitizer.sanitize("<a href=\"#fn1\">1</a>", "http://example.com/", null), "without a page, the base");
    }

    @Test
    void sanitize_plainUrlShortcut_onlyWhereTheListAllowsTheAttribute() {
        for (String html : List.of("<cite cite=\"https://x.example.com/a\">c</cite>",
                "<q cite=\"https://x.example.com/a\">q</q>", "<blockquote cite=\"https://x.example.com/a\">b</blockquote>")) {
            assertEquals(HtmlSanitizer.clean(html, BASE, null), HtmlSanitizer.sanitize(html, BASE), html);
        }
        assertEquals("<cite>c</cite>", HtmlSanitizer.sanitize("<cite cite=\"https://x.example.com/a\">c</cite>", BASE));
    }

    @Test
    void sanitize_relativeUrlWithoutBase_isDropped() {
        Element a = Jsoup.parseBodyFragment(HtmlSanitizer.sanitize("<a href=\"/x\">x</a>", null)).body().selectFirst("a");
        assertFalse(a.hasAttr("href"));
    }

    @Test
    void sanitize_onlyScript_isNothing() {
        assertNull(HtmlSanitizer.sanitize("<script>alert(1)</script><style>p{}</style>", BASE));
    }

    @Test
    void declarations_unclosedCommentEndsAtGt_unterminatedDeclarationIsText() {
        assertEquals("safe", HtmlSanitizer.toPlainText("sa<!-- -- x >fe<script>alert(1);</script>"));
        assertEquals("safe", HtmlSanitizer.toPlainText("safe<!--"));
        assertEquals("<!DOCTYPE ~", HtmlSanitizer.toPlainText("<!DOCTYPE ~"));
        assertEquals("a b", HtmlSanitizer.toPlainText("a <!-- c --> b"));
        assertEquals("&lt;!DOCTYPE", HtmlSanitizer.sanitize(" <!DOCTYPE ", BASE));
    }

    @Test
    void declarations_manyUnclosed_areLinear() {
        String many = "<!--".repeat(200_000) + "x" + "<!x".repeat(200_000);
        assertEquals("", HtmlSanitizer.toPlainText(many));
    }

    static Stream<String> deepShapes() {
        return Stream.of("<div>", "<ul><li>", "<b>", "<div/>", "<span><i>", "<blockquote>", "<div></x>", "<table><tr><td>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deepShapes")
    void sanitize_deepNesting_isFlattenedToTheLimit(String shape) {
        String html = shape.repeat(40_000) + "deep";
        String clean = HtmlSanitizer.sanitize(html, BASE);
        Element body = Jsoup.parseBodyFragment(clean).body();
        assertTrue(body.text().contains("deep"), "text kept");
        int depth = 0;
        for (Element e = body.select("*").last(); e != null && e != body; e = e.parent()) {
            depth++;
        }
        // jsoup adds implied elements (tbody) the rough count does not see: bounded all the same
        assertTrue(depth <= 2 * NestingLimit.MAX_DEPTH, "depth " + depth);
        assertEquals(html.length() > 0, HtmlSanitizer.toPlainText(html).contains("deep"));
    }

    @Test
    void toPlainText_collapsesWhitespaceAndDecodesEntities() {
        assertEquals("AT&T <tag> “q”", HtmlSanitizer.toPlainText("AT&amp;T  &lt;tag&gt;\n&ldquo;q&rdquo;"));
        assertEquals("a b", HtmlSanitizer.toPlainText(" a\n\tb "));
        assertEquals("x", HtmlSanitizer.toPlainText("<script>bad()</script>x<style>p{}</style>"));
    }
}
