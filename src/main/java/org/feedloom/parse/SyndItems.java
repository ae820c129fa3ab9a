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

/** ROME's entries → items. Not thread-safe; one per parse. */
final class SyndItems {

    private final Clock clock;
    private final SanitizedHtml html;
    private final String fetchUrl;
    private final String feedLink;
    private final String provenance;
    private final FeedRef feed;

    /**
     * @param fetchUrl the URL the feed came from
     * @param feedLink the feed's own alternate link, resolved (see {@link Bases}); may be null
     */
    SyndItems(Clock clock, SanitizedHtml html, String fetchUrl, String feedLink, String provenance, FeedRef feed) {
        this.clock = clock;
        this.html = html;
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
        Extensions.read(e.getForeignMarkup().stream().map(Markup::of).toList(), f, base);
        return f.build(clock, html, base, provenance, feed);
    }

    /** The entry's link by {@link ItemFields#link}: its link, else an alternate link, else an http(s) id. */
    private String link(SyndEntry e, String base) {
        List<String> alternates = new ArrayList<>();
        for (SyndLink l : e.getLinks()) {
            if (l.getRel() == null || l.getRel().equals("alternate")) {
                alternates.add(l.getHref());
            }
        }
        return ItemFields.link(e.getLink(), alternates, e.getUri(), base, fetchUrl);
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

    /** A content or title construct as HTML, by {@link ItemFields#html}. */
    static String html(SyndContent c) {
        return ItemFields.html(c.getType(), c.getValue());
    }

    private static java.time.Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
