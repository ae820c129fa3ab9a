package org.feedloom.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;

/** Catalogs for tests that keep one past its store's closing. */
final class Catalogs {
    private Catalogs() {}

    /**
     * {@code catalog} with its lists read into memory: a published catalog reads them from its store's articles
     * snapshot, so a test that compares it after the store closed (with a restart's, say) holds it so first.
     */
    static Catalog held(Catalog catalog) {
        Map<String, List<Article>> lists = new HashMap<>();
        catalog.articles().forEach((slug, list) -> lists.put(slug, List.copyOf(list)));
        return new Catalog(catalog.version(), catalog.topics(), lists, catalog.slugs(), catalog.moved(),
                catalog.stamps());
    }
}
