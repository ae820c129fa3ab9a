package org.feedloom.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Item;

/**
 * What one source's write in a batch did to its stored items ({@link ArticleStore#commitBatch(List,
 * java.util.function.BiFunction)}): the items now stored (newest first), and against what was stored before, those
 * gone (removed by retention, or replaced by another version under their key) and those added (new, or another
 * version). An item stored again unchanged is in neither. Merging {@code gone} out and {@code added} in keeps a merge
 * of the source's stored items what a merge of them from scratch gives, without holding them in memory between
 * fetches.
 */
public record SourceChange(String sourceId, List<Item> stored, List<Item> gone, List<Item> added) {
    public SourceChange {
        stored = List.copyOf(stored);
        gone = List.copyOf(gone);
        added = List.copyOf(added);
    }

    /**
     * The change from the items {@code before} to those {@code after}, by equality: an item in both (as many times)
     * is in neither; {@code after} is what is stored now. For lists without keys, as seeds are.
     */
    public static SourceChange of(String sourceId, List<Item> before, List<Item> after) {
        return new SourceChange(sourceId, after, without(before, after), without(after, before));
    }

    /** The items of {@code items} that {@code others} does not have (as many times as it has them fewer). */
    private static List<Item> without(List<Item> items, List<Item> others) {
        if (items.isEmpty() || others.isEmpty()) {
            return items; // no item hashed: a batch of new sources takes nothing away
        }
        Map<Item, Integer> left = new HashMap<>();
        others.forEach(item -> left.merge(item, 1, Integer::sum));
        List<Item> rest = new ArrayList<>();
        for (Item item : items) {
            if (left.merge(item, -1, Integer::sum) < 0) {
                rest.add(item);
            }
        }
        return rest;
    }

    /** The change from {@code before} to {@code after} (rows by key), {@code stored} being the items of {@code after}. */
    static SourceChange between(String sourceId, List<StoredItem> before, List<StoredItem> after, List<Item> stored) {
        return new SourceChange(sourceId, stored, unlike(before, after), unlike(after, before));
    }

    /** The items of {@code rows} that {@code others} does not hold as they are under their keys. */
    private static List<Item> unlike(List<StoredItem> rows, List<StoredItem> others) {
        Map<String, Item> byKey = new HashMap<>();
        others.forEach(s -> byKey.put(s.key(), s.item()));
        List<Item> unlike = new ArrayList<>();
        for (StoredItem s : rows) {
            if (!s.item().equals(byKey.get(s.key()))) {
                unlike.add(s.item());
            }
        }
        return unlike;
    }
}
