package org.feedloom.parse;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.html.HtmlSanitizer;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Item;

/**
 * The feed the StAX path gives, put together as {@link FeedParser} and {@link SyndItems} put ROME's together:
 * the feed's reference, title and link by the same rules, each item built by {@link ItemFields#build} with the
 * base of {@link Bases#item}, at most {@link FeedParser#MAX_ITEMS} items. Not thread-safe; one per parse.
 */
final class FeedAssembly {
    private final Clock clock;
    private final SanitizedHtml html;
    private final String fetchUrl;
    private final String provenance;
    private final String title;
    private final String link;
    /** The feed's own alternate link, resolved: what items resolve against (see {@link Bases}). */
    final String feedLink;
    private final FeedRef ref;
    private final Integer ttl;
    private final List<Item> items = new ArrayList<>();
    private int read;

    /**
     * @param rawLink      the feed's link as ROME's path reports it (an Atom feed's self link first)
     * @param rawAlternate the feed's own alternate link, that items resolve against (see {@link Bases})
     * @param scope        the {@code xml:base} in scope at the channel or feed
     */
    FeedAssembly(StaxFeedReader reader, String rawTitle, String rawLink, String rawAlternate, String uri, Integer ttl,
            String scope) {
        this.clock = reader.clock;
        this.html = reader.html;
        this.fetchUrl = reader.baseUrl;
        this.provenance = reader.provenance;
        this.link = Links.http(rawLink, Bases.feed(scope, fetchUrl));
        this.feedLink = Links.http(rawAlternate, Bases.feed(scope, fetchUrl));
        this.title = rawTitle == null ? null : HtmlSanitizer.toPlainText(rawTitle);
        String id = Links.isGlobalId(uri) ? uri.strip() : link != null ? link : fetchUrl;
        this.ref = new FeedRef(id, title, link != null ? link : fetchUrl);
        this.ttl = ttl;
    }

    String fetchUrl() {
        return fetchUrl;
    }

    /** The base of the item's links and images ({@link Bases#item}). */
    String base(Node item) {
        return Bases.item(item.base, feedLink, fetchUrl);
    }

    boolean full() {
        return read >= FeedParser.MAX_ITEMS;
    }

    /** Adds the item of {@code f} (none when it says nothing at all, as in ROME's path). */
    void add(ItemFields f, Node item) {
        read++;
        Item built = f.build(clock, html, base(item), provenance, ref);
        if (built != null) {
            items.add(built);
        }
    }

    ParsedFeed feed() {
        return new ParsedFeed(ref, title, link, ttl, items);
    }
}
