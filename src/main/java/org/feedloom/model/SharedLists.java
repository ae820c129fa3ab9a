package org.feedloom.model;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Equal immutable lists held once. An archive's articles carry few distinct lists of a kind (each source's feed and
 * provenance, a few combinations of topics), and an equal copy in every article costs a server holding 100,000 of
 * them about 2.4 MB a kind. At most {@code limit} lists are kept, so that unusual values cannot grow it without
 * bound; past that a list is handed back as it is. Thread-safe.
 */
public final class SharedLists {
    private final ConcurrentHashMap<List<?>, List<?>> held = new ConcurrentHashMap<>();
    private final int limit;

    /** Holding at most {@code limit} lists. */
    public SharedLists(int limit) {
        this.limit = limit;
    }

    /**
     * {@code list} (immutable), or an equal one handed out before. Two equal lists of different element types are
     * both empty, so handing one out for the other is safe.
     */
    @SuppressWarnings("unchecked")
    public <T> List<T> of(List<T> list) {
        List<?> same = held.get(list);
        if (same != null) {
            return (List<T>) same;
        }
        return held.size() < limit ? (List<T>) held.computeIfAbsent(list, l -> l) : list;
    }
}
