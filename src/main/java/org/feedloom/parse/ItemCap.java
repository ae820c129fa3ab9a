package org.feedloom.parse;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * A SAX filter that lets the first {@code max} {@code item} or {@code entry} elements near the root through and
 * swallows every event of the later ones, so that the tree built from a feed of 100,000 items holds no more
 * than {@code max} of them: memory and mapping time are bounded by the cap, not by the document. Items are
 * counted at depth 2 or 3 (Atom and RSS 1.0 entries are children of the root, RSS 2.0 items of the channel).
 * Not thread-safe; one per parse.
 */
final class ItemCap extends XMLFilterImpl {
    private static final String LEXICAL = "http://xml.org/sax/properties/lexical-handler";
    private static final String LEXICAL_OLD = "http://xml.org/sax/handlers/LexicalHandler";

    private final int max;
    private int depth;
    private int items;
    private int skipFrom; // the depth of the item being skipped, 0 when none is

    ItemCap(int max) {
        this.max = max;
    }

    private boolean skipping() {
        return skipFrom > 0;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        depth++;
        if (!skipping() && (depth == 2 || depth == 3) && (localName.equals("item") || localName.equals("entry"))
                && ++items > max) {
            skipFrom = depth;
        }
        if (!skipping()) {
            super.startElement(uri, localName, qName, atts);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        if (!skipping()) {
            super.endElement(uri, localName, qName);
        } else if (depth == skipFrom) {
            skipFrom = 0;
        }
        depth--;
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (!skipping()) {
            super.characters(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        if (!skipping()) {
            super.ignorableWhitespace(ch, start, length);
        }
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        if (!skipping()) {
            super.processingInstruction(target, data);
        }
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        if (!skipping()) {
            super.startPrefixMapping(prefix, uri);
        }
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        if (!skipping()) {
            super.endPrefixMapping(prefix);
        }
    }

    /** The lexical handler (comments, CDATA) bypasses the filter's content events; it is wrapped to skip too. */
    @Override
    public void setProperty(String name, Object value) throws SAXNotRecognizedException, SAXNotSupportedException {
        if ((LEXICAL.equals(name) || LEXICAL_OLD.equals(name)) && value instanceof LexicalHandler handler) {
            super.setProperty(name, new SkippingLexicalHandler(handler));
        } else {
            super.setProperty(name, value);
        }
    }

    private final class SkippingLexicalHandler implements LexicalHandler {
        private final LexicalHandler next;

        SkippingLexicalHandler(LexicalHandler next) {
            this.next = next;
        }

        @Override
        public void startDTD(String name, String publicId, String systemId) throws SAXException {
            next.startDTD(name, publicId, systemId);
        }

        @Override
        public void endDTD() throws SAXException {
            next.endDTD();
        }

        @Override
        public void startEntity(String name) throws SAXException {
            if (!skipping()) {
                next.startEntity(name);
            }
        }

        @Override
        public void endEntity(String name) throws SAXException {
            if (!skipping()) {
                next.endEntity(name);
            }
        }

        @Override
        public void startCDATA() throws SAXException {
            if (!skipping()) {
                next.startCDATA();
            }
        }

        @Override
        public void endCDATA() throws SAXException {
            if (!skipping()) {
                next.endCDATA();
            }
        }

        @Override
        public void comment(char[] ch, int start, int length) throws SAXException {
            if (!skipping()) {
                next.comment(ch, start, length);
            }
        }
    }
}
