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
import org.feedloom.html.HtmlSanitizer;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Item;
import org.jdom2.Element;

/** ROME's entries → items. Not thread-safe; one per parse. */
final class SyndItems {
    private static final String MEDIA = "http://search.yahoo.com/mrss/";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    private final Clock clock;
    private final String fetchUrl;
    private final String feedLink;
    private final String provenance;
    private final FeedRef feed;

    /**
     * @param fetchUrl the URL the feed came from
     * @param feedLink the feed's own alternate link, resolved (see {@link Bases}); may be null
     */
    SyndItems(Clock clock, String fetchUrl, String feedLink, String provenance, FeedRef feed) {
        this.clock = clock;
        this.fetchUrl = fetchUrl;
        this.feedLink = feedLink;
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
        String scope = BaseMarks.read(e.getForeignMarkup(), null);
        String base = Bases.item(scope, feedLink, fetchUrl);
        f.link = link(e, base);
        f.summaryScope = BaseMarks.read(e.getForeignMarkup(), BaseMarks.SUMMARY);
        f.contentScope = BaseMarks.read(e.getForeignMarkup(), BaseMarks.CONTENT);
        f.id = e.getUri();
        f.title = e.getTitleEx() != null ? html(e.getTitleEx()) : e.getTitle();
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
                f.image(Links.http(enc.getUrl(), base), null, null);
            }
        }
        media(e.getForeignMarkup(), f, base);
        fallbacks(e.getForeignMarkup(), f);
        return f.build(clock, base, provenance, feed);
    }

    /**
     * What podcast and media feeds say where the core elements are missing, as feed readers use it: the item's
     * title from {@code media:title} or {@code itunes:title}, its summary from {@code itunes:summary},
     * {@code itunes:subtitle} or {@code media:description}, its author from {@code itunes:author} or
     * {@code dc:author}.
     */
    private static void fallbacks(List<Element> markup, ItemFields f) {
        for (Element el : flatten(markup)) {
            String ns = el.getNamespaceURI();
            boolean itunes = ns.equalsIgnoreCase(ITUNES);
            boolean media = ns.equals(MEDIA);
            String value = el.getTextNormalize();
            String name = el.getName();
            if (ns.equals(DC) && name.equals("author") && isBlank(f.author) && !value.isEmpty()) {
                f.author = value; // not Dublin Core, but written in the wild
            }
            if ((!itunes && !media) || value.isEmpty()) {
                continue;
            }
            if (isBlank(f.title) && (media && name.equals("title") || itunes && name.equals("title"))) {
                f.title = "html".equals(el.getAttributeValue("type")) ? el.getText() : escape(el.getText());
            } else if (isBlank(f.summaryHtml) && itunes && (name.equals("summary") || name.equals("subtitle"))) {
                f.summaryHtml = escape(el.getText());
            } else if (isBlank(f.summaryHtml) && media && name.equals("description")) {
                f.summaryHtml = "html".equals(el.getAttributeValue("type")) ? el.getText() : escape(el.getText());
            } else if (isBlank(f.author) && itunes && name.equals("author")) {
                f.author = value;
            }
        }
    }

    /** The elements and, for media groups and contents, their children (depth-first, document order). */
    private static List<Element> flatten(List<Element> markup) {
        List<Element> all = new ArrayList<>();
        for (Element el : markup) {
            all.add(el);
            if (MEDIA.equals(el.getNamespaceURI())) {
                all.addAll(flatten(el.getChildren()));
            }
        }
        return all;
    }

    /** The entry's link: its link, else an alternate link, else a guid/id that is an http(s) URL. */
    private String link(SyndEntry e, String base) {
        String link = Links.http(e.getLink(), base);
        if (link == null) {
            for (SyndLink l : e.getLinks()) {
                if (l.getRel() == null || l.getRel().equals("alternate")) {
                    link = Links.http(l.getHref(), base);
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
    private static void media(List<Element> markup, ItemFields f, String base) {
        for (Element el : markup) {
            if (MEDIA.equals(el.getNamespaceURI())) {
                String medium = el.getAttributeValue("medium");
                String type = el.getAttributeValue("type");
                boolean image = el.getName().equals("thumbnail") || "image".equals(medium)
                        || (type != null && type.startsWith("image/"));
                if (image) {
                    f.image(Links.http(el.getAttributeValue("url"), base), integer(el.getAttributeValue("width")),
                            integer(el.getAttributeValue("height")));
                }
                media(el.getChildren(), f, base);
            }
        }
    }

    /**
     * A content or title construct as HTML: text types are escaped (so a title "History of the &lt;blink&gt;
     * tag" keeps its brackets once {@link HtmlSanitizer#toPlainText} reads it); HTML and XHTML stay as they are;
     * untyped values (RSS, and Atom 0.3 as ROME hands it over) are taken as HTML, as feed readers take them.
     */
    static String html(SyndContent c) {
        String v = c.getValue();
        if (v == null) {
            return null;
        }
        return isText(c.getType()) ? escape(v) : v;
    }

    private static boolean isText(String type) {
        return type != null && (type.equals("text") || type.equals("text/plain"));
    }

    static String escape(String text) {
        return text == null ? null : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
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
