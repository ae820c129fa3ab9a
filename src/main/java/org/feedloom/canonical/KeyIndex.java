package org.feedloom.canonical;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A 64-bit hash (a text's anchor, a term on a day) to the keys of the articles that have it, in primitive arrays: an
 * open-addressing table of {@code long} hashes (linear probing, deletion by shifting back) whose value is one key, or
 * a list of keys when several articles share the hash. About 24 bytes an entry instead of the 150 or so a map of
 * boxed hashes to sets takes; an archive holds up to {@value Fingerprint#ANCHORS} anchors and
 * {@value StoryTerms#MAX} terms an article. Not thread-safe.
 */
final class KeyIndex {
    private long[] anchors = new long[16];
    /**
     * Null: a free slot; a String: one key; a String[] of exactly its keys: two to {@link #SMALL}; an ArrayList of
     * Strings: more (a boilerplate anchor, a name of the day), so that adding costs the same however many share it.
     */
    private Object[] keys = new Object[16];
    private int size;
    private static final int SMALL = 8;

    Set<String> get(long anchor) {
        return get(anchor, Integer.MAX_VALUE - 1);
    }

    /**
     * The keys {@code anchor} has; when more than {@code limit} have it, the first {@code limit + 1} (a caller that
     * only needs to know there are more does not copy a boilerplate anchor's thousands of keys).
     */
    Set<String> get(long anchor, int limit) {
        int slot = find(anchor);
        if (slot < 0) {
            return Set.of();
        }
        if (keys[slot] instanceof String one) {
            return Set.of(one);
        }
        List<String> many = many(slot);
        return new LinkedHashSet<>(many.size() > limit + 1 ? many.subList(0, limit + 1) : many);
    }

    /** How many keys {@code anchor} has. */
    int count(long anchor) {
        int slot = find(anchor);
        if (slot < 0) {
            return 0;
        }
        Object held = keys[slot]; // counted without a list view: related coverage counts terms this way per day
        return held instanceof String ? 1 : held instanceof String[] few ? few.length : ((List<?>) held).size();
    }

    /** Hands each key {@code anchor} has to {@code each}, in the order they were added, without copying them. */
    void forEach(long anchor, java.util.function.Consumer<String> each) {
        int slot = find(anchor);
        if (slot < 0) {
            return;
        }
        if (keys[slot] instanceof String one) {
            each.accept(one);
        } else {
            many(slot).forEach(each);
        }
    }

    /**
     * Adds {@code key} under {@code anchor}. A key is added under an anchor at most once until it is removed (the
     * callers remove an article's anchors before they add its new ones), so adding costs the same however many
     * articles share the anchor.
     */
    void add(long anchor, String key) {
        int slot = find(anchor);
        if (slot >= 0) {
            Object held = keys[slot];
            if (held instanceof String one) {
                keys[slot] = new String[] {one, key};
            } else if (held instanceof String[] few && few.length < SMALL) {
                String[] more = java.util.Arrays.copyOf(few, few.length + 1);
                more[few.length] = key;
                keys[slot] = more;
            } else if (held instanceof String[] few) {
                List<String> many = new ArrayList<>(java.util.Arrays.asList(few));
                many.add(key);
                keys[slot] = many;
            } else {
                many(slot).add(key);
            }
            return;
        }
        if (4 * (size + 1) > 3 * anchors.length) { // at most three slots in four taken
            grow();
        }
        slot = home(anchor, anchors.length);
        while (keys[slot] != null) {
            slot = (slot + 1) & (anchors.length - 1);
        }
        anchors[slot] = anchor;
        keys[slot] = key;
        size++;
    }

    void remove(long anchor, String key) {
        int slot = find(anchor);
        if (slot < 0) {
            return;
        }
        if (keys[slot] instanceof String one) {
            if (one.equals(key)) {
                delete(slot);
            }
            return;
        }
        List<String> rest = keys[slot] instanceof String[] few ? new ArrayList<>(java.util.Arrays.asList(few))
                : many(slot); // a large list is changed in place
        if (rest.remove(key)) {
            keys[slot] = rest.size() == 1 ? rest.get(0) : rest.size() <= SMALL ? rest.toArray(new String[0]) : rest;
        }
    }

    /** The keys of a slot holding several, in the order they came (a view: not to be changed). */
    @SuppressWarnings("unchecked")
    private List<String> many(int slot) {
        return keys[slot] instanceof String[] few ? java.util.Arrays.asList(few) : (List<String>) keys[slot];
    }

    private int find(long anchor) {
        int mask = anchors.length - 1;
        for (int slot = home(anchor, anchors.length); keys[slot] != null; slot = (slot + 1) & mask) {
            if (anchors[slot] == anchor) {
                return slot;
            }
        }
        return -1;
    }

    /** Empties {@code slot}, shifting back the entries after it that probed past it. */
    private void delete(int slot) {
        int mask = anchors.length - 1;
        int gap = slot;
        keys[gap] = null;
        size--;
        for (int next = (gap + 1) & mask; keys[next] != null; next = (next + 1) & mask) {
            int home = home(anchors[next], anchors.length);
            // the entry at next may move to the gap if its home is not cyclically in (gap, next]
            if (((next - home) & mask) >= ((next - gap) & mask)) {
                anchors[gap] = anchors[next];
                keys[gap] = keys[next];
                keys[next] = null;
                gap = next;
            }
        }
    }

    private void grow() {
        resize(anchors.length * 2);
    }

    /**
     * Gives back the room of the hashes removed: a table that many removals left less than a quarter full is made
     * again at a size that fits (a table never shrinks by itself, so one that held a restart's every term would keep
     * that room after letting most of them go).
     */
    void trim() {
        int capacity = 16;
        while (4 * (size + 1) > 3 * capacity) {
            capacity *= 2;
        }
        if (capacity * 2 < anchors.length) {
            resize(capacity);
        }
    }

    /** How many slots the table has: the room it takes, about 12 bytes a slot. */
    int slots() {
        return anchors.length;
    }

    /** Makes the table again with {@code capacity} slots (a power of two with room for every hash held). */
    private void resize(int capacity) {
        long[] oldAnchors = anchors;
        Object[] oldKeys = keys;
        anchors = new long[capacity];
        keys = new Object[capacity];
        int mask = anchors.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = home(oldAnchors[i], anchors.length);
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                anchors[slot] = oldAnchors[i];
                keys[slot] = oldKeys[i];
            }
        }
    }

    /** The slot an anchor probes first: anchors are hashes already, so their high bits spread well. */
    private static int home(long anchor, int capacity) {
        return (int) ((anchor ^ (anchor >>> 32)) * 0x9E3779B9L >>> 7) & (capacity - 1);
    }
}
