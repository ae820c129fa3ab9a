package org.feedloom.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;
import org.feedloom.publish.PageSource;
import org.feedloom.publish.TopicPage;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.TopicPosition;

/**
 * The pages and counts of a restarted server's start-up catalog, read from the store: that catalog holds only the
 * newest articles of every topic (what the last run published), so until everything stored is merged again every
 * page of a topic is read from the store's articles snapshot, page by page (a deep page from where it starts, so it
 * costs what the first does), and published as the current rules
 * publish the start-up catalog ({@link Aggregator#asPublished}). A topic's stored articles are those listed under
 * the topic names the start-up catalog gives its slug; their count is read once per topic, as the articles snapshot
 * is written only once the merged catalog is built. Once the merged catalog replaces the start-up one (a higher
 * version), this gives none: that catalog's lists read the snapshot themselves ({@link
 * org.feedloom.store.TopicList}), as written under the current rules. Thread-safe.
 */
final class StoredPages implements PageSource {
    private record Started(ArticleStore store, Aggregator aggregator, Catalog catalog,
                           Map<List<String>, Integer> counts, Map<List<String>, List<TopicPosition>> starts) {}

    private volatile Started started;

    /** Serves the pages of {@code startup}, the catalog {@code aggregator} published from {@code store}. */
    void serve(ArticleStore store, Aggregator aggregator, Catalog startup) {
        started = new Started(store, aggregator, startup, new java.util.concurrent.ConcurrentHashMap<>(),
                new java.util.concurrent.ConcurrentHashMap<>());
    }

    @Override
    public boolean extendsCatalog(Catalog catalog) {
        Started s = started;
        return s != null && s.catalog.version() == catalog.version();
    }

    @Override
    public TopicPage page(Catalog catalog, Topic topic, int page, int size) {
        Started s = started;
        if (s == null || page < 1) {
            return null;
        }
        List<String> names = names(catalog, topic);
        int count = count(s, topic, names);
        int pages = TopicPage.pageCount(count, size);
        if (page > pages) {
            return null;
        }
        List<Article> stored = count == 0 ? List.of() : page == 1 ? s.store.topicPage(names, 0, size)
                : s.store.topicPageFrom(names, starts(s, names, size).get(page - 1), size);
        List<Article> entries = s.aggregator.asPublished(stored);
        Map<String, String> slugs = new HashMap<>();
        entries.forEach(a -> a.topics().forEach(name -> slugs.put(name, s.aggregator.slugOf(name))));
        return new TopicPage(topic, entries, page, pages, count, slugs);
    }

    @Override
    public int count(Catalog catalog, Topic topic) {
        Started s = started;
        return s == null ? catalog.articlesOf(topic.slug()).size() : count(s, topic, names(catalog, topic));
    }

    /** The topic index's names of a topic: none for all articles, else the names the catalog gives its slug. */
    private static List<String> names(Catalog catalog, Topic topic) {
        return topic.slug().equals(Topic.ALL_SLUG) ? List.of() : catalog.slugs().entrySet().stream()
                .filter(e -> e.getValue().equals(topic.slug())).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * Where each page of a topic's stored articles starts (read once per topic, in one pass of its index, so that a
     * deep page is read from where it starts: keyset paging). The snapshot is not written meanwhile, and every page
     * has {@code size} articles (the site's page size), so the positions stay true.
     */
    private static List<TopicPosition> starts(Started s, List<String> names, int size) {
        return s.starts.computeIfAbsent(names, n -> s.store.topicPageStarts(n, size));
    }

    /** How many stored articles {@code topic} has, under {@code names} (0 for a topic no article is under). */
    private static int count(Started s, Topic topic, List<String> names) {
        if (names.isEmpty() && !topic.slug().equals(Topic.ALL_SLUG)) {
            return 0; // a configured topic no article is under: no names, which would mean all articles
        }
        return s.counts.computeIfAbsent(names, s.store::topicCount); // the snapshot is not written meanwhile
    }
}
