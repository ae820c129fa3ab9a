package org.feedloom.parse;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/**
 * How ROME's path learns the {@code xml:base} scopes of {@link Bases}: ROME ignores {@code xml:base} and its
 * entries keep no way back to their elements, so before ROME reads the tree each {@code feed}, {@code channel},
 * {@code entry} and {@code item} element (to depth 3) gets the scope in effect there as a last child
 * {@code <base>} in a private namespace, and an entry or item whose first summary ({@code summary},
 * {@code description}) or content ({@code content}, {@code content:encoded}) element changes the scope with its
 * own {@code xml:base} gets a {@code <base of="summary">} or {@code <base of="content">} too. ROME hands them over
 * as foreign markup, where {@link #read} finds them. Marks a feed wrote itself are removed first.
 *
 * <p>Run before {@link FeedDom#repair}, which may move items out of the channel whose {@code xml:base} they are
 * under. Not thread-safe; modifies the document.
 */
final class BaseMarks {
    static final Namespace NS = Namespace.getNamespace("feedloom-base", "urn:feedloom:parse:xml-base");
    static final String SUMMARY = "summary";
    static final String CONTENT = "content";
    private static final Set<String> MARKED = Set.of("feed", "channel", "entry", "item");
    private static final Set<String> ATOM = Set.of(FeedDom.ATOM03, FeedDom.ATOM10);
    private static final String CONTENT_MODULE = "http://purl.org/rss/1.0/modules/content/";

    private BaseMarks() {}

    /** Marks {@code doc}; {@code fetchUrl} is what a relative outermost {@code xml:base} resolves against. */
    static void mark(Document doc, String fetchUrl) {
        mark(doc.getRootElement(), null, fetchUrl, 1);
    }

    private static void mark(Element el, String enclosing, String fetchUrl, int depth) {
        String scope = Bases.scope(enclosing, xmlBase(el), fetchUrl);
        if (depth < 3) {
            for (Element child : el.getChildren()) {
                mark(child, scope, fetchUrl, depth + 1);
            }
        }
        String name = el.getName().toLowerCase(Locale.ROOT);
        if (!MARKED.contains(name)) {
            return;
        }
        el.removeChildren("base", NS);
        if (name.equals("entry") || name.equals("item")) {
            markRole(el, SUMMARY, scope, fetchUrl);
            markRole(el, CONTENT, scope, fetchUrl);
        }
        add(el, null, scope);
    }

    /** The mark of the item's first child in {@code role}, if its own {@code xml:base} changes the scope. */
    private static void markRole(Element item, String role, String scope, String fetchUrl) {
        for (Element child : item.getChildren()) {
            if (role.equals(role(child))) {
                String own = Bases.scope(scope, xmlBase(child), fetchUrl);
                if (own != null && !own.equals(scope)) {
                    add(item, role, own);
                }
                return;
            }
        }
    }

    /** {@link #SUMMARY}, {@link #CONTENT} or null: what ROME makes of a child of an entry or item. */
    private static String role(Element child) {
        return role(child.getNamespaceURI(), child.getName());
    }

    /** {@link #role(Element)} of an element by its namespace and name (for the StAX path too). */
    static String role(String ns, String name) {
        if (ATOM.contains(ns)) {
            return name.equals("summary") ? SUMMARY : name.equals("content") ? CONTENT : null;
        }
        // RSS names are matched in any case, see FeedDom
        if (FeedDom.RSS_NAMESPACES.contains(ns) && name.equalsIgnoreCase("description")) {
            return SUMMARY;
        }
        return ns.equals(CONTENT_MODULE) && name.equals("encoded") ? CONTENT : null;
    }

    private static void add(Element el, String role, String scope) {
        if (scope != null) {
            Element mark = new Element("base", NS).setText(scope);
            el.addContent(role == null ? mark : mark.setAttribute("of", role));
        }
    }

    private static String xmlBase(Element el) {
        return el.getAttributeValue("base", Namespace.XML_NAMESPACE);
    }

    /**
     * The scope marked in a feed's or entry's foreign markup: for {@code role} ({@link #SUMMARY} or
     * {@link #CONTENT}) if marked, else the element's own (what {@code role} null asks for); null when none is.
     */
    static String read(List<Element> foreignMarkup, String role) {
        String own = null;
        for (Element el : foreignMarkup) {
            if (el.getNamespace().equals(NS) && el.getName().equals("base")) {
                String of = el.getAttributeValue("of");
                if (role != null && role.equals(of)) {
                    return el.getText();
                }
                own = of == null ? el.getText() : own;
            }
        }
        return own;
    }
}
