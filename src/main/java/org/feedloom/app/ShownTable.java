package org.feedloom.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.store.ArticleStore;

/**
 * The shown articles by key, as the store's articles snapshot holds them once synced: memory holds only those shown
 * since the last sync that passed ({@link #pending}, and the keys taken out since), and, for the rebuild under way,
 * the snapshot's rows it read. So a server's heap does not grow with its archive; a rebuild reads the rows of the
 * keys it touches, a run of them at a time ({@link #readAhead}). Not thread-safe: the aggregator's rebuild owns it.
 */
final class ShownTable {
    /** In {@link #pending}, a key taken out of the shown ones (its row goes at the next sync). */
    private static final Article GONE = null;

    private final ArticleStore store;
    /** Shown (or taken out: {@link #GONE}) since the last sync that passed, by key. */
    private Map<String, Article> pending = new HashMap<>();
    /** The snapshot's rows this rebuild read, by key; null for a key it has no row of. */
    private Map<String, Article> read = new HashMap<>();

    ShownTable(ArticleStore store) {
        this.store = store;
    }

    /** The article shown under {@code key}, or null. */
    Article get(String key) {
        if (pending.containsKey(key)) {
            return pending.get(key);
        }
        if (!read.containsKey(key)) {
            readAhead(List.of(key));
        }
        return read.get(key);
    }

    boolean containsKey(String key) {
        return get(key) != null;
    }

    void put(Article article) {
        pending.put(article.key(), article);
    }

    void remove(String key) {
        pending.put(key, GONE);
    }

    /**
     * Reads the snapshot's rows of those of {@code keys} not known yet, at once: call before touching a run of keys.
     *
     * @throws org.feedloom.store.StoreException when the store cannot be read
     */
    void readAhead(Collection<String> keys) {
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            if (!pending.containsKey(key) && !read.containsKey(key)) {
                unknown.add(key);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        Map<String, Article> rows = store.publishedByKeys(unknown);
        for (String key : unknown) {
            read.put(key, rows.get(key));
        }
    }

    /** Forgets the rows read: at the end of each rebuild, whose sync may change them. */
    void forgetRead() {
        read = new HashMap<>(); // not cleared: a restart's read holds every row, and a cleared map keeps its table
    }

    /** The shown articles the snapshot does not hold yet (in no order), and the keys whose rows go there. */
    Map<String, Article> pending() {
        return pending;
    }

    /** Takes what was pending as synced: the snapshot holds it now. */
    void synced() {
        pending = new HashMap<>();
    }
}
