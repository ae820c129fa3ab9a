package org.feedloom.store;

import java.util.List;
import java.util.function.BiFunction;
import org.feedloom.model.Item;

/**
 * How the merged archive's hold on one source changed ({@link ArticleStore#mergeSources}): the source's stored items
 * (newest first), and the exclude keywords they were merged under before and are merged under now, null when the
 * source was not merged before (added to the configuration, or back in it) or is no longer (removed from it).
 */
public record MergedSourceChange(String sourceId, List<Item> stored, List<String> excludesBefore,
                                 List<String> excludesAfter) {
    public MergedSourceChange {
        stored = List.copyOf(stored);
        excludesBefore = excludesBefore == null ? null : List.copyOf(excludesBefore);
        excludesAfter = excludesAfter == null ? null : List.copyOf(excludesAfter);
    }

    /**
     * What merging this source anew changes: out go the stored items {@code kept} under the excludes before, in come
     * those kept under the excludes now (none where the source is not merged); an item kept under both is in
     * neither. {@code kept} is the excludes' rule: the items of a list that a list of keywords keeps.
     */
    public SourceChange change(BiFunction<List<String>, List<Item>, List<Item>> kept) {
        List<Item> before = excludesBefore == null ? List.of() : kept.apply(excludesBefore, stored);
        List<Item> after = excludesAfter == null ? List.of() : kept.apply(excludesAfter, stored);
        return SourceChange.of(sourceId, before, after);
    }
}
