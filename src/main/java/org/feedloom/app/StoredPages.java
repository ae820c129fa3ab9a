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

/**
 * The deeper pages of a restarted server's start-up catalog, read from the store: that catalog holds every topic's
 * first page only (what the last run published), and until everything stored is merged again, page N of a topic is
 * read from the store's articles snapshot, page by page, and published as the current rules publish the start-up
 * catalog ({@link Aggregator#asPublished}). A topic's stored articles are those listed under the topic names the
 * start-up catalog gives its slug; their count is read once per topic, as the articles snapshot is written only
 * once the merged catalog is built. Once the merged catalog replaces the start-up one (a higher version), it holds
 * every page and this gives none. Thread-safe.
 */
final class StoredPages implements PageSource {
    private record Started(ArticleStore store, Aggregator aggregator, Catalog catalog,
                           Map<List<String>, Integer> counts) {}

    private volatile Started started;

    /** Serves the deeper pages of {@code startup}, the catalog {@code aggregator} published from {@code store}. */
    void serve(ArticleStore store, Aggregator aggregator, Catalog startup) {
        started = new Started(store, aggregator, startup, new java.util.concurrent.ConcurrentHashMap<>());
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
        boolean all = topic.slug().equals(Topic.ALL_SLUG);
        List<String> names = all ? List.of() : catalog.slugs().entrySet().stream()
                .filter(e -> e.getValue().equals(topic.slug())).map(Map.Entry::getKey).sorted().toList();
        boolean none = !all && names.isEmpty(); // a configured topic no article is under
        int count = none ? 0 : s.counts.computeIfAbsent(names, s.store::topicCount); // the store is not written to
        int pages = TopicPage.pageCount(count, size);
        if (page > pages) {
            return null;
        }
        List<Article> stored = none ? List.of() : s.store.topicPage(names, (page - 1) * size, size);
        List<Article> entries = s.aggregator.asPublished(stored);
        Map<String, String> slugs = new HashMap<>();
        entries.forEach(a -> a.topics().forEach(name -> slugs.put(name, s.aggregator.slugOf(name))));
        return new TopicPage(topic, entries, page, pages, count, slugs);
    }
}
