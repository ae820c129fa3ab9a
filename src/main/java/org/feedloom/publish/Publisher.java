package org.feedloom.publish;

import java.time.Instant;
import java.util.Optional;
import org.feedloom.model.Catalog;
import org.feedloom.model.Explanation;
import org.feedloom.model.Topic;

/**
 * The published documents of a catalog, rendered once per change and base URL and then served from the
 * {@link FeedCache}: a topic's documents once per {@link Catalog#stampOf stamp} of the topic (a rebuild that leaves
 * a topic alone leaves them cached), the documents listing every topic (OPML, the index page) once per catalog
 * version. Thread-safe.
 */
public final class Publisher {
    public static final String ATOM = "application/atom+xml; charset=utf-8";
    public static final String RSS = "application/rss+xml; charset=utf-8";
    public static final String JSON_FEED = "application/feed+json; charset=utf-8";
    public static final String OPML = "text/x-opml; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";

    private final FeedCache cache;
    private final AtomRenderer atom;
    private final RssRenderer rss;
    private final JsonFeedRenderer jsonFeed;
    private final OpmlRenderer opml;
    private final HtmlPages pages;
    private final SiteInfo site;
    private final PageSource deeper;

    public Publisher(SiteInfo site, FeedCache cache) {
        this(site, cache, PageSource.NONE);
    }

    /** @param deeper where the pages beyond a catalog's come from, when they do */
    public Publisher(SiteInfo site, FeedCache cache, PageSource deeper) {
        this(site, cache, deeper, new HtmlPages(site));
    }

    /** A publisher whose HTML pages are {@code pages} (a test's, that lets markup through). */
    Publisher(SiteInfo site, FeedCache cache, PageSource deeper, HtmlPages pages) {
        this.site = site;
        this.deeper = deeper;
        this.cache = cache;
        this.atom = new AtomRenderer(site);
        this.rss = new RssRenderer(site);
        this.jsonFeed = new JsonFeedRenderer(site);
        this.opml = new OpmlRenderer(site);
        this.pages = pages;
    }

    /**
     * Renders the feeds of the catalog's first topic {@code times} times and throws them away: loads the renderers'
     * code and has the JIT compile it before requests need it. A running server renders a document once per
     * catalog version, too rarely for the JIT to compile the renderers on its own, so without this every render
     * runs interpreted. For start-up, off the request path; nothing is cached.
     */
    public void warmUp(Catalog catalog, int times) {
        Topic topic = catalog.topics().get(0);
        Instant updated = catalog.updatedOf(topic.slug());
        String base = "http://warm-up.invalid/";
        for (int i = 0; i < times; i++) {
            RenderedFeed.of(atom.render(catalog, topic, base), updated, ATOM);
            RenderedFeed.of(rss.render(catalog, topic, base), updated, RSS);
            RenderedFeed.of(jsonFeed.render(catalog, topic, base), updated, JSON_FEED);
        }
    }

    /** The Atom feed of topic {@code slug}, or empty if the catalog has no such topic. */
    public Optional<RenderedFeed> atom(Catalog catalog, String slug, String baseUrl) {
        String name = "atom:" + slug;
        return catalog.topic(slug).flatMap(topic -> deeper.extendsCatalog(catalog)
                ? storedPage(catalog, topic, 1, name, baseUrl, cut -> atom.renderPage(cut, baseUrl, false), ATOM)
                : Optional.of(cache.get(catalog.stampOf(slug), name, baseUrl,
                        () -> RenderedFeed.of(atom.render(catalog, topic, baseUrl), catalog.updatedOf(slug), ATOM))));
    }

    /**
     * Page {@code page} of the paged Atom feed of topic {@code slug} (RFC 5005); empty for an unknown topic or a
     * page out of range.
     */
    public Optional<RenderedFeed> atomPage(Catalog catalog, String slug, int page, String baseUrl) {
        return catalog.topic(slug).flatMap(topic -> {
            String name = "atom:" + slug + "?page=" + page;
            if (deeper.extendsCatalog(catalog)) {
                return storedPage(catalog, topic, page, name, baseUrl, cut -> atom.renderPage(cut, baseUrl, true),
                        ATOM);
            }
            if (page < 1 || page > atom.pageCount(catalog.articlesOf(slug).size())) {
                return Optional.empty();
            }
            return Optional.of(cache.get(catalog.stampOf(slug), name, baseUrl,
                    () -> RenderedFeed.of(atom.renderPage(catalog, topic, baseUrl, page, true),
                            catalog.updatedOf(slug), ATOM)));
        });
    }

    /**
     * A page of a topic read through {@link #deeper}, for a catalog it extends (whose lists are not every article
     * of their topics, so neither their pages nor their counts are the topic's): cached under a name of its own,
     * so it never stands in for a page of a catalog that holds every article.
     */
    private Optional<RenderedFeed> storedPage(Catalog catalog, Topic topic, int page, String name, String baseUrl,
                                              java.util.function.Function<TopicPage, byte[]> render, String type) {
        return Optional.ofNullable(cache.get(catalog.stampOf(topic.slug()), name + "@stored", baseUrl, () -> {
            TopicPage cut = deeper.page(catalog, topic, page, site.maxEntries());
            return cut == null ? null : RenderedFeed.of(render.apply(cut), catalog.updatedOf(topic.slug()), type);
        }));
    }

    /** The RSS 2.0 feed of topic {@code slug}, or empty if the catalog has no such topic. */
    public Optional<RenderedFeed> rss(Catalog catalog, String slug, String baseUrl) {
        return catalog.topic(slug).map(topic -> cache.get(catalog.stampOf(slug), "rss:" + slug, baseUrl,
                () -> RenderedFeed.of(rss.render(catalog, topic, baseUrl),
                        catalog.updatedOf(slug), RSS)));
    }

    /** The JSON Feed 1.1 of topic {@code slug}, or empty if the catalog has no such topic. */
    public Optional<RenderedFeed> jsonFeed(Catalog catalog, String slug, String baseUrl) {
        return catalog.topic(slug).map(topic -> cache.get(catalog.stampOf(slug), "json:" + slug, baseUrl,
                () -> RenderedFeed.of(jsonFeed.render(catalog, topic, baseUrl),
                        catalog.updatedOf(slug), JSON_FEED)));
    }

    public RenderedFeed opml(Catalog catalog, String baseUrl) {
        return cache.get(catalog.version(), "opml", baseUrl, () -> RenderedFeed.of(
                opml.render(catalog, baseUrl), catalog.updatedOf(Topic.ALL_SLUG), OPML));
    }

    public RenderedFeed indexPage(Catalog catalog, String baseUrl) {
        return cache.get(catalog.version(), "index", baseUrl, () -> RenderedFeed.of(
                pages.index(catalog, baseUrl, slug -> countOf(catalog, slug)), catalog.updatedOf(Topic.ALL_SLUG),
                HTML));
    }

    /** The page that says how an article's entry was made (not cached: the evidence behind it may change). */
    public byte[] articlePage(Catalog catalog, Explanation why, String baseUrl) {
        return pages.article(catalog, why, baseUrl);
    }

    /**
     * How many articles topic {@code slug} has (0 for an unknown one): the catalog's count, or the store's while
     * the catalog holds only the newest (see {@link PageSource}).
     */
    public int countOf(Catalog catalog, String slug) {
        return catalog.topic(slug).map(topic -> deeper.extendsCatalog(catalog) ? deeper.count(catalog, topic)
                : catalog.articlesOf(slug).size()).orElse(0);
    }

    /** Page {@code page} of a topic's HTML page, or empty for an unknown topic or page. */
    public Optional<RenderedFeed> topicPage(Catalog catalog, String slug, int page, String baseUrl) {
        return catalog.topic(slug).flatMap(topic -> {
            String name = "page:" + slug + "?page=" + page + "@" + catalog.topicsStamp();
            if (deeper.extendsCatalog(catalog)) {
                return storedPage(catalog, topic, page, name, baseUrl, cut -> pages.topic(catalog, cut, baseUrl), HTML);
            }
            return Optional.ofNullable(cache.get(catalog.stampOf(slug), name, baseUrl, () -> {
                byte[] html = pages.topic(catalog, slug, page, baseUrl);
                return html == null ? null : RenderedFeed.of(html, catalog.updatedOf(slug), HTML);
            }));
        });
    }
}
