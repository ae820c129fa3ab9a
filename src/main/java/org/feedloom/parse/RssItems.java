package org.feedloom.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The StAX path's one reader of RSS items, for RSS 2.0 and RSS 1.0 alike, reading what ROME's parsers and
 * converters read and nothing else: the first {@code title}, {@code link} and {@code description} in the items'
 * namespace (as JDOM's {@code getChild}), {@code content:encoded}, Dublin Core creator and date, and the
 * extension elements of {@link Extensions}. What differs between the two formats is data, a {@link Dialect}.
 * Not thread-safe; one per item.
 */
final class RssItems {
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";

    /**
     * What ROME reads differently in the two formats.
     *
     * @param ns            the namespace of the core elements
     * @param rss2          whether the RSS 0.92–2.0 elements are read: a description typed by its {@code type}
     *                      (HTML by default) with its child elements written out, {@code pubDate}, {@code guid},
     *                      {@code author}, {@code category} and {@code enclosure}
     * @param aboutIsId     whether the item's {@code rdf:about} is its id (RSS 1.0)
     */
    record Dialect(String ns, boolean rss2, boolean aboutIsId) {}

    static final Dialect RSS20 = new Dialect("", true, false);
    static final Dialect RSS10 = new Dialect(StaxFeedReader.RSS10, false, true);

    private RssItems() {}

    /** The fields of {@code item} as ROME's path has them; {@code base} is the item's ({@link Bases#item}). */
    static ItemFields read(Node item, Dialect d, String base, String fetchUrl) {
        ItemFields f = new ItemFields();
        Node title = item.first(d.ns(), "title");
        f.title = title == null ? null : title.text();
        Node linkNode = item.first(d.ns(), "link");
        String link = linkNode == null ? null : linkNode.text();
        String uri = link;
        Node guid = d.rss2() ? item.first(d.ns(), "guid") : null;
        if (guid != null) {
            uri = guid.text();
            String permaLink = guid.attr("", "isPermaLink");
            link = link == null && (permaLink == null || permaLink.equalsIgnoreCase("true")) ? uri : link;
        }
        String about = d.aboutIsId() ? item.attr(StaxFeedReader.RDF, "about") : null;
        f.id = about != null ? about : uri;
        f.link = ItemFields.link(link, List.of(), f.id, base, fetchUrl);
        f.summaryHtml = description(item.first(d.ns(), "description"), d);
        Node encoded = item.first(CONTENT, "encoded");
        f.contentHtml = encoded == null || encoded.text().isBlank() ? null : ItemFields.html("html", encoded.text());
        List<Node> foreign = foreign(item, d.ns());
        f.published = published(item, d);
        f.author = author(item, d);
        if (d.rss2()) {
            categories(item, f);
            enclosures(item, f, base);
        }
        Extensions.read(foreign, f, base);
        scopes(item, f);
        return f;
    }

    /** As ROME's RSS092Parser (2.0) or RSS10Parser (1.0) reads it; null without one. */
    private static String description(Node desc, Dialect d) {
        if (desc == null) {
            return null;
        }
        if (!d.rss2()) {
            return ItemFields.html("text/plain", desc.text());
        }
        String type = desc.attr("", "type");
        String value = desc.children.isEmpty() ? desc.text() : XmlContent.rssDescription(desc);
        return ItemFields.html(type == null ? "text/html" : type, value);
    }

    /** The first Dublin Core date if it reads as one, else (RSS 2.0) the pubDate, as ROME's converters take it. */
    private static Instant published(Node item, Dialect d) {
        Node dcDate = item.first(Extensions.DC, "date");
        Instant published = dcDate == null ? null : FeedDates.parse(dcDate.text());
        Node pubDate = d.rss2() ? item.first(d.ns(), "pubDate") : null;
        return published == null && pubDate != null ? FeedDates.parse(pubDate.text()) : published;
    }

    /** The first Dublin Core creator, else (RSS 2.0) the author element, as ROME's {@code getAuthor}. */
    private static String author(Node item, Dialect d) {
        Node creator = item.first(Extensions.DC, "creator");
        Node author = d.rss2() ? item.first(d.ns(), "author") : null;
        String value = creator != null ? creator.text() : author != null ? author.text() : null;
        return Extensions.isBlank(value) ? null : value;
    }

    /** Non-blank categories, the same text and domain once, as ROME's RSS092 parser and converter keep them. */
    private static void categories(Node item, ItemFields f) {
        Set<List<String>> seen = new HashSet<>();
        for (Node c : item.all("", "category")) {
            String text = c.text();
            if (!text.isBlank() && seen.add(java.util.Arrays.asList(text, c.attr("", "domain")))) {
                f.category(text);
            }
        }
    }

    private static void enclosures(Node item, ItemFields f, String base) {
        for (Node e : item.all("", "enclosure")) {
            String type = e.attr("", "type");
            if (type != null && type.startsWith("image/")) {
                f.image(Links.http(e.attr("", "url"), base), null, null);
            }
        }
    }

    /**
     * The children ROME leaves as the item's foreign markup: not in the core namespace, not read by its Dublin
     * Core module (all Dublin Core elements when the item has one the module reads), not content:encoded.
     */
    static List<Node> foreign(Node item, String coreNs) {
        boolean dcModule = false;
        for (Node c : item.children) {
            dcModule |= c.ns.equals(Extensions.DC) && Extensions.isDcModuleElement(c.name);
        }
        List<Node> foreign = new ArrayList<>();
        for (Node c : item.children) {
            boolean module = c.ns.equals(Extensions.DC) && dcModule || c.is(CONTENT, "encoded");
            if (!c.ns.equals(coreNs) && !module) {
                foreign.add(c);
            }
        }
        return foreign;
    }

    /** The {@code xml:base} in scope at the item's first summary and content elements, as {@link BaseMarks} marks it. */
    static void scopes(Node item, ItemFields f) {
        Node summary = null;
        Node content = null;
        for (Node c : item.children) {
            String role = BaseMarks.role(c.ns, c.name);
            summary = summary == null && BaseMarks.SUMMARY.equals(role) ? c : summary;
            content = content == null && BaseMarks.CONTENT.equals(role) ? c : content;
        }
        f.summaryScope = summary != null ? summary.base : item.base;
        f.contentScope = content != null ? content.base : item.base;
    }
}
