package org.feedloom.html;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.jsoup.safety.Safelist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SimpleHtml gives exactly what jsoup's cleaner ({@link HtmlSanitizer#clean}) gives, wherever it does not decline;
 * it answers for the constructs publishers write (so the speed-up cannot silently disappear) and declines those
 * where HTML5 tree building repairs the markup.
 */
class SimpleHtmlTest {
    static final String BASE = "https://example.org/post/1";
    static final String PAGE = "https://example.org/post/1#comments";

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
            "<script>x()</script>", "<!-- c -->", "<img src=\"https://x.example.com/i.png\">", "<p onclick=\"x\">",
            "<ul>", "</ul>", "<ol start=\"2\">", "</ol>", "<li>", "</li>", "<h2 id=\"h\">", "</h2>", "<h3>", "</h3>",
            "<blockquote cite=\"https://x.example.com/c\">", "</blockquote>", "<pre>", "<pre>\n", "</pre>",
            "<figure class=\"wp-block-image\">", "</figure>", "<figcaption>", "</figcaption>", "<hr>", "<hr/>",
            "<section>", "</section>", "<table>", "<tbody>", "<tr>", "<td>", "</td>", "</tr>", "</tbody>", "</table>",
            "&rsquo;", "&mdash;", "&hellip;", "&eacute;", "&notit;", "&copy 2026", "&fjlig;", "&#x1f600;",
            "<iframe src=\"https://www.youtube.com/embed/x\"></iframe>", "<a href=\"#fn1\">", "<img alt>",
            "<a href=\"mailto:a@example.com\">", "<img src=\"data:image/png;base64,iVBORw0KGgo=\">", "</img>");

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
        assertTrue(accepted > 8_000, "accepted " + accepted);
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
        String fast = SimpleHtml.sanitize(html, BASE, PAGE);
        if (fast == SimpleHtml.DECLINED) {
            return false;
        }
        assertEquals(HtmlSanitizer.clean(html, BASE, PAGE), fast, html);
        return true;
    }

    /** Answered by the pre-check, with jsoup's string: what it answered before. */
    @ParameterizedTest
    @ValueSource(strings = {
        "<p>Hello <a href=\"https://example.com/a/b\">there</a> &amp; <em>welcome</em>.</p>\n<p>Two &#8217; &#x2014;</p>",
        "  text only, with a > sign and \u00a0 space  ",
        "<b>bold</b><br/>next<br>line",
        "<p></p>",
    })
    void sanitize_commonSummaries_areAnswered(String html) {
        assertAnswered(html);
    }

    /** Answered by the pre-check, with jsoup's string: the markup of full WordPress, Substack and Ghost bodies. */
    @ParameterizedTest
    @ValueSource(strings = {
        "<h2 id=\"intro\" class=\"wp-block-heading\">Intro</h2>\n<p>Text with <strong>bold</strong>, <i>it</i>, <code>x &lt; y</code>,"
                + " <sub>2</sub><sup>3</sup>, <abbr title=\"HyperText\">HTML</abbr>, <mark>m</mark>, <del>d</del><ins>i</ins>.</p>",
        "<ul class=\"list\">\n<li>one</li>\n<li>two <a href=\"https://x.example.com/2\" target=\"_blank\" rel=\"noreferrer noopener\">2</a></li>\n"
                + "<li>three<ul><li>nested</li></ul></li>\n</ul>\n<ol start=\"3\" type=\"a\"><li>c</li></ol>",
        "<blockquote class=\"wp-block-quote\" cite=\"https://x.example.com/q\"><p>Quoted.</p><cite>Someone</cite></blockquote>",
        "<figure class=\"wp-block-image size-large\"><img decoding=\"async\" loading=\"lazy\" width=\"1024\" height=\"683\""
                + " src=\"https://x.example.com/wp-content/uploads/i-1024x683.jpg\" alt=\"A &amp; B\" class=\"wp-image-1\""
                + " srcset=\"https://x.example.com/i-300.jpg 300w\" sizes=\"(max-width: 1024px) 100vw\" />"
                + "<figcaption class=\"wp-element-caption\">Caption &#8220;q&#8221;</figcaption></figure>",
        "<pre class=\"wp-block-code\"><code class=\"language-python\">x = [a for a in b if a &gt; 0]\n</code></pre>",
        "<pre>\nleading newline dropped\n\n  kept</pre>",
        "<figure class=\"wp-block-table\"><table><thead><tr><th>A</th><th scope=\"col\">B</th></tr></thead>\n"
                + "<tbody><tr><td colspan=\"2\" class=\"x\">1</td></tr>\n</tbody><tfoot><tr><td>f</td></tr></tfoot></table></figure>",
        "<section class=\"post\"><article><header><h1>T</h1></header><div class=\"c\" style=\"x\"><p>p</p></div>"
                + "<footer>f</footer></article></section><center>c</center><font face=\"x\">f</font>",
        "<a class=\"image-link\" target=\"_blank\" href=\"https://x.example.com/big.jpeg\"><div class=\"image2-inset\"><picture>"
                + "<source type=\"image/webp\" srcset=\"https://x.example.com/a.webp 424w\" sizes=\"100vw\">"
                + "<img src=\"https://x.example.com/a.jpeg\" width=\"1200\" height=\"800\" alt=\"\"></picture></div></a>",
        "<blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">Tweet <a href=\"https://t.co/x\">pic</a></p>&mdash; A (@a)"
                + " <a href=\"https://twitter.com/a/status/1?ref_src=twsrc%5Etfw\">May 1, 2026</a></blockquote>"
                + " <script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>",
        "<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\"><iframe title=\"V\" width=\"500\" height=\"281\""
                + " src=\"https://www.youtube.com/embed/x?feature=oembed\" frameborder=\"0\" allowfullscreen></iframe></div></figure>",
        "<p>Footnote<sup id=\"fnref:1\"><a href=\"#fn:1\" class=\"footnote\">1</a></sup> and <a href=\"../other/\">a relative link</a>,"
                + " <a href=\"mailto:me@example.com\">mail</a>, <a href=\"javascript:alert(1)\">bad</a>.</p>",
        "<P CLASS=x>Upper <A HREF='https://x.example.com/u' TITLE=t>case</A> <IMG SRC=https://x.example.com/i.png ALT=i></P>",
        "<p>&rsquo;&ldquo;&rdquo;&mdash;&hellip;&eacute;&Uuml;&szlig;&NotEqualTilde;&fjlig; &#x1F600; &#128512; \u2019\u2014</p>",
        "<p title=\"a &amp; b &lt;c&gt; &quot;d&quot; it's\" data-x='1'>x</p><img alt=\"\u00a0&nbsp;\" src=\"https://x.example.com/?a=1&b=2&copy=3\">",
        "<!-- wp:paragraph --><p>text</p><!-- /wp:paragraph -->",
        "<dl><dt>Term</dt><dd>Definition</dd></dl><hr><p>after</p>",
        "<div/><span/>self-closed<br/><img src=\"https://x.example.com/i.png\"/></img>",
        "<p>Truncated excerpt with <a href=\"https://x.example.com/a\">an open link",
        "<time datetime=\"2026-01-01\">New year</time> <q cite=\"https://x.example.com/q\">q</q> <s>s</s> <kbd>k</kbd>",
        "<p>P\u00a0<\u00a00.001, 1 <2, a <= b, <. and at the end <",
        "<div><p>XHTML written out by JDOM,\r\nwith CRLF</p>\r\n<pre>\r\ncode\r\n</pre>\r\n<ul>\r\n<li>a\rb</li>\r\n</ul></div>\r\n",
        "a\r\nb",
    })
    void sanitize_publisherMarkup_isAnswered(String html) {
        assertAnswered(html);
    }

    private static void assertAnswered(String html) {
        String fast = SimpleHtml.sanitize(html, BASE, PAGE);
        assertNotSame(SimpleHtml.DECLINED, fast, html);
        assertEquals(HtmlSanitizer.clean(html, BASE, PAGE), fast, html);
    }

    /** Declined: where tree building closes, inserts or moves something, and what jsoup reads in its own way. */
    @ParameterizedTest
    @ValueSource(strings = {"<p><p>x</p></p>", "x</b>", "<p>a<ul><li>b</li></ul>", "<p>a<div>b</div></p>", "<p>a<h2>b</h2>",
        "<p>a<blockquote>b</blockquote>", "<p>a<figure>b</figure>", "<p>a<pre>b</pre>", "<p>a<hr>", "<p>a<table></table>",
        "<ul><li>a<li>b</ul>", "<li>a<div><li>b", "<dl><dt>a<dd>b</dl>", "<h2>a<h3>b</h3></h2>", "<p>a</p></p>", "</p>",
        "<b><i>x</b></i>", "<b><b>x</b></b>", "<a href=\"https://x.example.com/a\"><a href=\"https://x.example.com/b\">x</a></a>",
        "<table><tr><td>x</td></tr></table>", "<table><tbody>x<tr><td>y</td></tr></tbody></table>",
        "<table><tbody><tr><td>a<td>b</tr></tbody></table>", "<table><tbody><tr><td><table></table></td></tr></tbody></table>",
        "<table><caption>c</caption></table>", "<td>x</td>", "<br></br>", "</br>", "<pre/>x",
        "<svg><circle/></svg>", "<math><mi>x</mi></math>", "<object data=x></object>", "<embed src=x>", "<noscript>n</noscript>",
        "<template>t</template>", "<textarea>t</textarea>", "<title>t</title>", "<form><input></form>", "<button>b</button>",
        "<html><body>x</body></html>", "<o:p>word</o:p>", "<custom-el>x</custom-el>", "<script>a < b</script>",
        "<script><!-- x --></script>", "<style>p{}</style", "<iframe>a <b>c</b></iframe>", "<!-- a <b> -->", "<!-->x",
        "<!--->x", "<!-- a --!>x", "<!DOCTYPE html>", "<?xml version=\"1.0\"?>", "<![CDATA[x]]>", "a &copy b", "a &copy2 b",
        "&notit;", "&amp", "<a title=\"&copy b\">x</a>", "&#39", "&#x;", "&#128;", "&#0;", "&#x110000;", "&#xD800;",
        "<a href=x\"y>x</a>", "<a href=\"x\"title=\"y\">x</a>", "<a / href=\"x\">x</a>", "<a title=\"<b>\">x</a>",
        "<p\fclass=x>y</p>", "<p\rclass=x>y</p>", "<a title=\"a\rb\">x</a>",
        "<table>\r\n<tbody><tr><td>x</td></tr></tbody></table>", "<iframe>a\r\nb</iframe>", "a\u0001b", "a\u0085b", "a\ufffeb", "x\ud800y", "\ufeffx", "<p>x</p foo>y"})
    void sanitize_repairedOrOddMarkup_isDeclined(String html) {
        assertSame(SimpleHtml.DECLINED, SimpleHtml.sanitize(html, BASE, PAGE), html);
    }

    @Test
    void sanitize_deepNestingAndManyAttributes_areDeclined() {
        String deep = "<div>".repeat(OpenElements.MAX_DEPTH + 1) + "x";
        assertSame(SimpleHtml.DECLINED, SimpleHtml.sanitize(deep, BASE, PAGE));
        assertAnswered("<div>".repeat(OpenElements.MAX_DEPTH) + "x");
        assertSame(SimpleHtml.DECLINED, SimpleHtml.sanitize("<div/>".repeat(OpenElements.MAX_DEPTH + 1) + "x", BASE, PAGE));
        String many = java.util.stream.IntStream.range(0, 70).mapToObj(k -> " a" + k + "=1").collect(Collectors.joining());
        assertSame(SimpleHtml.DECLINED, SimpleHtml.sanitize("<p" + many + ">x</p>", BASE, PAGE), "attributes");
        assertAnswered("<p " + "a=1 ".repeat(1_000) + ">x</p>"); // repeated: one attribute
    }

    /** What NestingLimit's rough scan counts as open (and would cut beyond its limit) is bounded too. */
    @Test
    void sanitize_whatNestingLimitCountsAsOpen_isDeclinedInBulk() {
        for (String html : List.of("<script/>".repeat(300) + "<b>x</b>", "<span/>".repeat(300) + "<b>x</b>",
                "a <\u00e9> b ".repeat(300) + "<b>x</b>", "<iframe/>".repeat(300) + "<i>y</i>")) {
            assertSame(SimpleHtml.DECLINED, SimpleHtml.sanitize(html, BASE, PAGE), html.substring(0, 20));
            assertEquals(HtmlSanitizer.clean(html, BASE, PAGE), HtmlSanitizer.sanitize(html, BASE, PAGE));
        }
        assertAnswered("<script/>".repeat(OpenElements.MAX_DEPTH - 1) + "<b>x</b>".repeat(200));
    }

    @Test
    void sanitize_sameDocumentLinks_pointIntoThePageOnlyWhenThereIsOne() {
        assertEquals("<a href=\"https://example.org/post/1#fn\" rel=\"noopener noreferrer\">1</a>",
                SimpleHtml.sanitize("<a href=\"#fn\">1</a>", BASE, PAGE));
        for (String[] urls : new String[][] {{BASE, null}, {null, null}, {null, PAGE}, {"", "not a url"}}) {
            for (String html : List.of("<a href=\"#fn\">1</a>", "<a href=\"\">1</a>", "<a href>1</a>", "<A HREF=#fn>1</A>")) {
                String fast = SimpleHtml.sanitize(html, urls[0], urls[1]);
                if (fast != SimpleHtml.DECLINED) {
                    assertEquals(HtmlSanitizer.clean(html, urls[0], urls[1]), fast, html + " " + java.util.Arrays.toString(urls));
                }
            }
        }
    }

    /** The element table says what the sanitiser's allowlist says. */
    @Test
    void knownElements_keepWhatTheAllowlistKeeps() {
        Safelist safelist = HtmlSanitizer.JSOUP;
        List<String> attributes = List.of("href", "title", "cite", "span", "width", "align", "alt", "height", "src", "start",
                "type", "summary", "abbr", "axis", "colspan", "rowspan", "scope", "datetime", "rel", "class", "style", "id");
        for (String name : KnownElement.names()) {
            KnownElement e = KnownElement.get(name);
            assertEquals(safelist.isSafeTag(name), e.is(KnownElement.KEPT), name);
            org.jsoup.nodes.Element el = new org.jsoup.nodes.Element(name);
            for (String a : attributes) {
                boolean safe = safelist.isSafeAttribute(name, el.attr(a, "https://x.example.com/"),
                        el.attribute(a)) && !a.equals("rel");
                String tag = "<" + name + " " + a.toUpperCase(java.util.Locale.ROOT) + "=\"https://x.example.com/\">";
                TagReader reader = new TagReader();
                assertTrue(reader.read(tag, 0) && reader.element == e, tag);
                assertEquals(safe, e.is(KnownElement.KEPT) && a.equals(e.allowed(tag, reader, 0)), name + " " + a);
            }
        }
    }
}
