package org.feedloom.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;

/**
 * The latest of some evidence, for {@code /status}: at most {@code limit} values, one per key (a value added again
 * replaces the one before and becomes the newest). Not thread-safe: its owner synchronises.
 */
final class Latest<T> {
    private final int limit;
    private final Function<T, String> keyOf;
    /** Oldest first. */
    private final LinkedHashMap<String, T> values = new LinkedHashMap<>();

    Latest(int limit, Function<T, String> keyOf) {
        this.limit = limit;
        this.keyOf = keyOf;
    }

    /** Adds {@code value} as the newest, dropping the oldest beyond the limit. */
    void add(T value) {
        String key = keyOf.apply(value);
        values.remove(key); // re-inserted: the newest last
        values.put(key, value);
        if (values.size() > limit) {
            values.remove(values.keySet().iterator().next());
        }
    }

    /** Adds what a previous run recorded ({@code newestFirst}), a key held already keeping its value (at start-up). */
    void addRecorded(List<T> newestFirst) {
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            values.putIfAbsent(keyOf.apply(newestFirst.get(i)), newestFirst.get(i));
        }
    }

    List<T> newestFirst() {
        List<T> out = new ArrayList<>(values.values());
        Collections.reverse(out);
        return out;
    }
}
