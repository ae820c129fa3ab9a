package org.feedloom.canonical;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import org.feedloom.model.Item;

/**
 * The anchors of item texts under one {@link FoldRule} ({@link Fingerprint#anchors}), read once and kept while the
 * text is. Reading them is most of what folding costs a merge, and a merge runs on one thread; they depend on the
 * text alone, so whoever has the items first (a fetch worker, once it has parsed a feed) can read them ahead of the
 * merge ({@link #prepare}), and a text merged again (an article's part of a later change) is not read again.
 *
 * <p>A text is found by its content string's identity, as the merge holds the items' own strings (hashing a body
 * to find it would read all of it, where its anchors read only its start), and its excerpt must be the same object
 * too. Entries are held weakly by their content: one goes when nothing else holds that string. Thread-safe; the
 * arrays it gives are shared and must not be changed.
 */
public final class TextAnchors {
    private static final long[] NONE = new long[0];

    /** A text's excerpt (null when the key is the excerpt itself, the content being null) and its anchors. */
    private record Entry(String excerpt, long[] anchors) {}

    private final FoldRule rule;
    /** By content, or by excerpt when there is no content; weak keys compare by identity. */
    private final Cache<String, Entry> byText = Caffeine.newBuilder().weakKeys().executor(Runnable::run).build();

    /** Anchors read as {@code rule} reads them (none when it does not fold). */
    public TextAnchors(FoldRule rule) {
        this.rule = rule;
    }

    /** The rule the anchors are read under. */
    public FoldRule rule() {
        return rule;
    }

    /** Reads the anchors of the items' texts and of their related mentions', so that a merge finds them read. */
    public void prepare(Collection<Item> items) {
        if (rule.enabled()) {
            for (Item item : ArticleMerger.flatten(java.util.List.copyOf(items))) {
                of(item.excerpt(), item.content());
            }
        }
    }

    /** The anchors of an excerpt and content (either may be null), read now unless they were already. */
    long[] of(String excerpt, String content) {
        if (!rule.enabled()) {
            return NONE;
        }
        String key = content != null ? content : excerpt;
        if (key == null) {
            return Fingerprint.anchors(null, null, rule.minShingles());
        }
        String entryExcerpt = content != null ? excerpt : null;
        Entry entry = byText.getIfPresent(key);
        if (entry != null && entry.excerpt() == entryExcerpt) {
            return entry.anchors();
        }
        long[] anchors = Fingerprint.anchors(excerpt, content, rule.minShingles());
        byText.put(key, new Entry(entryExcerpt, anchors));
        return anchors;
    }

    /** How many texts' anchors are kept (after the entries of texts no longer held are dropped). */
    long size() {
        byText.cleanUp();
        return byText.estimatedSize();
    }
}
