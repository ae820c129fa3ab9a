package org.feedloom.parse;

/**
 * The one rule for what a feed's relative URLs resolve against, used by every path (ROME's, the StAX fast path,
 * JSON Feed). An item's links, enclosures and images resolve against the nearest {@code xml:base} in scope (on
 * the item or entry, then the channel or feed, then the root element; a relative {@code xml:base} resolves
 * against the one enclosing it, the outermost against the fetch URL, as XML Base says), else the feed's own
 * alternate link (itself resolved against the {@code xml:base} in scope at the channel or feed, else the fetch
 * URL), else the fetch URL — the URL the body came from after redirects.
 *
 * <p>An item's HTML resolves the same way, with the {@code xml:base} in scope at the element that holds it (a
 * summary or content element may carry its own, as WordPress writes the post's URL there), except that without
 * any {@code xml:base} in scope it resolves against the item's own link (the page it was written for) before the
 * feed's; and same-document references — an empty {@code href} or a bare {@code #fragment}, as footnotes are
 * written — point into the item's own page whenever it has a link, since a feed's {@code xml:base} is often the
 * site's root. {@code xml:base} on other elements below the item (a {@code link}, a {@code media:content}) is
 * not read by any path.
 *
 * <p>An {@code xml:base} that does not resolve to an absolute http(s) URL ({@code javascript:}, a bare
 * {@code urn:}, an empty value) is ignored: the enclosing base stays in scope. Pure.
 */
final class Bases {
    static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private Bases() {}

    /**
     * The {@code xml:base} in scope inside an element: its own {@code xmlBase} (may be null) resolved against the
     * {@code enclosing} scope, or against {@code fetchUrl} when nothing encloses it; the enclosing scope when it
     * has none or an unusable one. Null when no {@code xml:base} is in scope.
     */
    static String scope(String enclosing, String xmlBase, String fetchUrl) {
        if (xmlBase == null) {
            return enclosing;
        }
        String resolved = Links.http(xmlBase, enclosing != null ? enclosing : fetchUrl);
        return resolved != null ? resolved : enclosing;
    }

    /** The base of the feed's own links: the {@code xml:base} in scope at the channel or feed, else the fetch URL. */
    static String feed(String scope, String fetchUrl) {
        return scope != null ? scope : fetchUrl;
    }

    /**
     * The base of an item's links and images: the {@code xml:base} in scope at the item, else the feed's resolved
     * alternate link (may be null), else the fetch URL.
     */
    static String item(String scope, String feedLink, String fetchUrl) {
        return scope != null ? scope : feedLink != null ? feedLink : fetchUrl;
    }

    /**
     * The base of an item's HTML: the {@code xml:base} in scope at the element holding it, else the item's
     * resolved link (may be null), else {@code itemBase} (from {@link #item}). Same-document references are the
     * sanitiser's to point into the item's link.
     */
    static String html(String scope, String itemLink, String itemBase) {
        return scope != null ? scope : itemLink != null ? itemLink : itemBase;
    }
}
