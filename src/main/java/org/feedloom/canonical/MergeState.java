package org.feedloom.canonical;

import java.util.List;
import java.util.Set;
import org.feedloom.model.Article;
import org.feedloom.model.Item;

/**
 * What {@link MergedArticles} keeps between changes: every merged article with its members (the items merged into
 * it, related mentions flattened into items of their own), the alias index (alias key to the article owning it),
 * the related references (which articles' members name an alias key as a related link) and the anchor index (which
 * articles' texts have an anchor, so that a new text finds the ones it may fold with). {@link #inMemory()} keeps
 * it in maps; the store keeps it in its database, so that an archive's size costs no memory.
 *
 * <p>An implementation need not be thread-safe: {@link MergedArticles} calls it from one writer at a time. Each
 * change calls {@link #remove} for the articles it merges again, then {@link #put} for what they became; an
 * implementation that writes to a database makes the two one transaction.
 */
public interface MergeState {

    /** The merged article of {@code key}, or null. */
    Article article(String key);

    /** The merged article that owns {@code aliasKey}, or null. */
    Article ownerOf(String aliasKey);

    /** The members of the article of {@code key}, in the order they were put; empty if there is no such article. */
    List<Item> members(String articleKey);

    /** The anchors put with the article of {@code key} (empty if none, or if there is no such article). */
    long[] anchors(String articleKey);

    /** The keys of the articles whose members name {@code aliasKey} as a related link (empty if none). */
    Set<String> referrers(String aliasKey);

    /**
     * The {@link FoldStamp}s of the article of {@code articleKey}, one for each group of its members; empty when there
     * is no such article. A store keeps them with the article, so a merge asks them without reading its members.
     */
    default List<FoldStamp> foldStamps(String articleKey) {
        return FoldStamp.of(members(articleKey));
    }

    /**
     * The keys of the articles one of whose groups' texts has {@code anchor} ({@link Fingerprint#anchors}); when
     * more than {@code limit} have it, any {@code limit + 1} of them or more (the caller only needs to know there are
     * more: an anchor that common is boilerplate, not a piece).
     */
    Set<String> anchoredBy(long anchor, int limit);

    /**
     * {@link #anchoredBy(long, int)} of each of {@code anchors} that {@code into} has not asked yet, added to it (each
     * asked, with its holders if it has some): what a change looks up for all its new texts at once, so that a state
     * in a database reads them in a few statements rather than one each.
     */
    default void anchoredBy(long[] anchors, int limit, AnchorHolders into) {
        for (long anchor : anchors) {
            if (into.ask(anchor)) {
                anchoredBy(anchor, limit).forEach(key -> into.add(anchor, key));
            }
        }
    }

    /** Takes an article out: the article, its alias keys, its members, the references its members made, its anchors. */
    void remove(String articleKey);

    /**
     * Puts an article in, with its members, the alias keys its members name as related links and the anchors of its
     * texts. Its key and alias keys are free: no other article holds them (a change removes every article it merges
     * again first).
     */
    void put(Article article, List<Item> members, Set<String> relatedKeys, long[] anchors);

    /** How many articles there are. */
    int size();

    /** Whether there are none (asked once a change: a state in a database answers without counting). */
    default boolean isEmpty() {
        return size() == 0;
    }

    /** Every article, sorted by key. */
    List<Article> articles();

    /** Every article's key, sorted: what {@link #articles()} would list, without reading or building the articles. */
    List<String> keys();

    /** A state kept in memory, empty. */
    static MergeState inMemory() {
        return new MemoryMergeState();
    }
}
