package org.feedloom.parse;

import org.feedloom.html.HtmlSanitizer;

import com.rometools.rome.io.impl.NumberParser;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Item;

/**
 * The fast path of {@link FeedParser}: RSS 2.0, RSS 1.0 and Atom 1.0 read with the JDK's streaming parser (StAX)
 * into the same items ROME's path gives, at a fraction of the cost. It is deliberately narrow: it reads only the
 * elements whose meaning in ROME's path it reproduces exactly (dates as ROME reads them, see {@link FeedDates}, the
 * same content-type rules, the same caps and sanitising as {@link ItemFields}, see {@link ItemFields}), and it declines — returns null, so
 * that ROME reads the document — at anything else: another format or version, an element or attribute it does
 * not know inside an item, mixed content, an entity reference, an item without a usable link, or any XML
 * error. Relative URLs resolve by the same rule as in ROME's path ({@link Bases}). {@code FastPathTest} checks that for every corpus file it accepts, its
 * result equals ROME's.
 *
 * <p>Safe as ROME's path is: the text has had its DOCTYPE removed and its depth checked by {@link FeedParser};
 * the parser is set to support no DTD and no external entity. Thread-safe; no I/O.
 */
final class StaxFeedReader {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String RSS10 = "http://purl.org/rss/1.0/";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";

    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(() -> {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    });

    /** Thrown inside the reader when the document is not for the fast path. */
    static final class Decline extends Exception {
        private static final long serialVersionUID = 1L;

        Decline(String why) {
            super(why, null, false, false);
        }
    }

    private final Clock clock;
    private final String baseUrl;
    private final String provenance;

    StaxFeedReader(Clock clock, String baseUrl, String provenance) {
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.provenance = provenance;
    }

    /** The feed, or null when the document is not one this reader handles exactly (ROME then reads it). */
    ParsedFeed read(String text) {
        try {
            Node root = Node.parse(FACTORY.get().createXMLStreamReader(new StringReader(text)), baseUrl);
            return switch (root.ns + " " + root.name) {
                case " rss" -> rss20(root);
                case ATOM + " feed" -> atom(root);
                case RDF + " RDF" -> rss10(root);
                default -> null;
            };
        } catch (XMLStreamException | Decline | RuntimeException e) {
            return null;
        }
    }

    private ParsedFeed rss20(Node rss) throws Decline {
        if (!"2.0".equals(rss.attr("", "version"))) {
            throw new Decline("rss version");
        }
        Node channel = rss.first("", "channel");
        if (channel == null) {
            throw new Decline("no channel");
        }
        Node ttlNode = channel.first("", "ttl");
        Integer ttl = ttlNode == null ? null : NumberParser.parseInt(ttlNode.text());
        String link = text(channel.first("", "link"));
        Builder b = new Builder(text(channel.first("", "title")), link, link, null, ttl != null && ttl > 0 ? ttl : null,
                channel.base);
        for (Node item : channel.children) {
            if (item.is("", "item") && !b.full()) {
                b.add(rss20Item(item, b), item);
            }
        }
        return b.feed();
    }

    private ItemFields rss20Item(Node item, Builder b) throws Decline {
        ItemFields f = new ItemFields();
        String link = null;
        String creator = null;
        String description = null;
        String encoded = null;
        for (Node c : item.children) {
            c.requireSimple();
            switch (c.ns + " " + c.name) {
                case " title" -> f.title = once(f.title, c);
                case " link" -> link = once(link, c);
                case " guid" -> f.id = once(f.id, c);
                case " pubDate" -> f.published = once(f.published, date(c));
                case " description" -> description = once(description, c);
                case " category" -> f.category(c.text());
                case " comments" -> { }
                case DC + " creator" -> creator = once(creator, c);
                case CONTENT + " encoded" -> encoded = once(encoded, c);
                default -> throw new Decline("rss item element " + c.name);
            }
        }
        f.summaryHtml = html("text/html", description);
        f.contentHtml = nonBlank(html("html", encoded));
        f.summaryScope = scope(item, item.first("", "description"));
        f.contentScope = scope(item, item.first(CONTENT, "encoded"));
        f.author = nonBlank(creator);
        f.link = b.link(link, item);
        return f;
    }

    private ParsedFeed rss10(Node rdf) throws Decline {
        Node channel = rdf.first(RSS10, "channel");
        if (channel == null) {
            throw new Decline("no channel");
        }
        String link = text(channel.first(RSS10, "link"));
        Builder b = new Builder(text(channel.first(RSS10, "title")), link, link, channel.attr(RDF, "about"), null,
                channel.base);
        for (Node child : rdf.children) {
            // items written inside the channel (a common mistake) are read in place, as beside it
            for (Node item : child.is(RSS10, "channel") ? child.children : List.of(child)) {
                if (item.is(RSS10, "item") && !b.full()) {
                    b.add(rss10Item(item, b), item);
                }
            }
        }
        return b.feed();
    }

    private ItemFields rss10Item(Node item, Builder b) throws Decline {
        ItemFields f = new ItemFields();
        String link = null;
        String creator = null;
        String description = null;
        String encoded = null;
        for (Node c : item.children) {
            c.requireSimple();
            switch (c.ns + " " + c.name) {
                case RSS10 + " title" -> f.title = once(f.title, c);
                case RSS10 + " link" -> link = once(link, c);
                case RSS10 + " description" -> description = once(description, c);
                case DC + " date" -> f.published = once(f.published, date(c));
                case DC + " creator" -> creator = once(creator, c);
                case DC + " subject" -> { } // ROME's path keeps no category from an RSS 1.0 dc:subject
                case CONTENT + " encoded" -> encoded = once(encoded, c);
                default -> throw new Decline("rss 1.0 item element " + c.name);
            }
        }
        f.id = item.attr(RDF, "about");
        f.summaryHtml = html("text/plain", description);
        f.contentHtml = nonBlank(html("html", encoded));
        f.summaryScope = scope(item, item.first(RSS10, "description"));
        f.contentScope = scope(item, item.first(CONTENT, "encoded"));
        f.author = nonBlank(creator);
        f.link = b.link(link, item);
        return f;
    }

    private ParsedFeed atom(Node feed) throws Decline {
        // as ROME's path: the first rel="self" link, else the first alternate one
        String self = null;
        String alternate = null;
        for (Node l : feed.all(ATOM, "link")) {
            String href = href(l);
            if (self == null && "self".equals(l.attr("", "rel"))) {
                self = href;
            } else if (alternate == null && isAlternate(l)) {
                alternate = href;
            }
        }
        String link = self != null ? self : alternate;
        Node id = feed.first(ATOM, "id");
        Builder b = new Builder(textConstruct(feed.first(ATOM, "title")), link, alternate, id == null ? null : id.text(),
                null, feed.base);
        for (Node entry : feed.children) {
            if (entry.is(ATOM, "entry") && !b.full()) {
                b.add(atomEntry(entry, b), entry);
            }
        }
        return b.feed();
    }

    private ItemFields atomEntry(Node entry, Builder b) throws Decline {
        ItemFields f = new ItemFields();
        String link = null;
        boolean titled = false;
        for (Node c : entry.children) {
            if (!c.ns.equals(ATOM)) {
                throw new Decline("foreign element in entry " + c.name);
            }
            switch (c.name) {
                case "title" -> {
                    if (titled) {
                        throw new Decline("title repeated");
                    }
                    titled = true;
                    f.title = textConstruct(c);
                }
                case "link" -> {
                    String href = href(c);
                    if ("enclosure".equals(c.attr("", "rel"))) {
                        throw new Decline("enclosure");
                    }
                    if (link == null && isAlternate(c)) {
                        link = href;
                    }
                }
                case "id" -> f.id = once(f.id, c.simpleText());
                case "published" -> f.published = once(f.published, date(c));
                case "updated" -> f.updated = once(f.updated, date(c));
                case "author" -> f.author = f.author != null ? f.author : authorName(c);
                case "category" -> f.category(c.attr("", "term"));
                case "summary" -> f.summaryHtml = once(f.summaryHtml, html(contentType(c), c.simpleText()));
                case "content" -> f.contentHtml = once(f.contentHtml, nonBlank(html(contentType(c), c.simpleText())));
                default -> throw new Decline("atom entry element " + c.name);
            }
        }
        f.summaryScope = scope(entry, entry.first(ATOM, "summary"));
        f.contentScope = scope(entry, entry.first(ATOM, "content"));
        f.link = b.link(link, entry);
        return f;
    }

    /** The {@code xml:base} in scope at an item's summary or content element, as {@link BaseMarks} marks it. */
    private static String scope(Node item, Node element) {
        return element != null ? element.base : item.base;
    }

    /** The name of an Atom person, if it has a non-blank one (ROME's path takes the first such author). */
    private static String authorName(Node person) throws Decline {
        for (Node c : person.children) {
            if (!c.ns.equals(ATOM) || !(c.name.equals("name") || c.name.equals("email") || c.name.equals("uri"))) {
                throw new Decline("person element " + c.name);
            }
        }
        Node name = person.first(ATOM, "name");
        return name == null ? null : nonBlank(name.simpleText());
    }

    /** An alternate link as ROME counts it: no rel, a blank one or "alternate". */
    private static boolean isAlternate(Node link) {
        String rel = link.attr("", "rel");
        return rel == null || rel.isBlank() || rel.equals("alternate");
    }

    /** An Atom link's href as written (resolved by the rule of {@link Bases}, as in ROME's path). */
    private static String href(Node link) throws Decline {
        String href = link.attr("", "href");
        if (href == null || !link.children.isEmpty()) {
            throw new Decline("atom link");
        }
        return href;
    }

    /** An Atom text construct's type as ROME's path reports it: null when absent, else text or html only. */
    private static String contentType(Node c) throws Decline {
        String type = c.attr("", "type");
        if (c.attr("", "src") != null || (type != null && !type.equals("text") && !type.equals("html"))) {
            throw new Decline("atom content type " + type);
        }
        return type;
    }

    private static String textConstruct(Node c) throws Decline {
        if (c == null) {
            return null;
        }
        contentType(c);
        return c.simpleText();
    }

    /** A content construct as HTML, as {@link SyndItems} does: text types escaped, everything else as HTML. */
    static String html(String type, String value) {
        if (value == null) {
            return null;
        }
        String t = type == null ? "" : type;
        if (t.equals("text") || t.equals("text/plain")) {
            return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
        return value;
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Instant date(Node c) throws Decline {
        return FeedDates.parse(c.simpleText());
    }

    private static String text(Node c) throws Decline {
        return c == null ? null : c.simpleText();
    }

    private static String once(String previous, Node c) throws Decline {
        return once(previous, c.simpleText());
    }

    private static <T> T once(T previous, T value) throws Decline {
        if (previous != null) {
            throw new Decline("element repeated");
        }
        return value;
    }

    /** Collects the items the way {@link FeedParser} and {@link SyndItems} do for ROME's feed. */
    private final class Builder {
        private final String title;
        private final String link;
        private final String feedLink;
        private final FeedRef ref;
        private final Integer ttl;
        private final List<ItemFields> fields = new ArrayList<>();
        private final List<String> bases = new ArrayList<>();

        /**
         * @param rawLink      the feed's link as ROME's path reports it (an Atom feed's self link first)
         * @param rawAlternate the feed's own alternate link, that items resolve against (see {@link Bases})
         * @param scope        the {@code xml:base} in scope at the channel or feed
         */
        Builder(String rawTitle, String rawLink, String rawAlternate, String uri, Integer ttl, String scope) {
            this.link = Links.http(rawLink, Bases.feed(scope, baseUrl));
            this.feedLink = Links.http(rawAlternate, Bases.feed(scope, baseUrl));
            this.title = rawTitle == null ? null : HtmlSanitizer.toPlainText(rawTitle);
            String id = Links.isGlobalId(uri) ? uri.strip() : link != null ? link : baseUrl;
            this.ref = new FeedRef(id, title, link != null ? link : baseUrl);
            this.ttl = ttl;
        }

        /** The item's link resolved by {@link Bases#item}; an item without one is left to ROME's path. */
        String link(String raw, Node item) throws Decline {
            String resolved = Links.http(raw, Bases.item(item.base, feedLink, baseUrl));
            if (resolved == null) {
                throw new Decline("item without a usable link");
            }
            return resolved;
        }

        boolean full() {
            return fields.size() >= FeedParser.MAX_ITEMS;
        }

        void add(ItemFields f, Node item) {
            fields.add(f);
            bases.add(Bases.item(item.base, feedLink, baseUrl));
        }

        ParsedFeed feed() {
            List<Item> items = new ArrayList<>(fields.size());
            for (int i = 0; i < fields.size(); i++) {
                Item item = fields.get(i).build(clock, bases.get(i), provenance, ref);
                if (item != null) {
                    items.add(item);
                }
            }
            return new ParsedFeed(ref, title, link, ttl, items);
        }
    }
}
