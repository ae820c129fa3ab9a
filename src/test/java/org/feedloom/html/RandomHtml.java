package org.feedloom.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Random HTML for the differential tests of the pre-check ({@link SimpleHtml}): token soup from the allowlist's
 * elements and many outside it, attributes quoted oddly, repeated or with references, and text with the references
 * HTML reads in its own ways ({@link #fragment}); properly nested elements ({@link #nested}); and bodies as
 * publishing platforms write them, with paragraphs, headings, lists, quotes, figures, pictures, code, tables,
 * embeds and comments, then broken in the ways HTML5 tree building repairs: an end tag left out or out of order, a
 * block start tag inside a paragraph, a stray {@code </p>}, a table without its {@code tbody}, the input cut
 * anywhere ({@link #publisherLike}). Deterministic for a seeded {@link Random}.
 */
final class RandomHtml {
    static final String[] TAGS = {"p", "a", "b", "i", "em", "strong", "code", "br", "br/", "ul", "ol", "li",
        "blockquote", "figure", "figcaption", "img", "pre", "table", "tr", "td", "h2", "span", "div", "hr",
        "script", "style", "iframe", "embed", "P", "A", "B", "h1", "H3", "h6", "section", "article", "header", "nav",
        "picture", "source", "thead", "tbody", "tfoot", "th", "caption", "col", "colgroup", "font", "s", "small", "sub",
        "sup", "abbr", "cite", "q", "time", "mark", "del", "ins", "dl", "dt", "dd", "center", "main", "kbd", "u",
        "strike", "big", "tt", "wbr", "address", "details", "summary", "noscript", "template", "svg", "math",
        "textarea", "title", "object", "button", "form", "input", "select", "option", "html", "body", "head", "meta",
        "xmp", "plaintext", "listing", "nobr", "ruby", "rt", "image", "frameset", "custom-el", "o:p", "TD", "Li", "IFRAME"};
    /** Elements {@link #nested} wraps content in (the first ones inside the subset). */
    static final String[] CONTAINERS = {"p", "a", "b", "i", "em", "strong", "code", "ul", "ol", "li", "blockquote",
        "figure", "figcaption", "pre", "h2", "span", "div", "section", "font", "sub", "small", "q", "del", "dl", "dd",
        "td", "table", "tbody", "tr", "noscript", "iframe", "textarea", "button", "svg"};
    static final String[] ATTRIBUTES = {"href=\"https://x.example.com/a\"", "href=\"https://x.example.com/a?b=c\"",
        "href=\"/rel\"", "href=\"#fn\"", "href=\"\"", "href=\"javascript:x()\"", "href=\"https://x.example.com/a b\"",
        "href='https://q.example.com/'", "href=https://x.example.com/u", "src=\"https://x.example.com/i.png\"",
        "src=\"data:image/svg+xml;base64,PHN2Zz4=\"", "title=\"t\"", "class=\"c\"", "onclick=\"x()\"",
        "style=\"color:red\"", "HREF=\"https://x.example.com/upper\"", "href = 'https://x.example.com/spaced'",
        "href=\"https://a.example.com/1\" href=\"https://b.example.com/2\"", "title=\"1\" TITLE=\"2\"", "alt", "alt=''",
        "title=\"a &amp; b &copy; &quot;q&quot; &lt;x&gt; it's\"", "title='it&apos;s &#x1F600; \u00a0 &nbsp;'",
        "title=\"&notit; &copy=1 &copy 2 &amp\"", "href=\"https://x.example.com/?a=1&copy=2&b&lt=3\"", "href=\"?q=1\"",
        "href=\"//cdn.example.com/x\"", "href=\"mailto:a@b.example\"", "href=\" #pad \"", "href=\"HTTPS://X.example.com/\"",
        "src=\"data:image/png;base64,iVBORw0KGgo=\"", "src=\" https://x.example.com/i.png \"", "src=\"/i.png\"",
        "cite=\"https://x.example.com/c\"", "cite=\"c.html\"", "datetime=\"2026-01-01\"", "start=\"3\"", "type=\"a\"",
        "colspan=\"2\"", "scope=\"col\"", "summary=\"s\"", "width=\"10\" height=20", "rel=\"noopener noreferrer\"",
        "rel=\"nofollow\"", "target=_blank", "id=\"i\" data-x=\"1\"", "title=\"a<b\"", "title=\"x\ny\"", "title=unquoted",
        "href=https://x.example.com/a/", "loading=lazy srcset=\"a.jpg 1x, b.jpg 2x\" sizes=\"100vw\"", "title=\"\u0001\"",
        "title=\"\r\"", "href=\"java\tscript:x\"", "href=\"https://x.example.com/\u00e9\"", "abbr=\"a\" axis=x rowspan=2",
        "align=left", "title=a&amp;b", "alt=a&copy=b", "href=https://x.example.com/?a=1&b=2", "title=\"&AMP; &Amp; &amp\"",
        "title=\"&#38;&#x26; &#x3c;b&#x3E;\"", "title=\"a&\"", "title='&'", "href=\"https://x.example.com/a&quot;b\"", "title=\"t\"/", "title=\"x\"class=y", "=bad", "title=`x`", "a\"b=c", "xmlns=\"http://www.w3.org/1999/xhtml\""};
    static final String[] TEXT = {"words", " ", "\n", "\t", "\r\n", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;",
        "&#39;", "&#x27;", "&#X27;", "&#0039;", "&#039", "&#+39;", "&#x+27;", "&#-39;", "&#\u0663\u0669;",
        "&#x\uff10\uff12\uff17;", "&#1114112;", "&#xD800;", "&#128;", "&#9;", "&#0;", "&nbsp;", "&copy;", "\u00a0",
        "caf\u00e9", "\u2019", "\ud83d\ude00", "\udbb6\udea4", "\ud800", "a > b", "x&y", "x & y", "<", "<!-- c -->",
        "<!DOCTYPE", "\u0085", "\u0001", "&rsquo;", "&mdash;", "&hellip;", "&eacute;", "&Eacute;", "&NotEqualTilde;",
        "&fjlig;", "&Afr;", "&notit;", "&notin;", "&copy", "&copy2026", "&amp", "&ampx;", "&lt", "&foo;", "&unknown",
        "&#x1f600;", "&#128512;", "&#65534;", "&#x10FFFF;", "&#x110000;", "&#12345678;", "&NewLine;", "&Tab;", "&nbsp",
        "<3", "a < b", "< ", "<\u00a0", "<.", "<=", "<&amp;", "\f", "\u2028", "\ufeff", "\u00ad", "&caf\u00e9;", "&#10;", "&#13;", "<!---->", "<!-->",
        "<!-- a -- b --->", "<!-- x --!>", "<?php ?>", "</>", "</ p>", "<![CDATA[x]]>"};

    private RandomHtml() {}

    /** Token soup: text, start tags with an attribute now and then, end tags, an XSS vector now and then. */
    static String fragment(Random random, List<String> vectors) {
        StringBuilder b = new StringBuilder();
        for (int k = 0, parts = 1 + random.nextInt(10); k < parts; k++) {
            int pick = random.nextInt(20);
            if (pick < 9) {
                b.append(TEXT[random.nextInt(TEXT.length)]);
            } else if (pick < 14) {
                b.append('<').append(TAGS[random.nextInt(TAGS.length)]);
                for (int a = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0; a > 0; a--) {
                    b.append(random.nextInt(8) == 0 ? "\n" : " ").append(ATTRIBUTES[random.nextInt(ATTRIBUTES.length)]);
                }
                b.append(random.nextInt(10) == 0 ? "/>" : ">");
            } else if (pick < 19) {
                b.append("</").append(TAGS[random.nextInt(TAGS.length)]).append('>');
            } else {
                b.append(vectors.get(random.nextInt(vectors.size())));
            }
        }
        return b.toString();
    }

    /** Properly nested elements around text, links and references. */
    static String nested(Random random, int depth) {
        StringBuilder b = new StringBuilder();
        for (int k = 0, parts = 1 + random.nextInt(4); k < parts; k++) {
            if (depth < 3 && random.nextInt(3) == 0) {
                String tag = CONTAINERS[random.nextInt(random.nextBoolean() ? 12 : CONTAINERS.length)];
                String attribute = random.nextInt(3) == 0 ? " " + ATTRIBUTES[random.nextInt(ATTRIBUTES.length)] : "";
                b.append('<').append(tag).append(attribute).append('>').append(nested(random, depth + 1))
                        .append("</").append(tag).append('>');
            } else {
                b.append(TEXT[random.nextInt(TEXT.length)]);
            }
        }
        return b.toString();
    }

    /** A body as platforms write it, in the subset; then, unless {@code intact}, broken in one or two places. */
    static String publisherLike(Random random, boolean intact) {
        StringBuilder b = new StringBuilder();
        for (int k = 0, blocks = 1 + random.nextInt(5); k < blocks; k++) {
            block(random, b, 0);
            b.append(random.nextInt(3) == 0 ? "" : "\n");
        }
        String html = random.nextInt(6) == 0 ? upperCaseSomeTags(random, b.toString()) : b.toString();
        if (intact) {
            return html;
        }
        for (int m = 1 + random.nextInt(2); m > 0; m--) {
            html = mutate(random, html);
        }
        return html;
    }

    private static void block(Random random, StringBuilder b, int depth) {
        switch (random.nextInt(depth > 0 ? 8 : 13)) {
            case 0, 1, 2 -> b.append(start("p", random, "class=\"c\"", "dir=\"ltr\"")).append(inline(random, 0)).append("</p>");
            case 3 -> heading(random, b);
            case 4 -> list(random, b, depth);
            case 5 -> b.append("<pre").append(random.nextBoolean() ? " class=\"wp-block-code\"" : "").append('>')
                    .append(random.nextBoolean() ? "\n" : "").append(random.nextBoolean() ? "<code>" : "<code class=\"language-js\">")
                    .append("if (a &lt; b &amp;&amp; c &gt; d) {\n  x = \"q\";\n}\n").append("</code></pre>");
            case 6 -> b.append(random.nextBoolean() ? "<hr>" : "<hr class=\"wp-block-separator\" />");
            case 7 -> b.append("<!-- wp:paragraph -->").append("<p>").append(inline(random, 0)).append("</p>");
            case 8 -> quote(random, b, depth);
            case 9 -> figure(random, b);
            case 10 -> table(random, b);
            case 11 -> embed(random, b);
            default -> wrapper(random, b, depth);
        }
    }

    private static void heading(Random random, StringBuilder b) {
        String h = "h" + (1 + random.nextInt(6));
        b.append(start(h, random, "id=\"s-1\"", "class=\"wp-block-heading\"")).append(inline(random, 1)).append("</").append(h).append('>');
    }

    private static void list(Random random, StringBuilder b, int depth) {
        String tag = random.nextBoolean() ? "ul" : "ol";
        b.append(start(tag, random, "start=\"2\"", "type=\"a\"", "class=\"list\""));
        for (int k = 0, items = 1 + random.nextInt(4); k < items; k++) {
            b.append(random.nextBoolean() ? "\n" : "").append("<li>").append(inline(random, 0));
            if (depth < 2 && random.nextInt(5) == 0) {
                list(random, b, depth + 1);
            }
            b.append("</li>");
        }
        b.append(random.nextBoolean() ? "\n" : "").append("</").append(tag).append('>');
    }

    private static void quote(Random random, StringBuilder b, int depth) {
        b.append(start("blockquote", random, "class=\"wp-block-quote\"", "cite=\"https://x.example.com/q\"", "cite=\"/q\""));
        for (int k = 0, n = 1 + random.nextInt(2); k < n; k++) {
            block(random, b, depth + 1);
        }
        b.append(random.nextBoolean() ? "<cite>" + inline(random, 2) + "</cite>" : "").append("</blockquote>");
    }

    private static void figure(Random random, StringBuilder b) {
        b.append(start("figure", random, "class=\"wp-block-image size-large\""));
        String img = "<img src=\"https://x.example.com/wp-content/uploads/i-1024x683.jpg\" alt=\"" + inline(random, 3).replace('"', ' ')
                + "\" width=\"1024\" height=\"683\" loading=\"lazy\" srcset=\"https://x.example.com/i-300.jpg 300w\""
                + (random.nextBoolean() ? " />" : ">");
        if (random.nextInt(3) == 0) {
            b.append("<picture><source type=\"image/webp\" srcset=\"https://x.example.com/i.webp 1x\">").append(img).append("</picture>");
        } else if (random.nextInt(3) == 0) {
            b.append("<a href=\"https://x.example.com/big.jpg\" target=\"_blank\"><div class=\"inset\">").append(img).append("</div></a>");
        } else {
            b.append(img);
        }
        if (random.nextBoolean()) {
            b.append("<figcaption class=\"wp-element-caption\">").append(inline(random, 1)).append("</figcaption>");
        }
        b.append("</figure>");
    }

    private static void table(Random random, StringBuilder b) {
        String ws = random.nextBoolean() ? "\n" : "";
        b.append("<figure class=\"wp-block-table\"><table").append(random.nextBoolean() ? " class=\"t\" width=\"100%\"" : "").append('>').append(ws);
        if (random.nextBoolean()) {
            b.append("<thead><tr><th>A</th><th scope=\"col\">B &amp; C</th></tr></thead>").append(ws);
        }
        b.append("<tbody>");
        for (int r = 0, rows = 1 + random.nextInt(3); r < rows; r++) {
            b.append(ws).append("<tr>");
            for (int c = 0, cells = 1 + random.nextInt(3); c < cells; c++) {
                b.append(random.nextInt(4) == 0 ? "<td colspan=\"2\" class=\"x\">" : "<td>").append(inline(random, 2)).append("</td>");
            }
            b.append("</tr>");
        }
        b.append(ws).append("</tbody>").append(ws).append("</table></figure>");
    }

    private static void embed(Random random, StringBuilder b) {
        if (random.nextBoolean()) {
            b.append("<figure class=\"wp-block-embed is-type-video\"><div class=\"wp-block-embed__wrapper\">")
                    .append("<iframe title=\"Video\" width=\"500\" height=\"281\" src=\"https://www.youtube.com/embed/x?feature=oembed\"")
                    .append(" frameborder=\"0\" allow=\"autoplay; encrypted-media\" allowfullscreen>")
                    .append(random.nextBoolean() ? "" : "\n").append("</iframe></div></figure>");
        } else {
            b.append("<blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">").append(inline(random, 1))
                    .append(" <a href=\"https://t.co/x\">pic.twitter.com/x</a></p>&mdash; A (@a) ")
                    .append("<a href=\"https://twitter.com/a/status/1?ref_src=twsrc%5Etfw\">May 1, 2026</a></blockquote> ")
                    .append("<script async src=\"https://platform.twitter.com/widgets.js\" charset=\"utf-8\"></script>");
        }
    }

    private static void wrapper(Random random, StringBuilder b, int depth) {
        String[] wrappers = {"div", "section", "article", "aside", "header", "footer", "nav", "center", "details"};
        String tag = wrappers[random.nextInt(wrappers.length)];
        b.append(start(tag, random, "class=\"kg-card\"", "style=\"clear: both;\"", "id=\"w\""));
        for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
            block(random, b, depth + 1);
        }
        b.append("</").append(tag).append('>');
    }

    /** Inline content: words and references, links and formatting elements not inside one of their kind. */
    static String inline(Random random, int depth) {
        String[] words = {"Words", " and ", "more", " &amp; ", "&#8217;", "&rsquo;", "\u2019", "&nbsp;", "\u00a0", " &mdash; ",
            "caf\u00e9", "&ldquo;q&rdquo;", " 1 &lt; 2 ", "a > b", " x & y ", "\n", "&hellip;", " \ud83d\ude00 "};
        String[] formats = {"em", "strong", "code", "b", "i", "font", "span", "sup", "sub", "small", "mark", "s", "abbr",
            "del", "ins", "u", "kbd", "q"}; // three groups of six, one for each depth: none inside one of its kind
        StringBuilder b = new StringBuilder();
        for (int k = 0, parts = 1 + random.nextInt(6); k < parts; k++) {
            int pick = random.nextInt(10);
            if (pick < 6 || depth >= 3) {
                b.append(words[random.nextInt(words.length)]);
            } else if (pick < 8) {
                b.append(link(random)).append(inline(random, 3)).append("</a>");
            } else if (pick < 9) {
                String tag = formats[depth * 6 + random.nextInt(6)];
                b.append(start(tag, random, "class=\"f\"", "title=\"t &amp; u\"", "datetime=\"2026\"")).append(inline(random, depth + 1))
                        .append("</").append(tag).append('>');
            } else {
                b.append(random.nextBoolean() ? "<br>" : "<br />");
            }
        }
        return b.toString();
    }

    private static String link(Random random) {
        String[] hrefs = {"https://x.example.com/2026/01/a-post/", "http://x.example.com/p?id=5&amp;ref=feed",
            "https://x.example.com/a?utm_source=rss&utm_medium=rss", "https://en.wikipedia.org/wiki/Tom_Clancy's_(novel)",
            "https://medium.com/@a/b", "/relative/path", "../up", "#fn:1", "", "mailto:a@example.com", "javascript:void(0)",
            "https://x.example.com/\u00e9t\u00e9", "https://X.Example.COM:8080/A?B#C"};
        String href = hrefs[random.nextInt(hrefs.length)];
        String quote = random.nextInt(5) == 0 && href.indexOf('\'') < 0 ? "'" : "\"";
        StringBuilder a = new StringBuilder("<a href=").append(quote).append(href).append(quote);
        if (random.nextInt(3) == 0) {
            a.append(random.nextBoolean() ? " target=\"_blank\" rel=\"noreferrer noopener\"" : " rel=\"noopener noreferrer\" title=\"T\"");
        }
        return a.append('>').toString();
    }

    private static String start(String tag, Random random, String... attributes) {
        return random.nextBoolean() ? "<" + tag + ">" : "<" + tag + " " + attributes[random.nextInt(attributes.length)] + ">";
    }

    private static String upperCaseSomeTags(Random random, String html) {
        StringBuilder b = new StringBuilder(html);
        for (int at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
            int end = at + 1;
            while (end < html.length() && Character.isLetterOrDigit(html.charAt(end)) || end < html.length() && html.charAt(end) == '/') {
                end++;
            }
            if (random.nextInt(3) == 0) {
                b.replace(at, end, html.substring(at, end).toUpperCase(Locale.ROOT));
            }
        }
        return b.toString();
    }

    /** One of the ways publishers' markup goes wrong, at a random tag. */
    private static String mutate(Random random, String html) {
        List<Integer> tags = new ArrayList<>();
        for (int at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
            tags.add(at);
        }
        if (tags.isEmpty()) {
            return html + TEXT[random.nextInt(TEXT.length)];
        }
        int at = tags.get(random.nextInt(tags.size()));
        int gt = html.indexOf('>', at);
        gt = gt < 0 ? html.length() - 1 : gt;
        String[] inserts = {"</p>", "<p>", "<ul>", "<li>", "</li>", "<div>", "</div>", "<h2>", "<table>", "<tr>", "<td>",
            "</td>", "<b>", "</b>", "<a href=\"https://x.example.com/n\">", "</a>", "<pre>\n", "<hr>", "<blockquote>", "<br>",
            "</br>", "<dd>", "<figure>", "<button>", "<svg>", "<noscript>", "<textarea>", "<body>", "</html>", "&copy",
            "<!-- -->", "<script>", "<frameset>", "<select>", "<math>", "<template>"};
        switch (random.nextInt(7)) {
            case 0, 1:
                return html.substring(0, at) + html.substring(gt + 1); // a tag left out
            case 2, 3:
                return html.substring(0, at) + inserts[random.nextInt(inserts.length)] + html.substring(at);
            case 4:
                return html.substring(0, at + random.nextInt(Math.max(1, html.length() - at))); // cut anywhere
            case 5: {
                int next = html.indexOf('<', gt);
                int nextGt = next < 0 ? -1 : html.indexOf('>', next);
                return nextGt < 0 ? html : html.substring(0, at) + html.substring(next, nextGt + 1) + html.substring(gt + 1, next)
                        + html.substring(at, gt + 1) + html.substring(nextGt + 1); // two tags swapped
            }
            default:
                return html.replace("<tbody>", "").replace("</tbody>", "").replace("<pre>\n", "<pre>");
        }
    }
}
