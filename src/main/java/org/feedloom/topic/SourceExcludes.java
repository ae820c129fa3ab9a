package org.feedloom.topic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** Whether source {@code sourceId} has an {@code exclude}, which reads its items' titles, excerpts and categories. */
    public boolean excludes(String sourceId) {
        return bySource.containsKey(sourceId);
    }

    /** Whether the {@code exclude} of source {@code sourceId} drops {@code item}. */
    public boolean drops(String sourceId, Item item) {
        Keywords exclude = bySource.get(sourceId);
        return exclude != null && drops(exclude, item);
    }

    private static boolean drops(Keywords exclude, Item item) {
        return exclude.foundIn(Keywords.text(item.title(), item.excerpt(), item.categories()));
    }

    /**
     * The items of source {@code sourceId} that its excludes keep, in the order given, and how many it dropped (null
     * for a source without an {@code exclude}).
     */
    public Kept keep(String sourceId, List<Item> items) {
        if (!bySource.containsKey(sourceId)) {
            return new Kept(items, null);
        }
        List<Item> kept = items.stream().filter(item -> !drops(sourceId, item)).toList();
        return new Kept(kept, items.size() - kept.size());
    }

    /** The items of {@code items} that a source's {@code exclude} keywords keep, in order. */
    public static List<Item> kept(List<String> exclude, List<Item> items) {
        if (exclude.isEmpty()) {
            return items;
        }
        Keywords keywords = Keywords.of(exclude);
        return items.stream().filter(item -> !drops(keywords, item)).toList();
    }

    /**
     * @param items   the items kept
     * @param dropped the number of items dropped, null when the source has no {@code exclude}
     */
    public record Kept(List<Item> items, Integer dropped) {
        public Kept {
            items = List.copyOf(items);
        }
    }
}
