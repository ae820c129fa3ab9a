package org.feedloom.parse;

import java.util.ArrayList;
import java.util.List;
import org.jdom2.Attribute;
import org.jdom2.CDATA;
import org.jdom2.Comment;
import org.jdom2.Content;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.ProcessingInstruction;
import org.jdom2.Text;
import org.jdom2.output.XMLOutputter;

/**
 * Markup inside a feed element as ROME's path writes it out — an Atom XHTML construct, an RSS description that
 * holds elements: the StAX reader's {@link Node}s are rebuilt as the JDOM nodes ROME's path has and written with
 * the same {@link XMLOutputter}, so the string is JDOM's by construction. Pure.
 */
final class XmlContent {
    private XmlContent() {}

    /**
     * An Atom XHTML or XML text construct, as ROME's {@code Atom10Parser} writes it: the element's content, its
     * child elements in the Atom namespace moved to no namespace.
     */
    static String atomXhtml(Node construct) {
        List<Content> contents = new ArrayList<>();
        for (Object c : construct.content()) {
            Content jdom = jdom(c);
            if (jdom instanceof Element el && el.getNamespaceURI().equals(StaxFeedReader.ATOM)) {
                el.setNamespace(Namespace.NO_NAMESPACE);
            }
            contents.add(jdom);
        }
        return new XMLOutputter().outputString(contents);
    }

    /**
     * An RSS 0.92–2.0 description as ROME's {@code RSS092Parser} reads it: text and CDATA as they are, each child
     * element written out on its own; comments and processing instructions dropped.
     */
    static String rssDescription(Node description) {
        StringBuilder sb = new StringBuilder();
        XMLOutputter out = new XMLOutputter();
        for (Object c : description.content()) {
            if (c instanceof Node n) {
                sb.append(out.outputString(element(n)));
            } else if (c instanceof String s) {
                sb.append(s);
            } else if (c instanceof Node.CData d) {
                sb.append(d.text());
            }
        }
        return sb.toString();
    }

    private static Content jdom(Object c) {
        if (c instanceof Node n) {
            return element(n);
        }
        if (c instanceof Node.CData d) {
            return new CDATA(d.text());
        }
        if (c instanceof Node.Other o) {
            return o.target() == null ? new Comment(o.data()) : new ProcessingInstruction(o.target(), o.data());
        }
        return new Text((String) c);
    }

    /** The element as JDOM's SAX builder makes it: its namespace, the other declarations, attributes, content. */
    private static Element element(Node n) {
        Element el = new Element(n.name, Namespace.getNamespace(n.prefix, n.ns));
        for (int i = 0; i < n.declarationCount(); i++) {
            Namespace declared = Namespace.getNamespace(n.declaration(i, 0), n.declaration(i, 1));
            if (!declared.getPrefix().equals(n.prefix)) {
                el.addNamespaceDeclaration(declared);
            }
        }
        for (int i = 0; i < n.attributeCount(); i++) {
            String ns = n.attribute(i, 0);
            Namespace space = ns.isEmpty() ? Namespace.NO_NAMESPACE : Namespace.getNamespace(n.attribute(i, 1), ns);
            el.setAttribute(new Attribute(n.attribute(i, 2), n.attribute(i, 3), space));
        }
        for (Object c : n.content()) {
            el.addContent(jdom(c));
        }
        return el;
    }
}
