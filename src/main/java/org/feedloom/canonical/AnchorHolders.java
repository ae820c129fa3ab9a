package org.feedloom.canonical;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The holders of the anchors a change has looked up ({@link MergeState#anchoredBy(long[], int, AnchorHolders)}): for
 * each anchor asked, the keys of the articles that have it, in the order they were added; none for most (a new text's
 * anchors are mostly its own). An open-addressing table of primitive anchors (linear probing): a first fetch of 1,000
 * sources asks about 444,000 anchors, and a map of boxed anchors to sets, built and then probed for each of them, was
 * about 7% of the writer's samples in a prefilled store's first cycle. Not thread-safe.
 */
public final class AnchorHolders {
    private long[] anchors = new long[64];
    /** Null: a free slot; else the anchor's holders ({@link Set#of()} until one is added). */
    private Object[] holders = new Object[64];
    private int size;

    /** The holders of {@code anchor} (empty for none), or null when it was not asked; not to be changed. */
    @SuppressWarnings("unchecked")
    public Set<String> get(long anchor) {
        int slot = find(anchor);
        return slot < 0 ? null : (Set<String>) holders[slot];
    }

    /** Takes {@code anchor} as asked; returns false, changing nothing, when it was asked already. */
    public boolean ask(long anchor) {
        if (find(anchor) >= 0) {
            return false;
        }
        insert(anchor);
        return true;
    }

    /** Adds {@code key} as a holder of {@code anchor}, after those added before; the anchor is asked from then on. */
    @SuppressWarnings("unchecked")
    public void add(long anchor, String key) {
        int slot = find(anchor);
        if (slot < 0) {
            slot = insert(anchor);
        }
        Set<String> held = (Set<String>) holders[slot];
        if (held.isEmpty()) {
            held = new LinkedHashSet<>();
            holders[slot] = held;
        }
        held.add(key);
    }

    /** Every anchor asked with its holders, for tests and messages. */
    @SuppressWarnings("unchecked")
    public Map<Long, Set<String>> toMap() {
        Map<Long, Set<String>> out = new LinkedHashMap<>();
        for (int slot = 0; slot < anchors.length; slot++) {
            if (holders[slot] != null) {
                out.put(anchors[slot], Set.copyOf((Set<String>) holders[slot]));
            }
        }
        return out;
    }

    private int find(long anchor) {
        int mask = anchors.length - 1;
        for (int slot = home(anchor, mask); holders[slot] != null; slot = (slot + 1) & mask) {
            if (anchors[slot] == anchor) {
                return slot;
            }
        }
        return -1;
    }

    /** Puts an anchor not in the table in, with no holder, growing the table first if need be; returns its slot. */
    private int insert(long anchor) {
        if (4 * (size + 1) > 3 * anchors.length) { // at most three slots in four taken
            grow();
        }
        size++;
        return put(anchor, Set.of());
    }

    /** Puts an anchor not in the table into its first free slot; returns the slot. */
    private int put(long anchor, Object held) {
        int mask = anchors.length - 1;
        int slot = home(anchor, mask);
        while (holders[slot] != null) {
            slot = (slot + 1) & mask;
        }
        anchors[slot] = anchor;
        holders[slot] = held;
        return slot;
    }

    private void grow() {
        long[] oldAnchors = anchors;
        Object[] oldHolders = holders;
        anchors = new long[oldAnchors.length * 2];
        holders = new Object[oldHolders.length * 2];
        for (int slot = 0; slot < oldAnchors.length; slot++) {
            if (oldHolders[slot] != null) {
                put(oldAnchors[slot], oldHolders[slot]);
            }
        }
    }

    /** An anchor's first slot: its bits mixed (anchors are the smallest of many hashes, so their high bits agree). */
    private static int home(long anchor, int mask) {
        long h = anchor * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & mask;
    }
}
