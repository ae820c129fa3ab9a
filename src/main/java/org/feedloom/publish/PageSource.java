package org.feedloom.publish;

import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;

/**
 * Where the pages of a catalog's topics come from when its lists are not every article of their topics: a
 * restarted server publishes the newest stored articles of each topic at once and merges the rest later, and
 * meanwhile every Atom and HTML page of a topic (the first too: its paging links and counts are the topic's) is read
 * from the store page by page, and the topics' article counts (the index page, {@code /healthz}, {@code /status})
 * come from there too. Implementations are thread-safe.
 */
public interface PageSource {
    /** No pages besides the catalog's. */
    PageSource NONE = new PageSource() {
        @Override
        public boolean extendsCatalog(Catalog catalog) {
            return false;
        }

        @Override
        public TopicPage page(Catalog catalog, Topic topic, int page, int size) {
            return null;
        }

        @Override
        public int count(Catalog catalog, Topic topic) {
            return catalog.articlesOf(topic.slug()).size();
        }
    };

    /** Whether the pages of {@code catalog}'s topics come from here (asked before the cache, so cheap). */
    boolean extendsCatalog(Catalog catalog);

    /**
     * Page {@code page} of {@code topic}, {@code size} articles a page, or null when there is no such page; only
     * asked when {@link #extends_} says so. May read the store.
     */
    TopicPage page(Catalog catalog, Topic topic, int page, int size);

    /** How many articles {@code topic} has; only asked when {@link #extendsCatalog} says so. May read the store. */
    int count(Catalog catalog, Topic topic);
}
