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
 * start-up catalog gives its slug. Once the merged catalog replaces the start-up one (a higher version), it holds
 * every page and this gives none. Thread-safe.
 */
final class StoredPages implements PageSource {
    private record Started(ArticleStore store, Aggregator aggregator, Catalog catalog) {}

    private volatile Started started;

    /** Serves the deeper pages of {@code startup}, the catalog {@code aggregator} published from {@code store}. */
    void serve(ArticleStore store, Aggregator aggregator, Catalog startup) {
        started = new Started(store, aggregator, startup);
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
        ArticleStore.StoredPage stored = !all && names.isEmpty()
                ? new ArticleStore.StoredPage(List.of(), 0) // a configured topic no article is under
                : s.store.topicPage(names, (page - 1) * size, size);
        int pages = TopicPage.pageCount(stored.total(), size);
        if (page > pages) {
            return null;
        }
        List<Article> entries = s.aggregator.asPublished(stored.articles());
        Map<String, String> slugs = new HashMap<>();
        entries.forEach(a -> a.topics().forEach(name -> slugs.put(name, s.aggregator.slugOf(name))));
        return new TopicPage(topic, entries, page, pages, stored.total(), slugs);
    }
}
