package org.feedloom.store;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedloom.model.Item;

/**
 * The canonical keys of one fetch's items, computed once when a {@link SourceWrite} is made (on the fetching thread,
 * not the writer's): each item by its key (the first of each key, the feed's newer) and the alias keys of each. The
 * hashes of the items' texts, which their rows keep ({@link ItemText#hash}), are computed then too (each body keeps
 * its own), so that the writer only reads them. Not modified after construction, so it may be read from another
 * thread once handed over.
 */
final class ItemKeys {
    /** The fetched items by key, the first of each key, in the feed's order. */
    final Map<String, Item> incoming = new LinkedHashMap<>();
    /** Every alias key of every fetched item. */
    final Set<String> listed = new HashSet<>();
    private final Map<Item, List<String>> aliases = new IdentityHashMap<>();

    ItemKeys(List<Item> items) {
        for (Item item : items) {
            incoming.putIfAbsent(StoredItem.keyOf(item), item);
            List<String> keys = aliases.computeIfAbsent(item, StoredItem::aliasKeys);
            listed.addAll(keys);
            ItemText.hash(item.excerptBody());
            ItemText.hash(item.body());
        }
    }

    /** The alias keys of an item: looked up for a fetched item, computed for any other (a stored one). */
    List<String> aliasesOf(Item item) {
        List<String> known = aliases.get(item);
        return known != null ? known : StoredItem.aliasKeys(item);
    }
}
