package org.feedloom.canonical;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.feedloom.model.Checks;

/**
 * A hash table of values that carry their own key, as an article carries {@link org.feedloom.model.Article#key}: each
 * value sits in one slot of one array. A {@link java.util.HashMap} holds each of its values in an entry object of its
 * own besides its slot (32 bytes), which is 3.2 MB for every table of 100,000 articles; this holds 4 to 8 bytes a
 * value, as full as it is.
 *
 * <p>Open addressing with linear probing, at most two thirds full; a removal moves the values after it in their run
 * back into the gap (no markers of removed values), so a lookup costs what it would in a table that never held the
 * removed value. Keys are equal by {@link String#equals}. Null keys and values are refused. Not thread-safe; iterated
 * in no particular order, and an iterator fails with {@link ConcurrentModificationException} once the table has
 * gained or lost a value.
 *
 * @param <V> the values; {@code keyOf} must give the same key for a value as long as it is in the table
 */
public final class KeyedTable<V> implements Iterable<V> {
    private static final int MIN_CAPACITY = 16;
    /** Golden-ratio multiplier: spreads a key's hash over the high bits, which index the table. */
    private static final int SPREAD = 0x9E3779B9;

    private final Function<? super V, String> keyOf;
    private Object[] slots = new Object[MIN_CAPACITY];
    /** 32 minus the table's size in bits: a hash's top bits, shifted down by this, are its home slot. */
    private int shift = Integer.numberOfLeadingZeros(MIN_CAPACITY - 1);
    private int size;
    /** Counts the values gained and lost, for the iterators' check. */
    private int changes;

    public KeyedTable(Function<? super V, String> keyOf) {
        this.keyOf = Checks.notNull(keyOf, "keyOf");
    }

    /** The value whose key is {@code key}, or null. */
    public V get(String key) {
        int i = find(key);
        return i < 0 ? null : value(i);
    }

    public boolean containsKey(String key) {
        return find(key) >= 0;
    }

    /** Puts {@code value} in, in place of the value with its key if there is one; returns that value, or null. */
    public V put(V value) {
        return put(value, true);
    }

    /**
     * Puts {@code value} in unless a value with its key is there; returns that value (left in place), or null when
     * {@code value} went in. One probe where {@link #containsKey} and {@link #put} take two.
     */
    public V putIfAbsent(V value) {
        return put(value, false);
    }

    private V put(V value, boolean replace) {
        String key = keyOf.apply(Checks.notNull(value, "value"));
        int hash = key.hashCode();
        int mask = slots.length - 1;
        for (int i = home(hash); ; i = (i + 1) & mask) {
            Object held = slots[i];
            if (held == null) {
                slots[i] = value;
                changes++;
                if (++size > slots.length / 3 * 2) {
                    resize(slots.length * 2);
                }
                return null;
            }
            if (sameKey(held, key, hash)) {
                if (replace) {
                    slots[i] = value;
                }
                @SuppressWarnings("unchecked")
                V old = (V) held;
                return old;
            }
        }
    }

    /** Takes the value whose key is {@code key} out; returns it, or null if there was none. */
    public V remove(String key) {
        int gap = find(key);
        if (gap < 0) {
            return null;
        }
        V old = value(gap);
        int mask = slots.length - 1;
        // each value after the gap in its run moves back into it unless that would put it before its home slot
        for (int i = (gap + 1) & mask; slots[i] != null; i = (i + 1) & mask) {
            int home = home(keyOf(slots[i]).hashCode());
            if (((i - home) & mask) >= ((i - gap) & mask)) {
                slots[gap] = slots[i];
                gap = i;
            }
        }
        slots[gap] = null;
        size--;
        changes++;
        return old;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Iterator<V> iterator() {
        return new Iterator<>() {
            private final Object[] table = slots;
            private final int expected = changes;
            private int next = advance(0);

            private int advance(int from) {
                int i = from;
                while (i < table.length && table[i] == null) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return next < table.length;
            }

            @Override
            public V next() {
                if (changes != expected) {
                    throw new ConcurrentModificationException();
                }
                if (next >= table.length) {
                    throw new NoSuchElementException();
                }
                @SuppressWarnings("unchecked")
                V value = (V) table[next];
                next = advance(next + 1);
                return value;
            }
        };
    }

    /** The slot holding the value of {@code key}, or -1. */
    private int find(String key) {
        int hash = Checks.notNull(key, "key").hashCode();
        int mask = slots.length - 1;
        for (int i = home(hash); ; i = (i + 1) & mask) {
            Object held = slots[i];
            if (held == null) {
                return -1;
            }
            if (sameKey(held, key, hash)) {
                return i;
            }
        }
    }

    /** Whether {@code held}'s key is {@code key}, whose hash is {@code hash} (a string keeps its hash: compared first). */
    private boolean sameKey(Object held, String key, int hash) {
        String heldKey = keyOf(held);
        return heldKey.hashCode() == hash && heldKey.equals(key);
    }

    private int home(int hash) {
        return (hash * SPREAD) >>> shift;
    }

    @SuppressWarnings("unchecked")
    private String keyOf(Object held) {
        return keyOf.apply((V) held);
    }

    @SuppressWarnings("unchecked")
    private V value(int slot) {
        return (V) slots[slot];
    }

    private void resize(int capacity) {
        Object[] old = slots;
        slots = new Object[capacity];
        shift = Integer.numberOfLeadingZeros(capacity - 1);
        int mask = capacity - 1;
        for (Object held : old) {
            if (held != null) {
                int i = home(keyOf(held).hashCode());
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = held;
            }
        }
    }
}
