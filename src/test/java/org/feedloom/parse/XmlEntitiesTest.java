package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.Random;
import java.util.stream.Stream;
import org.jdom2.output.XMLOutputter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: {@link XmlEntities#fix} gives the string ROME's {@link XmlFixerReader} gives (or, where it leaves the
 * text alone, one the parser reads the same), for every corpus file, for the cases at the edges of the fixer's state
 * machine, and for random text made of the characters it treats specially.
 */
class XmlEntitiesTest {
    @TestFactory
    Stream<DynamicTest> corpus_readsAsTheWholeFixersOutput() throws Exception {
        return CorpusTest.manifest().stream().map(r -> DynamicTest.dynamicTest(r.path(), () -> {
            String text;
            try {
                text = Repairs.apply(Utf8Xml.decode(CorpusTest.bytes(r.path()), r.contentType())).text();
            } catch (FeedParseException | RuntimeException e) {
                return; // refused before parsing
            }
            assertSameAsRome(text);
        }));
    }

    @Test
    void randomText_isFixedAsRomeFixesIt() throws IOException {
        String[] pieces = {"&", ";", "<", ">", "/", " ", "\n", "!", "-", "--", "[", "]", "]]>", "<![CDATA[", "<!--",
            "-->", "amp", "nbsp", "eacute", "Amp", "#", "38", "x26", "a", "Z", "9", "<p>", "&nbsp;", "&amp;",
            "&#8217;", "\t", "é", "?"};
        Random random = new Random(12);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(24); k > 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            assertSameAsRome(text.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<rss><item><title>a &amp; b</title><d><![CDATA[x &amp; y &nbsp; z]]></d><e><![CDATA[q & r]]></e></item></rss>",
        "<rss><d><![CDATA[&amp;&amp;]]></d><d>&lt;&#38;&#x26;&quot;&apos;</d><d><![CDATA[[1]]]></d><e><![CDATA[&copy;]]></e></rss>",
        "<rss a=\"x&amp;y\"><d><![CDATA[&&amp; &a#b; &#38; &Amp;]]></d></rss>",
        "<rss><d>caf&eacute;</d><e><![CDATA[&amp;]]></e></rss>",
        "<rss><d>bare & amp</d></rss>",
        " <rss><d><![CDATA[&amp;]]></d></rss>",
        "<!-- c --><rss><d><![CDATA[&amp;]]></d></rss>",
        "<rss><d><![CDATA[&amp;</d></rss>",
        "<rss><!-- <![CDATA[ --><d>&amp;</d><![CDATA[&nbsp;]]></rss>",
        "", "   ", "<!-- only -->", "<!-- a ---> b -->c", "<!- x", "<!", "<", "&", "&&nbsp;", "<![CDATA[a]]]>& b", "<x><![CDATA[a]]]]>& b]]>& c",
        "<x><![CDATA[]&nbsp;]]>&nbsp;", "<a&nbsp;b>&nbsp;", "&nbsp", "&;", "\n\t <!----><!-- -->&copy;",
        "<r a=\"&amp;&lt;\">&amp; &lt; &gt; &quot; &apos; &#38; &#x26;<![CDATA[x]]></r>",
        "<r>&lt;<![CDATA[&amp;]]></r>", "<r><![CDATA[x]]]>&lt;</r>", "<r>&amp</r>", "<r>&#X26;</r>",
    })
    void edges_areFixedAsRomeFixesThem(String text) throws IOException {
        assertSameAsRome(text);
    }

    /**
     * The fixer's string exactly; or, where {@link XmlEntities#fix} leaves the text as it is (the fixer would only have
     * written XML's own references outside CDATA sections as character references), a text the parser reads as it
     * reads the fixer's (the same tree, or both not well-formed).
     */
    static void assertSameAsRome(String text) throws IOException {
        String fixed = XmlEntities.fix(text);
        String label = text.length() > 200 ? text.substring(0, 200) : text;
        if (fixed == text && !fixed.equals(rome(text))) {
            assertEquals(tree(rome(text)), tree(fixed), label);
        } else {
            assertEquals(rome(text), fixed, label);
        }
    }

    static String tree(String text) {
        try {
            return new XMLOutputter().outputString(FeedDom.read(text));
        } catch (Exception e) {
            return "not well-formed";
        }
    }

    /** The text read through ROME's fixer. */
    static String rome(String text) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Reader fixer = new XmlFixerReader(new StringReader(text))) {
            char[] buf = new char[8192];
            for (int n; (n = fixer.read(buf, 0, buf.length)) > 0; ) {
                out.append(buf, 0, n);
            }
        }
        return out.toString();
    }
}
