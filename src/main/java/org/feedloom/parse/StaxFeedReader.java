package org.feedloom.parse;

import com.rometools.rome.io.impl.NumberParser;
import java.io.StringReader;
import java.time.Clock;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * The fast path of {@link FeedParser}: RSS 2.0, RSS 1.0 and Atom 1.0 read with the JDK's streaming parser (StAX)
 * into the items ROME's path gives, at a fraction of the cost. It reads what ROME's parsers read the way they
 * read it (the first element of a name, JDOM's text, Dublin Core, content:encoded, XHTML written out by JDOM,
 * the extension elements of {@link Extensions}) and builds items by the same rules ({@link ItemFields},
 * {@link Bases}, {@link FeedDates}), so that it takes nearly every real feed. It declines — returns null, so that
 * ROME reads the document — another format or version (RSS 0.9x, Atom 0.3, RSS 2.0 in a namespace), a feed
 * without its channel, an entity reference or any XML error.
 * {@code DifferentialTest} checks that for every corpus file and generated feed both paths give the same feed.
 *
 * <p>Safe as ROME's path is: the text has had its DOCTYPE removed and its entities fixed by {@link FeedParser},
 * its depth is checked as it is read ({@link Node#parse}), and the parser is set to support no DTD and no
 * external entity. Thread-safe; no I/O.
 */
final class StaxFeedReader {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    static final String RSS10 = "http://purl.org/rss/1.0/";
    static final String RSS090 = "http://my.netscape.com/rdf/simple/0.9/";

    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(() -> {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        // one event for all the characters between two other nodes: the JDK's reader reports CDATA sections as
        // characters whether it coalesces or not, and Node joins the pieces of a run into one anyway; without it,
        // escaped HTML arrives as a piece per reference (&lt;p&gt; is three), each its own String
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

    final Clock clock;
    final SanitizedHtml html;
    final String baseUrl;
    final String provenance;

    StaxFeedReader(Clock clock, SanitizedHtml html, String baseUrl, String provenance) {
        this.clock = clock;
        this.html = html;
        this.baseUrl = baseUrl;
        this.provenance = provenance;
    }

    /** The feed, or null when the document is not one this reader handles exactly (ROME then reads it). */
    ParsedFeed read(String text) throws FeedParseException {
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
        Node channel = required(rss.first("", "channel"));
        Node ttlNode = channel.first("", "ttl");
        Integer ttl = ttlNode == null ? null : NumberParser.parseInt(ttlNode.text());
        String link = text(channel.first("", "link"));
        FeedAssembly feed = new FeedAssembly(this, text(channel.first("", "title")), link, link, null,
                ttl != null && ttl > 0 ? ttl : null, channel.base);
        items(feed, channel.all("", "item"), RssItems.RSS20);
        return feed.feed();
    }

    /** RSS 1.0 as ROME's RSS10Parser takes it: the root declares the RSS 1.0 namespace (and not RSS 0.90's). */
    private ParsedFeed rss10(Node rdf) throws Decline {
        if (!rdf.declares(RSS10) || rdf.declares(RSS090)) {
            throw new Decline("not RSS 1.0");
        }
        Node channel = required(rdf.first(RSS10, "channel"));
        String link = text(channel.first(RSS10, "link"));
        FeedAssembly feed = new FeedAssembly(this, text(channel.first(RSS10, "title")), link, link,
                channel.attr(RDF, "about"), null, channel.base);
        List<Node> items = new java.util.ArrayList<>();
        for (Node child : rdf.children) {
            // items written inside a channel (a common mistake) are read in place, as FeedDom moves them
            if (child.name.equals("channel")) {
                child.children.stream().filter(c -> c.is(child.ns, "item") && c.ns.equals(RSS10)).forEach(items::add);
            } else if (child.is(RSS10, "item")) {
                items.add(child);
            }
        }
        items(feed, items, RssItems.RSS10);
        return feed.feed();
    }

    private void items(FeedAssembly feed, List<Node> items, RssItems.Dialect dialect) {
        for (Node item : items) {
            if (feed.full()) {
                break;
            }
            feed.add(RssItems.read(item, dialect, feed.base(item), baseUrl), item);
        }
    }

    private ParsedFeed atom(Node root) throws Decline {
        // as ROME's path: the first rel="self" link, else the first alternate one
        String self = null;
        String alternate = null;
        boolean selfSeen = false;
        boolean alternateSeen = false;
        for (Node l : root.all(ATOM, "link")) {
            String rel = AtomEntries.attr(l, "rel");
            if (!selfSeen && "self".equals(rel)) {
                selfSeen = true;
                self = AtomEntries.attr(l, "href");
            } else if (!alternateSeen && (rel == null || rel.isBlank() || rel.equals("alternate"))) {
                alternateSeen = true;
                alternate = AtomEntries.attr(l, "href");
            }
        }
        Node title = root.first(ATOM, "title");
        Node id = root.first(ATOM, "id");
        FeedAssembly feed = new FeedAssembly(this,
                title == null ? null : AtomEntries.construct(title).html(),
                self != null ? self : alternate, alternate, id == null ? null : id.text(), null, root.base);
        for (Node entry : root.all(ATOM, "entry")) {
            if (feed.full()) {
                break;
            }
            feed.add(AtomEntries.read(entry, feed.base(entry), baseUrl), entry);
        }
        return feed.feed();
    }

    private static Node required(Node channel) throws Decline {
        if (channel == null) {
            throw new Decline("no channel"); // ROME's parser fails on it; FeedParser reports an empty feed
        }
        return channel;
    }

    private static String text(Node c) {
        return c == null ? null : c.text();
    }
}
