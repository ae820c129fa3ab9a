package org.feedloom.publish;

import org.feedloom.model.Checks;

/**
 * What published documents say about the site: its title, the feed-level author, the generator version, the
 * number of entries per feed, and the WebSub hub every feed announces.
 *
 * @param hub absolute URL of the WebSub hub announced as {@code rel="hub"} in every feed; null: none
 */
public record SiteInfo(String title, String author, String version, int maxEntries, String hub) {
    public SiteInfo {
        Checks.notNull(title, "title");
        Checks.notNull(author, "author");
        Checks.notNull(version, "version");
        Checks.argument(maxEntries > 0, "maxEntries must be positive");
        Checks.argument(hub == null || hub.startsWith("http://") || hub.startsWith("https://"),
                "hub must be an absolute http(s) URL");
    }

    /**
     * The entries a single-document feed of a topic shows: its newest {@code maxEntries} articles, their texts
     * read from the store at once ({@link org.feedloom.model.Article#withTextsHeld}).
     *
     * @param catalog the catalog whose topic it is
     * @param topic   one of its topics
     */
    public java.util.List<org.feedloom.model.Article> firstPage(org.feedloom.model.Catalog catalog,
                                                                org.feedloom.model.Topic topic) {
        java.util.List<org.feedloom.model.Article> articles = catalog.articlesOf(topic.slug());
        return org.feedloom.model.Article.withTextsHeld(articles.subList(0, Math.min(articles.size(), maxEntries)));
    }

    /** A site without a WebSub hub. */
    public SiteInfo(String title, String author, String version, int maxEntries) {
        this(title, author, version, maxEntries, null);
    }
}
