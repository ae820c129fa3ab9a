package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 12: the prolog is read once, and where the root element starts is known from that one scan. */
class PrologTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain                | <?xml version="1.0"?><rss version="2.0"/>                        | rss  | <?xml version="1.0"?><rss version="2.0"/>
            comment and PI       | <!-- <feed> --><?pi <rdf:RDF>?> <rss/>                           | rss  | <!-- <feed> --><?pi <rdf:RDF>?> <rss/>
            doctype removed      | <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "x">]><rss>&e;</rss> | rss | <?xml version="1.0"?><rss>x</rss>
            doctype in a comment | <!-- <!DOCTYPE x> --><feed/>                                     | feed | <!-- <!DOCTYPE x> --><feed/>
            no root              | <?xml version="1.0"?>                                            | ''   | <?xml version="1.0"?>
            """)
    void read_removesTheDoctypeAndFindsTheRoot(String name, String text, String root, String expected) throws Exception {
        XmlDoc doc = Prolog.read(text);
        assertEquals(expected, doc.text(), name);
        assertEquals(root, doc.rootName(), name);
        assertTrue(root.isEmpty() ? doc.rootStart() == doc.text().length() : doc.text().startsWith("<" + root, doc.rootStart()),
                name + ": root at " + doc.rootStart());
    }
}
