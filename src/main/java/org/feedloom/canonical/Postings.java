package org.feedloom.canonical;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A multimap from 64-bit keys to article keys, by open addressing with linear probing: the index of
 * {@link Coverage}, at about 24 bytes a posting where a {@code HashMap<Long, List<String>>} takes about 90. A key's
 * articles are one string, or an array of them once there are two. Not thread-safe.
 */
final class Postings {
    private long[] keys = new long[16];
    /** Per slot: null (empty), a String, or a String[] of two or more. */
    private Object[] values = new Object[16];
    private int size;

    /** Adds {@code article} under {@code key} (an article is added under a key at most once). */
    void add(long key, String article) {
        if (4 * (size + 1) > 3 * keys.length) { // at most three slots in four taken
            grow();
        }
        int i = slot(key);
        Object v = values[i];
        if (v == null) {
            keys[i] = key;
            values[i] = article;
            size++;
        } else if (v instanceof String one) {
            values[i] = new String[] {one, article};
        } else {
            String[] many = (String[]) v;
            String[] more = Arrays.copyOf(many, many.length + 1);
            more[many.length] = article;
            values[i] = more;
        }
    }

    /** Removes {@code article} from under {@code key}, if there. */
    void remove(long key, String article) {
        int i = slot(key);
        Object v = values[i];
        if (v instanceof String one) {
            if (one.equals(article)) {
                delete(i);
            }
        } else if (v != null) {
            String[] many = (String[]) v;
            int at = Arrays.asList(many).indexOf(article);
            if (at >= 0) {
                String[] fewer = new String[many.length - 1];
                System.arraycopy(many, 0, fewer, 0, at);
                System.arraycopy(many, at + 1, fewer, at, fewer.length - at);
                values[i] = fewer.length == 1 ? fewer[0] : fewer;
            }
        }
    }

    /** How many articles are under {@code key}. */
    int count(long key) {
        Object v = values[slot(key)];
        return v == null ? 0 : v instanceof String ? 1 : ((String[]) v).length;
    }

    /** Hands each article under {@code key} to {@code each}. */
    void forEach(long key, Consumer<String> each) {
        Object v = values[slot(key)];
        if (v instanceof String one) {
            each.accept(one);
        } else if (v != null) {
            for (String article : (String[]) v) {
                each.accept(article);
            }
        }
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slot(long key) {
        int mask = keys.length - 1;
        int i = home(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static int home(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    /** Empties slot {@code i}, shifting back the keys after it that probed past it (no tombstones). */
    private void delete(int i) {
        int mask = keys.length - 1;
        values[i] = null;
        size--;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (values[j] == null) {
                return;
            }
            int h = home(keys[j], mask);
            boolean movable = i <= j ? h <= i || h > j : h <= i && h > j;
            if (movable) {
                keys[i] = keys[j];
                values[i] = values[j];
                values[j] = null;
                i = j;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                int j = slot(oldKeys[i]);
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }
}
