package org.feedloom.parse;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jdom2.Text;

/**
 * A small element tree read from StAX for {@link StaxFeedReader}, holding what ROME's path reads from its JDOM
 * tree: namespace, prefix, local name, attributes, namespace declarations, child elements, the element's own
 * text (its text and CDATA children joined, as JDOM's {@code getText()} gives), its content in document order
 * (for {@link XmlContent}, which serialises it as JDOM would), and the {@code xml:base} in scope (see
 * {@link Bases#scope}). Not thread-safe; immutable once built.
 */
final class Node implements Markup {
    /** A CDATA section in {@link #content}. */
    record CData(String text) {}

    /** A comment or processing instruction in {@link #content} (target null for a comment). */
    record Other(String target, String data) {}

    final String ns;
    final String prefix;
    final String name;
    /** Whether the document is read as RSS (its root is not Atom's). */
    private final boolean rss;
    /** The {@code xml:base} in scope at this element, resolved; null when none is. */
    final String base;
    private final String[] attrs; // ns, prefix, local name, value; ...
    private final String[] declarations; // prefix, uri; ...
    final List<Node> children = new ArrayList<>(4);
    /** A run of text in {@link #content} (its characters are in the text, see {@link #content()}). */
    private static final Object TEXT_RUN = new Object();
    /** Text runs, {@link CData}, {@link Other} and {@link Node} children in document order. */
    private final List<Object> content = new ArrayList<>(4);
    /** Where each text run starts in the element's text and its length; {@code runCount} pairs. */
    private int[] runs;
    private int runCount;
    /** The element's text: its first piece, the builder of all pieces once there is a second, their length. */
    private String firstPiece;
    private StringBuilder pieces;
    private int length;
    private String textValue;

    private Node(XMLStreamReader r, Node parent, String fetchUrl) {
        this.ns = nonNull(r.getNamespaceURI());
        this.prefix = nonNull(r.getPrefix());
        // as FeedDom repairs every document but Atom's: RSS core elements in another case by their names
        this.rss = parent != null ? parent.rss : !ns.equals(FeedDom.ATOM10) && !ns.equals(FeedDom.ATOM03);
        this.name = rss ? FeedDom.rssName(ns, r.getLocalName()) : r.getLocalName();
        int n = r.getAttributeCount();
        this.attrs = new String[n * 4];
        for (int i = 0; i < n; i++) {
            attrs[i * 4] = nonNull(r.getAttributeNamespace(i));
            attrs[i * 4 + 1] = nonNull(r.getAttributePrefix(i));
            attrs[i * 4 + 2] = r.getAttributeLocalName(i);
            attrs[i * 4 + 3] = r.getAttributeValue(i);
        }
        int d = r.getNamespaceCount();
        this.declarations = new String[d * 2];
        for (int i = 0; i < d; i++) {
            declarations[i * 2] = nonNull(r.getNamespacePrefix(i));
            declarations[i * 2 + 1] = nonNull(r.getNamespaceURI(i));
        }
        this.base = Bases.scope(parent == null ? null : parent.base, attr(Bases.XML_NS, "base"), fetchUrl);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /**
     * Reads the whole document; the reader is closed. {@code fetchUrl} is what a relative outermost
     * {@code xml:base} resolves against. A document nested deeper than {@link FeedParser#MAX_DEPTH} fails the
     * parse here, as it fails before ROME's path (which counts the depth in a pass of its own).
     */
    static Node parse(XMLStreamReader r, String fetchUrl) throws XMLStreamException, StaxFeedReader.Decline,
            FeedParseException {
        try {
            List<Node> open = new ArrayList<>();
            Node root = null;
            while (r.hasNext()) {
                int event = r.next();
                Node top = open.isEmpty() ? null : open.get(open.size() - 1);
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (open.size() == FeedParser.MAX_DEPTH) {
                            throw FeedParser.tooDeep(); // as deep as ROME's path may go; the rest is not read
                        }
                        Node node = new Node(r, top, fetchUrl);
                        root = top == null ? node : root;
                        if (top != null) {
                            top.add(node);
                        }
                        open.add(node);
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.remove(open.size() - 1);
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> {
                        if (top != null) {
                            top.append(r.getText(), event == XMLStreamConstants.CDATA);
                        }
                    }
                    case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> {
                        if (top != null) {
                            top.content.add(event == XMLStreamConstants.COMMENT ? new Other(null, r.getText())
                                    : new Other(r.getPITarget(), r.getPIData()));
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.DTD ->
                            throw new StaxFeedReader.Decline("entity or DTD");
                    default -> { } // document events
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

    private void add(Node child) {
        children.add(child);
        content.add(child);
    }

    private void append(String s, boolean cdata) {
        int last = content.size() - 1;
        if (!cdata && last >= 0 && content.get(last) == TEXT_RUN) {
            runs[runCount * 2 - 1] += s.length(); // one text, reported in pieces
        } else if (cdata) {
            content.add(new CData(s));
        } else {
            content.add(TEXT_RUN);
            if (runs == null || runs.length == runCount * 2) {
                runs = runs == null ? new int[4] : java.util.Arrays.copyOf(runs, runs.length * 2);
            }
            runs[runCount * 2] = length;
            runs[runCount * 2 + 1] = s.length();
            runCount++;
        }
        if (firstPiece == null) {
            firstPiece = s; // most elements' text comes in one piece: no builder for it
        } else {
            if (pieces == null) {
                pieces = new StringBuilder(firstPiece.length() + s.length() + 16).append(firstPiece);
            }
            pieces.append(s);
        }
        length += s.length();
    }

    /**
     * {@link #content} with each text run as a String (JDOM keeps one text node for the characters between two
     * other nodes).
     */
    List<Object> content() {
        if (runCount == 0) {
            return content;
        }
        List<Object> out = new ArrayList<>(content.size());
        int run = 0;
        for (Object c : content) {
            if (c == TEXT_RUN) {
                int start = runs[run * 2];
                out.add(text().substring(start, start + runs[run++ * 2 + 1]));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    boolean is(String namespace, String local) {
        return name.equals(local) && ns.equals(namespace);
    }

    String attr(String namespace, String local) {
        for (int i = 0; i < attrs.length; i += 4) {
            if (attrs[i + 2].equals(local) && attrs[i].equals(namespace)) {
                return attrs[i + 3];
            }
        }
        return null;
    }

    int attributeCount() {
        return attrs.length / 4;
    }

    /** Attribute {@code i}'s namespace, prefix, local name or value ({@code part} 0 to 3). */
    String attribute(int i, int part) {
        return attrs[i * 4 + part];
    }

    int declarationCount() {
        return declarations.length / 2;
    }

    /** Namespace declaration {@code i}'s prefix ({@code part} 0, "" for the default) or URI (1). */
    String declaration(int i, int part) {
        return declarations[i * 2 + part];
    }

    /** Whether this element declares {@code uri} (under any prefix). */
    boolean declares(String uri) {
        for (int i = 0; i < declarations.length; i += 2) {
            if (declarations[i + 1].equals(uri)) {
                return true;
            }
        }
        return false;
    }

    /** The first child of that name, as JDOM's {@code getChild}; null if none. */
    Node first(String namespace, String local) {
        for (Node c : children) {
            if (c.is(namespace, local)) {
                return c;
            }
        }
        return null;
    }

    /** The children of that name, as JDOM's {@code getChildren(name, ns)}. */
    List<Node> all(String namespace, String local) {
        List<Node> out = new ArrayList<>();
        for (Node c : children) {
            if (c.is(namespace, local)) {
                out.add(c);
            }
        }
        return out;
    }

    /** The element's own text ("" if none), as JDOM's {@code getText()}. */
    @Override
    public String text() {
        if (textValue == null) {
            textValue = pieces != null ? pieces.toString() : firstPiece != null ? firstPiece : "";
        }
        return textValue;
    }

    @Override
    public String textNormalize() {
        return Text.normalizeString(text());
    }

    @Override
    public String ns() {
        return ns;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String attr(String local) {
        return attr("", local);
    }

    @Override
    public List<Node> children() {
        return children;
    }
}
