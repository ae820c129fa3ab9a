package org.feedloom.store;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;
import org.feedloom.model.Article;
import org.feedloom.model.Checks;

/**
 * A topic's articles as the articles snapshot lists them (newest first, {@link ArticleStore#topicPage}'s order), read
 * from the store a block at a time as they are asked for: what a catalog published after its sync holds instead of
 * its articles, so that memory holds none of the archive's articles for its pages. A block is read once and kept
 * (a few at most); the first from the head of the topic index, a deeper one from where it starts, found in one pass
 * of the index the first time a deep block is asked for (keyset paging: the deepest page costs what the first does).
 *
 * <p>Its size is given, not read: the count the catalog keeps of what it synced. The snapshot changes only by a
 * sync, after which a new catalog holds new lists for the topics it changed, so the rows agree with the size; where
 * they do not (another instance syncing a shared database meanwhile), {@link #subList} gives the rows there are and
 * {@link #get} fails for a missing one. Thread-safe; {@code equals} and {@code hashCode} read every article, for
 * tests.
 */
public final class TopicList extends AbstractList<Article> implements RandomAccess {
    /** How many blocks a list keeps: a topic's first pages, and a crawler's current ones. */
    private static final int BLOCKS_KEPT = 4;

    private final ArticleStore store;
    private final List<String> topicNames;
    private final int size;
    private final int block;
    private final Map<Integer, List<Article>> blocks = new ConcurrentHashMap<>();
    private volatile List<TopicPosition> starts;

    /**
     * The articles listed under any of {@code topicNames} (all articles when empty), {@code size} of them, read
     * {@code block} at a time (the site's page size, so that a page is one read).
     */
    public TopicList(ArticleStore store, List<String> topicNames, int size, int block) {
        Checks.argument(size >= 0, "size must not be negative");
        Checks.argument(block > 0, "block must be positive");
        this.store = store;
        this.topicNames = List.copyOf(topicNames);
        this.size = size;
        this.block = block;
    }

    /** The topic names it lists the articles of (none: all articles). */
    public List<String> topicNames() {
        return topicNames;
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * @throws StoreException            when the store cannot be read
     * @throws IndexOutOfBoundsException for an index beyond the size, or one the snapshot has no row at
     */
    @Override
    public Article get(int index) {
        java.util.Objects.checkIndex(index, size);
        List<Article> rows = block(index / block);
        int at = index % block;
        if (at >= rows.size()) {
            throw new IndexOutOfBoundsException("the articles snapshot has no row " + index + " of " + size
                    + " under " + topicNames);
        }
        return rows.get(at);
    }

    /** The articles from {@code from} to {@code to} (exclusive) that the snapshot has: read by blocks, copied. */
    @Override
    public List<Article> subList(int from, int to) {
        java.util.Objects.checkFromToIndex(from, to, size);
        List<Article> out = new java.util.ArrayList<>(to - from);
        for (int i = from; i < to; ) {
            List<Article> rows = block(i / block);
            int at = i % block;
            int end = Math.min(rows.size(), at + (to - i));
            if (at >= end) {
                break; // fewer rows than counted
            }
            out.addAll(rows.subList(at, end));
            i += end - at;
        }
        return java.util.Collections.unmodifiableList(out);
    }

    private List<Article> block(int n) {
        List<Article> rows = blocks.get(n);
        if (rows == null) {
            rows = List.copyOf(n == 0 ? store.topicPage(topicNames, 0, block) : readFromStart(n));
            if (blocks.size() >= BLOCKS_KEPT) {
                blocks.clear();
            }
            blocks.put(n, rows);
        }
        return rows;
    }

    private List<Article> readFromStart(int n) {
        List<TopicPosition> found = starts;
        if (found == null) {
            found = store.topicPageStarts(topicNames, block);
            starts = found;
        }
        return n < found.size() ? store.topicPageFrom(topicNames, found.get(n), block) : List.of();
    }
}
