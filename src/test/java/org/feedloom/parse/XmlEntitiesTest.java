package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.jdom2.output.XMLOutputter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12: running ROME's XML fixer only where it changes something gives the tree the fixer's output of the
 * whole text gives, for every corpus file and for the cases at the edges of the shortcut.
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
            assertSameTree(text);
        }));
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
    })
    void edges_readAsTheWholeFixersOutput(String text) throws Exception {
        assertSameTree(text);
    }

    /** Both texts parse to the same tree, or both fail. */
    static void assertSameTree(String text) throws Exception {
        assertEquals(tree(XmlEntities.fixer(text)), tree(XmlEntities.fix(text)), text.length() > 200 ? text.substring(0, 200) : text);
    }

    static String tree(String text) {
        try {
            return new XMLOutputter().outputString(FeedDom.read(text));
        } catch (Exception e) {
            return "fails";
        }
    }
}
