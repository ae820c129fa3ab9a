package org.feedloom.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 12: the pre-check ({@link SimpleHtml}) is a shortcut of jsoup's cleaner, not its twin. Every piece of
 * HTML the test corpus carries (the text of every description, summary, content, content:encoded and title of
 * its 600 files) and 50,000 random fragments built from the allowlist, the entities and references HTML reads
 * in its own way, and the OWASP XSS vectors, go through {@link HtmlSanitizer#sanitize} (with the pre-check) and
 * {@link HtmlSanitizer#clean} (jsoup's cleaner alone): the strings must be equal, and nothing executable may
 * survive.
 */
class SanitizerDifferentialTest {
    static final String BASE = "https://example.org/post/1";
    static final Set<String> HTML_ELEMENTS = Set.of("description", "summary", "content", "encoded", "title");

    @TestFactory
    Stream<DynamicTest> corpusHtml_bothPathsGiveTheSameString() throws IOException {
        List<String> paths = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream("/corpus/MANIFEST.tsv")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                paths.add(lines[i].split("\t", -1)[0]);
            }
        }
        return paths.stream().map(path -> DynamicTest.dynamicTest(path, () -> {
            for (String html : fragments(path)) {
                assertEquals(HtmlSanitizer.clean(html, BASE, BASE), HtmlSanitizer.sanitize(html, BASE, BASE), html);
            }
        }));
    }

    /** The text of the elements that carry HTML, as far as the file reads as XML (any string will do as input). */
    static List<String> fragments(String path) throws IOException {
        byte[] bytes;
        try (InputStream in = SanitizerDifferentialTest.class.getResourceAsStream("/corpus/" + path)) {
            bytes = in.readAllBytes();
        }
        List<String> out = new ArrayList<>();
        try {
            XMLInputFactory f = XMLInputFactory.newDefaultFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_COALESCING, true);
            XMLStreamReader r = f.createXMLStreamReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
            String name = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    name = r.getLocalName();
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    name = null;
                } else if (event == XMLStreamConstants.CHARACTERS && name != null && HTML_ELEMENTS.contains(name)) {
                    out.add(r.getText());
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            // what was read up to the error
        }
        return out;
    }

    static final java.util.regex.Pattern URL_ATTRIBUTE = java.util.regex.Pattern.compile("(?:href|src|cite)=[\"']([^\"']*)");
    static final String[] URL_PIECES = {"https://", "http://", "HTTP://", "x.example.com", "X.Example.COM", "user@h", ":8080",
        ":", "/", "/./", "/../", "a", "?q=1&r=2", "#frag", "%20", " ", "\t", "\\", "@", "[::1]", "..", ";", "javascript:",
        "\u00e9", "~", "*", "'", "\""};

    /** Where the URL shortcut answers, jsoup's resolution gives the URL unchanged, against any base. */
    @Test
    void plainUrls_areWhatJsoupResolvesThemTo() throws IOException {
        List<String> urls = new ArrayList<>();
        for (String path : List.of("realworld/", "wellformed/")) {
            try (InputStream in = getClass().getResourceAsStream("/corpus/MANIFEST.tsv")) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String file = line.split("\t", -1)[0];
                    if (file.startsWith(path)) {
                        for (String html : fragments(file)) {
                            java.util.regex.Matcher m = URL_ATTRIBUTE.matcher(html);
                            while (m.find()) {
                                urls.add(m.group(1));
                            }
                        }
                    }
                }
            }
        }
        Random random = new Random(12);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder url = new StringBuilder();
            for (int k = 0, parts = 2 + random.nextInt(6); k < parts; k++) {
                url.append(URL_PIECES[random.nextInt(URL_PIECES.length)]);
            }
            urls.add(url.toString());
        }
        int plain = 0;
        for (String url : urls) {
            if (PlainUrlSafelist.isPlainHttpUrl(url)) {
                plain++;
                for (String base : List.of(BASE, "", "http://example.com", "https://example.org/a/b?c#d")) {
                    assertEquals(url, org.jsoup.internal.StringUtil.resolve(base, url), base);
                }
            }
        }
        assertTrue(plain > 1_000, plain + " of " + urls.size() + " URLs plain");
    }

    static final String[] TAGS = {"p", "a", "b", "i", "em", "strong", "code", "br", "br/", "ul", "ol", "li",
        "blockquote", "figure", "figcaption", "img", "pre", "table", "tr", "td", "h2", "span", "div", "hr",
        "script", "style", "iframe", "embed", "P", "A", "B"};
    static final String[] ATTRIBUTES = {"href=\"https://x.example.com/a\"", "href=\"https://x.example.com/a?b=c\"",
        "href=\"/rel\"", "href=\"#fn\"", "href=\"\"", "href=\"javascript:x()\"", "href=\"https://x.example.com/a b\"",
        "href='https://q.example.com/'", "href=https://x.example.com/u", "src=\"https://x.example.com/i.png\"",
        "src=\"data:image/svg+xml;base64,PHN2Zz4=\"", "title=\"t\"", "class=\"c\"", "onclick=\"x()\"",
        "style=\"color:red\""};
    static final String[] TEXT = {"words", " ", "\n", "\t", "\r\n", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;",
        "&#39;", "&#x27;", "&#X27;", "&#0039;", "&#039", "&#+39;", "&#x+27;", "&#-39;", "&#\u0663\u0669;",
        "&#x\uff10\uff12\uff17;", "&#1114112;", "&#xD800;", "&#128;", "&#9;", "&#0;", "&nbsp;", "&copy;", "\u00a0",
        "caf\u00e9", "\u2019", "\ud83d\ude00", "\udbb6\udea4", "\ud800", "a > b", "x&y", "x & y", "<", "<!-- c -->",
        "<!DOCTYPE", "\u0085", "\u0001"};

    @Test
    void randomFragments_bothPathsGiveTheSameString_andNothingExecutable() {
        Random random = new Random(12);
        List<String> vectors = XssChecks.vectors().toList();
        int simple = 0;
        List<String> differences = new ArrayList<>();
        for (int n = 0; n < 50_000; n++) {
            String html = n % 2 == 0 ? fragment(random, vectors) : nested(random, 0);
            String jsoup = HtmlSanitizer.clean(html, BASE, BASE);
            String checked = HtmlSanitizer.sanitize(html, BASE, BASE);
            simple += SimpleHtml.sanitize(html) != SimpleHtml.DECLINED ? 1 : 0;
            if (!Objects.equals(jsoup, checked) && differences.size() < 20) {
                differences.add(html + "  =>  jsoup " + jsoup + "  |  pre-check " + checked);
            }
            XssChecks.assertNothingExecutable(checked, html);
        }
        assertEquals(List.of(), differences);
        assertTrue(simple > 2_500, "the pre-check answered for " + simple + " fragments");
    }

    /** Properly nested elements of the allowlist around text, links and references. */
    static String nested(Random random, int depth) {
        StringBuilder b = new StringBuilder();
        for (int k = 0, parts = 1 + random.nextInt(4); k < parts; k++) {
            if (depth < 3 && random.nextInt(3) == 0) {
                String tag = TAGS[random.nextInt(12)];
                String attribute = random.nextInt(3) == 0 ? " " + ATTRIBUTES[random.nextInt(ATTRIBUTES.length)] : "";
                b.append('<').append(tag).append(attribute).append('>').append(nested(random, depth + 1))
                        .append("</").append(tag).append('>');
            } else {
                b.append(TEXT[random.nextInt(TEXT.length)]);
            }
        }
        return b.toString();
    }

    static String fragment(Random random, List<String> vectors) {
        StringBuilder b = new StringBuilder();
        for (int k = 0, parts = 1 + random.nextInt(10); k < parts; k++) {
            int pick = random.nextInt(20);
            if (pick < 9) {
                b.append(TEXT[random.nextInt(TEXT.length)]);
            } else if (pick < 14) {
                b.append('<').append(TAGS[random.nextInt(TAGS.length)]);
                if (random.nextInt(3) == 0) {
                    b.append(' ').append(ATTRIBUTES[random.nextInt(ATTRIBUTES.length)]);
                }
                b.append('>');
            } else if (pick < 19) {
                b.append("</").append(TAGS[random.nextInt(TAGS.length)]).append('>');
            } else {
                b.append(vectors.get(random.nextInt(vectors.size())));
            }
        }
        return b.toString();
    }
}
