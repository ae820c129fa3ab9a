package org.feedloom.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The StAX path's reader of Atom 1.0 entries, reading what ROME's {@code Atom10Parser} and its converter read:
 * the first {@code title}, {@code id}, {@code updated}, {@code published}, {@code summary} and {@code content};
 * every {@code link} (the first alternate one is the entry's, image enclosures are images), {@code author} and
 * {@code category}; Dublin Core creator and date; and the extension elements of {@link Extensions}. Text
 * constructs of an XHTML or XML type are written out as JDOM writes them ({@link XmlContent}), those of a
 * base64 media type decoded by {@link FeedDom}'s rule. Pure.
 */
final class AtomEntries {
    static final String ATOM = StaxFeedReader.ATOM;

    private AtomEntries() {}

    /** The fields of {@code entry} as ROME's path has them; {@code base} is the entry's ({@link Bases#item}). */
    static ItemFields read(Node entry, String base, String fetchUrl) {
        ItemFields f = new ItemFields();
        Node title = entry.first(ATOM, "title");
        f.title = title == null ? null : construct(title).html();
        String link = alternateLink(entry);
        List<String> candidates = new ArrayList<>();
        for (Node l : entry.all(ATOM, "link")) {
            String rel = attr(l, "rel");
            String type = attr(l, "type");
            if (rel == null || rel.equals("alternate")) {
                candidates.add(attr(l, "href"));
            } else if (rel.equals("enclosure") && type != null && type.startsWith("image/")) {
                f.image(Links.http(attr(l, "href"), base), null, null);
            }
        }
        Node id = entry.first(ATOM, "id");
        f.id = id != null ? id.text() : link;
        f.link = ItemFields.link(link, candidates, f.id, base, fetchUrl);
        f.published = date(entry.first(ATOM, "published"));
        f.published = f.published != null ? f.published : date(entry.first(Extensions.DC, "date"));
        f.updated = date(entry.first(ATOM, "updated"));
        Node summary = entry.first(ATOM, "summary");
        f.summaryHtml = summary == null ? null : construct(summary).html();
        Node content = entry.first(ATOM, "content");
        Construct value = content == null ? null : construct(content);
        f.contentHtml = value == null || value.value().isBlank() ? null : value.html();
        f.author = author(entry);
        for (Node c : entry.all(ATOM, "category")) {
            f.category(attr(c, "term"));
        }
        Extensions.read(RssItems.foreign(entry, ATOM), f, base);
        RssItems.scopes(entry, f);
        return f;
    }

    /** The href of the entry's first alternate link (no rel, a blank one or "alternate"), as ROME's converter. */
    private static String alternateLink(Node entry) {
        for (Node l : entry.all(ATOM, "link")) {
            String rel = attr(l, "rel");
            if (rel == null || rel.isBlank() || rel.equals("alternate")) {
                return attr(l, "href");
            }
        }
        return null;
    }

    /**
     * The first non-blank name of the entry's authors (ROME's {@code getAuthor}, then its persons); without
     * authors, the first Dublin Core creator.
     */
    private static String author(Node entry) {
        List<Node> authors = entry.all(ATOM, "author");
        if (authors.isEmpty()) {
            Node creator = entry.first(Extensions.DC, "creator");
            return creator == null || creator.text().isBlank() ? null : creator.text();
        }
        for (Node person : authors) {
            Node name = person.first(ATOM, "name");
            if (name != null && !name.text().isBlank()) {
                return name.text();
            }
        }
        return null;
    }

    private static Instant date(Node n) {
        return n == null ? null : FeedDates.parse(n.text());
    }

    /** An attribute as ROME's parser reads it: unqualified, else in the Atom namespace. */
    static String attr(Node n, String local) {
        String value = n.attr("", local);
        return value != null ? value : n.attr(ATOM, local);
    }

    /** A text construct's type and value as ROME's path reports them. */
    record Construct(String type, String value) {
        /** The value as HTML, by {@link ItemFields#html}. */
        String html() {
            return ItemFields.html(type, value);
        }
    }

    /**
     * A text construct as ROME's path reads it: a base64 media type decoded as {@link FeedDom} does it (typed
     * html or text by what it holds), an XHTML or XML one written out by JDOM, any other as its text.
     */
    static Construct construct(Node c) {
        String type = attr(c, "type");
        if (type != null && FeedDom.isBase64Type(type)) {
            String text = FeedDom.base64Text(c.text());
            return new Construct(text != null && FeedDom.looksLikeHtml(text) ? "html" : "text", text == null ? "" : text);
        }
        String t = type == null ? "text" : type;
        boolean xml = t.equals("xhtml") || t.contains("/xml") || t.contains("+xml");
        return new Construct(type, xml ? XmlContent.atomXhtml(c) : c.text());
    }
}
