package org.feedloom.app;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
    /**
     * What the snapshot's rows this rebuild read published, by key (null for a key it has no row of): their topics
     * and the hashes the rows keep, not the rows, so that a rebuild touching every key (a restart's) neither holds
     * nor parses a copy of the archive.
     */
    private Map<String, Published> read = new HashMap<>();
    /** The snapshot's rows read whole this rebuild (to be shown again with other links), by key. */
    private Map<String, Article> readWhole = new HashMap<>();

    /**
     * What an article as published was: its topic names, the hash of its snapshot row
     * ({@link ArticleStore#rowHashOf}) and its publication.
     */
    record Published(List<String> topics, String rowHash, java.time.Instant published) {
        static Published of(Article article) {
            return article == null ? null
                    : new Published(article.topics(), ArticleStore.rowHashOf(article), article.published());
        }

        /** Whether {@code article} is what was published (its row the same). */
        boolean sameAs(Article article) {
            return rowHash.equals(ArticleStore.rowHashOf(article));
        }
    }

    ShownTable(ArticleStore store) {
        this.store = store;
    }

    /** The article shown under {@code key}, or null: its snapshot row read whole, unless shown since the last sync. */
    Article get(String key) {
        if (pending.containsKey(key)) {
            return pending.get(key);
        }
        readWhole(List.of(key));
        return readWhole.get(key);
    }

    /** What the article shown under {@code key} is ({@link Published}), or null when none is. */
    Published published(String key) {
        if (pending.containsKey(key)) {
            return Published.of(pending.get(key));
        }
        readAhead(List.of(key));
        return read.get(key);
    }

    /** When the article shown under {@code key} was published, or null when none is (not hashed, as published's). */
    java.time.Instant publishedAt(String key) {
        if (pending.containsKey(key)) {
            Article a = pending.get(key);
            return a == null ? null : a.published();
        }
        Published p = published(key);
        return p == null ? null : p.published();
    }

    /** Whether an article is shown under {@code key} (one shown since the last sync is not hashed to say so). */
    boolean containsKey(String key) {
        return pending.containsKey(key) ? pending.get(key) != null : published(key) != null;
    }

    /** Reads the snapshot's rows of those of {@code keys} not shown since the last sync, whole, at once. */
    void readWhole(Collection<String> keys) {
        readMissing(keys, readWhole, store::publishedByKeys);
    }

    void put(Article article) {
        pending.put(article.key(), article);
    }

    void remove(String key) {
        pending.put(key, GONE);
    }

    /**
     * Reads what the snapshot's rows of those of {@code keys} not known yet published, at once: call before touching a
     * run of keys.
     *
     * @throws org.feedloom.store.StoreException when the store cannot be read
     */
    void readAhead(Collection<String> keys) {
        readMissing(keys, read, unknown -> { // the rows' topics and hashes, not their articles
            Map<String, Published> published = new HashMap<>();
            store.publishedRows(unknown).forEach((key, row) -> published.put(key, new Published(row.topics(),
                    row.hash(), row.published())));
            return published;
        });
    }

    /**
     * Puts in {@code into} what {@code read} gives for those of {@code keys} neither shown since the last sync nor
     * in it yet, null for a key it gives nothing for (no row): one read for all of them.
     */
    private <T> void readMissing(Collection<String> keys, Map<String, T> into,
                                 Function<List<String>, Map<String, T>> read) {
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            if (!pending.containsKey(key) && !into.containsKey(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            Map<String, T> found = read.apply(unknown);
            unknown.forEach(key -> into.put(key, found.get(key)));
        }
    }

    /** Forgets the rows read: at the end of each rebuild, whose sync may change them. */
    void forgetRead() {
        read = new HashMap<>(); // not cleared: a restart's read holds every key, and a cleared map keeps its table
        readWhole = new HashMap<>();
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
