package org.feedloom.clients;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The problems the W3C feed validator reports that a RELAX NG schema cannot see, checked on one Atom document:
 * ids are absolute URIs and unique, the self link is the URL the document was served at, dates are RFC 3339, links
 * and URIs are absolute, no {@code xml:base} (so nothing is resolved against a surprising base), text constructs
 * declare their type, every entry has an author or the feed has one, and the RFC 4287 Schematron rules (an entry
 * has an alternate link or content). Pure; each problem is one line naming the element.
 */
final class AtomChecks {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String MEDIA = "http://search.yahoo.com/mrss/";
    static final String XML = "http://www.w3.org/XML/1998/namespace";
    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Set<String> TEXT_CONSTRUCTS = Set.of("title", "subtitle", "summary", "rights", "content");

    private AtomChecks() {}

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** Every problem of {@code doc}, served at {@code servedUrl}; empty when it is clean. */
    static List<String> problems(Document doc, String servedUrl) {
        List<String> p = new ArrayList<>();
        Element feed = doc.getDocumentElement();
        if (!ATOM.equals(feed.getNamespaceURI()) || !feed.getLocalName().equals("feed")) {
            p.add("root is not atom:feed");
            return p;
        }
        absoluteUri(p, "feed id", text(child(feed, "id")));
        List<String> selves = new ArrayList<>();
        for (Element link : children(feed, "link")) {
            if (link.getAttribute("rel").equals("self")) {
                selves.add(link.getAttribute("href"));
            }
        }
        if (!selves.equals(List.of(servedUrl))) {
            p.add("self link " + selves + " is not the URL served, " + servedUrl);
        }
        boolean feedAuthor = !children(feed, "author").isEmpty();
        Set<String> ids = new HashSet<>();
        for (Element entry : children(feed, "entry")) {
            String id = text(child(entry, "id"));
            absoluteUri(p, "entry id", id);
            if (id != null && !ids.add(id)) {
                p.add("entry id " + id + " appears twice");
            }
            if (!feedAuthor && children(entry, "author").isEmpty()) {
                p.add("entry " + id + " has no author and the feed has none");
            }
            boolean alternate = children(entry, "link").stream()
                    .anyMatch(l -> !l.hasAttribute("rel") || l.getAttribute("rel").equals("alternate"));
            if (!alternate && child(entry, "content") == null) {
                p.add("entry " + id + " has neither an alternate link nor content");
            }
        }
        walk(feed, p);
        return p;
    }

    /** The checks that apply to every element wherever it is. */
    private static void walk(Element e, List<String> p) {
        String name = e.getLocalName();
        if (e.hasAttributeNS(XML, "base")) {
            p.add(name + " has xml:base='" + e.getAttributeNS(XML, "base") + "'");
        }
        if (ATOM.equals(e.getNamespaceURI())) {
            switch (name) {
                case "updated", "published" -> date(p, name, text(e));
                case "link" -> absoluteUri(p, "link href", e.getAttribute("href"));
                case "uri", "icon", "logo" -> absoluteUri(p, name, text(e));
                case "generator" -> {
                    if (e.hasAttribute("uri")) {
                        absoluteUri(p, "generator uri", e.getAttribute("uri"));
                    }
                }
                case "author", "contributor" -> {
                    String personName = text(child(e, "name"));
                    if (personName == null || personName.isBlank()) {
                        p.add(name + " has no name");
                    }
                }
                default -> { }
            }
            if (TEXT_CONSTRUCTS.contains(name) && !e.hasAttribute("src") && !e.hasAttribute("type")) {
                p.add(name + " '" + abbreviate(text(e)) + "' does not declare its type");
            }
            if (name.equals("content") && e.hasAttribute("src")) {
                absoluteUri(p, "content src", e.getAttribute("src"));
            }
        } else if (MEDIA.equals(e.getNamespaceURI()) && e.hasAttribute("url")) {
            absoluteUri(p, "media:" + name + " url", e.getAttribute("url"));
        }
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (a.getName().equals("scheme")) {
                absoluteUri(p, name + " scheme", a.getValue());
            }
        }
        NodeList kids = e.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            if (kids.item(i) instanceof Element child) {
                walk(child, p);
            }
        }
    }

    private static void date(List<String> p, String what, String value) {
        boolean ok = value != null && RFC3339.matcher(value).matches();
        if (ok) {
            try {
                OffsetDateTime.parse(value);
            } catch (DateTimeParseException e) {
                ok = false;
            }
        }
        if (!ok) {
            p.add(what + " '" + value + "' is not an RFC 3339 date-time");
        }
    }

    private static void absoluteUri(List<String> p, String what, String value) {
        try {
            if (value == null || value.isBlank() || !new URI(value).isAbsolute()) {
                p.add(what + " '" + value + "' is not an absolute URI");
            }
        } catch (URISyntaxException e) {
            p.add(what + " '" + value + "' is not a URI: " + e.getReason());
        }
    }

    static List<Element> children(Element parent, String atomName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ATOM.equals(e.getNamespaceURI()) && e.getLocalName().equals(atomName)) {
                out.add(e);
            }
        }
        return out;
    }

    static Element child(Element parent, String atomName) {
        List<Element> all = children(parent, atomName);
        return all.isEmpty() ? null : all.get(0);
    }

    static String text(Element e) {
        return e == null ? null : e.getTextContent().strip();
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
