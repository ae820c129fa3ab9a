package org.feedloom.parse;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Item;
import org.jdom2.Element;

/** ROME's entries → items. Not thread-safe; one per parse. */
final class SyndItems {
    private static final String MEDIA = "http://search.yahoo.com/mrss/";

    private final Clock clock;
    private final String fetchUrl;
    private final String feedBase;
    private final String provenance;
    private final FeedRef feed;

    SyndItems(Clock clock, String fetchUrl, String feedBase, String provenance, FeedRef feed) {
        this.clock = clock;
        this.fetchUrl = fetchUrl;
        this.feedBase = feedBase;
        this.provenance = provenance;
        this.feed = feed;
    }

    List<Item> map(List<SyndEntry> entries) {
        List<Item> items = new ArrayList<>();
        for (SyndEntry entry : entries) {
            if (items.size() >= FeedParser.MAX_ITEMS) {
                break;
            }
            Item item = item(entry);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private Item item(SyndEntry e) {
        ItemFields f = new ItemFields();
        f.link = link(e);
        f.id = e.getUri();
        f.title = e.getTitleEx() != null ? text(e.getTitleEx()) : e.getTitle();
        f.summaryHtml = e.getDescription() == null ? null : html(e.getDescription());
        for (SyndContent c : e.getContents()) {
            if (f.contentHtml == null && c.getValue() != null && !c.getValue().isBlank()) {
                f.contentHtml = html(c);
            }
        }
        f.published = instant(e.getPublishedDate());
        f.updated = instant(e.getUpdatedDate());
        f.author = author(e);
        for (SyndCategory c : e.getCategories()) {
            f.category(c.getName());
        }
        for (SyndEnclosure enc : e.getEnclosures()) {
            if (enc.getType() != null && enc.getType().startsWith("image/")) {
                f.image(Links.http(enc.getUrl(), feedBase), null, null);
            }
        }
        media(e.getForeignMarkup(), f);
        return f.build(clock, f.link != null ? f.link : feedBase, provenance, feed);
    }

    /** The entry's link: its link, else an alternate link, else a guid/id that is an http(s) URL. */
    private String link(SyndEntry e) {
        String link = Links.http(e.getLink(), feedBase);
        if (link == null) {
            for (SyndLink l : e.getLinks()) {
                if (l.getRel() == null || l.getRel().equals("alternate")) {
                    link = Links.http(l.getHref(), feedBase);
                    if (link != null) {
                        break;
                    }
                }
            }
        }
        if (link == null && e.getUri() != null && e.getUri().matches("(?i)https?://.+")) {
            link = Links.http(e.getUri(), fetchUrl);
        }
        return link;
    }

    private static String author(SyndEntry e) {
        if (e.getAuthor() != null && !e.getAuthor().isBlank()) {
            return e.getAuthor();
        }
        for (SyndPerson p : e.getAuthors()) {
            if (p.getName() != null && !p.getName().isBlank()) {
                return p.getName();
            }
        }
        return null;
    }

    /** media:thumbnail and media:content (images) anywhere in the entry's foreign markup. */
    private void media(List<Element> markup, ItemFields f) {
        for (Element el : markup) {
            if (MEDIA.equals(el.getNamespaceURI())) {
                String medium = el.getAttributeValue("medium");
                String type = el.getAttributeValue("type");
                boolean image = el.getName().equals("thumbnail") || "image".equals(medium)
                        || (type != null && type.startsWith("image/"));
                if (image) {
                    f.image(Links.http(el.getAttributeValue("url"), feedBase), integer(el.getAttributeValue("width")),
                            integer(el.getAttributeValue("height")));
                }
                media(el.getChildren(), f);
            }
        }
    }

    /** A content construct as HTML: text types are escaped, everything else is taken as HTML. */
    private static String html(SyndContent c) {
        String v = c.getValue();
        if (v == null) {
            return null;
        }
        String type = c.getType() == null ? "" : c.getType();
        if (type.equals("text") || type.equals("text/plain")) {
            return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
        return v;
    }

    /** A title construct as text: HTML types are reduced to their text. */
    private static String text(SyndContent c) {
        return c.getValue();
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static java.time.Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
