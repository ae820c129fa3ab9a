package org.feedloom.parse;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small element tree read from StAX for {@link StaxFeedReader}: namespace, local name, attributes, child
 * elements, the element's own text (its text and CDATA children joined, as JDOM's {@code getText()} gives) and
 * the {@code xml:base} in scope (see {@link Bases#scope}). Not thread-safe; immutable once built.
 */
final class Node {
    final String ns;
    final String name;
    /** The {@code xml:base} in scope at this element, resolved; null when none is. */
    final String base;
    private final String[] attrs; // ns, local name, value; ...
    final List<Node> children = new ArrayList<>(4);
    private StringBuilder text;

    private Node(XMLStreamReader r, Node parent, String fetchUrl) throws StaxFeedReader.Decline {
        this.ns = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
        this.name = r.getLocalName();
        if (FeedDom.isMiscasedRssElement(ns, name)) {
            throw new StaxFeedReader.Decline("RSS element in another case: " + name); // FeedDom renames it
        }
        int n = r.getAttributeCount();
        this.attrs = new String[n * 3];
        for (int i = 0; i < n; i++) {
            attrs[i * 3] = r.getAttributeNamespace(i) == null ? "" : r.getAttributeNamespace(i);
            attrs[i * 3 + 1] = r.getAttributeLocalName(i);
            attrs[i * 3 + 2] = r.getAttributeValue(i);
        }
        this.base = Bases.scope(parent == null ? null : parent.base, attr(Bases.XML_NS, "base"), fetchUrl);
    }

    /**
     * Reads the whole document; the reader is closed. {@code fetchUrl} is what a relative outermost
     * {@code xml:base} resolves against.
     */
    static Node parse(XMLStreamReader r, String fetchUrl) throws XMLStreamException, StaxFeedReader.Decline {
        try {
            List<Node> open = new ArrayList<>();
            Node root = null;
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        Node node = new Node(r, open.isEmpty() ? null : open.get(open.size() - 1), fetchUrl);
                        if (open.isEmpty()) {
                            root = node;
                        } else {
                            open.get(open.size() - 1).children.add(node);
                        }
                        open.add(node);
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.remove(open.size() - 1);
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.get(open.size() - 1).append(r.getText());
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                            throw new StaxFeedReader.Decline("entity or DTD");
                    default -> { } // comments, processing instructions, document events
                }
            }
            if (root == null) {
                throw new StaxFeedReader.Decline("no root element");
            }
            return root;
        } finally {
            r.close();
        }
    }

    private void append(String s) {
        if (text == null) {
            text = new StringBuilder(s.length());
        }
        text.append(s);
    }

    boolean is(String namespace, String local) {
        return name.equals(local) && ns.equals(namespace);
    }

    String attr(String namespace, String local) {
        for (int i = 0; i < attrs.length; i += 3) {
            if (attrs[i + 1].equals(local) && attrs[i].equals(namespace)) {
                return attrs[i + 2];
            }
        }
        return null;
    }

    Node first(String namespace, String local) {
        for (Node c : children) {
            if (c.is(namespace, local)) {
                return c;
            }
        }
        return null;
    }

    List<Node> all(String namespace, String local) {
        List<Node> out = new ArrayList<>();
        for (Node c : children) {
            if (c.is(namespace, local)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The element's own text ("" if none). */
    String text() {
        return text == null ? "" : text.toString();
    }

    /** The text of an element that must have no child elements. */
    String simpleText() throws StaxFeedReader.Decline {
        requireSimple();
        return text();
    }

    void requireSimple() throws StaxFeedReader.Decline {
        if (!children.isEmpty()) {
            throw new StaxFeedReader.Decline("element with child elements: " + name);
        }
    }
}
