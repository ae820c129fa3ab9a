package org.feedloom.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.feedloom.model.Item;
import org.feedloom.model.Source;

/**
 * The sources' {@code exclude} keywords: an item of a source with one of them in its title, excerpt or categories
 * (the {@link TopicIndex} keyword rule) is dropped, so it never becomes an article from that source. Applied to a
 * source's stored items at every catalog build, so a changed {@code exclude} applies to what is stored too.
 *
 * <p>Immutable and thread-safe; pure; inputs are not modified.
 */
public final class SourceExcludes {
    public static final SourceExcludes NONE = new SourceExcludes(List.of());

    private final Map<String, Keywords> bySource = new HashMap<>();

    /** The excludes of {@code sources}; sources without any drop nothing. */
    public SourceExcludes(List<Source> sources) {
        for (Source source : sources) {
            if (!source.exclude().isEmpty()) {
                bySource.put(source.id(), Keywords.of(source.exclude()));
            }
        }
    }

    /** Whether the {@code exclude} of source {@code sourceId} drops {@code item}. */
    public boolean drops(String sourceId, Item item) {
        Keywords exclude = bySource.get(sourceId);
        return exclude != null && exclude.foundIn(Keywords.text(item.title(), item.excerpt(), item.categories()));
    }

    /**
     * The items of every source that their source keeps, in the order given (by source, then item), and per source
     * id with an {@code exclude} the number it dropped.
     */
    public Kept keep(Map<String, List<Item>> itemsBySource) {
        List<Item> kept = new ArrayList<>();
        Map<String, Integer> dropped = new TreeMap<>();
        itemsBySource.forEach((sourceId, items) -> {
            if (!bySource.containsKey(sourceId)) {
                kept.addAll(items);
                return;
            }
            int before = kept.size();
            items.stream().filter(item -> !drops(sourceId, item)).forEach(kept::add);
            dropped.put(sourceId, items.size() - (kept.size() - before));
        });
        return new Kept(kept, dropped);
    }

    /**
     * @param items   the items kept
     * @param dropped per source id with an {@code exclude}, the number of its items dropped
     */
    public record Kept(List<Item> items, Map<String, Integer> dropped) {
        public Kept {
            items = List.copyOf(items);
            dropped = Map.copyOf(dropped);
        }
    }
}
