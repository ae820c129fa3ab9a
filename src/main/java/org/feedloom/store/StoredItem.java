package org.feedloom.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import org.feedloom.canonical.CanonicalUrl;
import org.feedloom.model.Item;

/**
 * An item as a source keeps it: its key within the source (the canonical key of its preferred URL) and the time it
 * was first seen.
 */
record StoredItem(String key, Item item, Instant firstSeen) {

    /** Newest first by {@link #time()}, then by key, so every listing of a source has one order. */
    static final Comparator<StoredItem> NEWEST_FIRST =
            Comparator.comparing(StoredItem::time).reversed().thenComparing(StoredItem::key);

    /** The key an item is stored under. */
    static String keyOf(Item item) {
        return CanonicalUrl.keyOf(item.preferredUrl());
    }

    /** The distinct canonical keys of every URL of an item, in URL order. */
    static List<String> aliasKeys(Item item) {
        LinkedHashSet<String> keys = new LinkedHashSet<>();
        item.urls().forEach(u -> keys.add(CanonicalUrl.keyOf(u)));
        return List.copyOf(keys);
    }

    /** What retention goes by: the publication time, else the first-seen time. */
    Instant time() {
        return item.published() != null ? item.published() : firstSeen;
    }

    /**
     * Splits a source's items into those {@code retention} keeps and those it removes: items whose {@link #time()}
     * is more than {@code maxAgeDays} before {@code now} go, then all but the newest {@code maxItems}. Pure.
     *
     * @return {@code [kept, removed]}, each newest first
     */
    static List<List<StoredItem>> retain(List<StoredItem> items, ArticleStore.Retention retention, Instant now) {
        Instant cutoff = now.minus(Duration.ofDays(retention.maxAgeDays()));
        List<StoredItem> sorted = new ArrayList<>(items);
        sorted.sort(NEWEST_FIRST);
        List<StoredItem> kept = new ArrayList<>();
        List<StoredItem> removed = new ArrayList<>();
        for (StoredItem s : sorted) {
            boolean keep = !s.time().isBefore(cutoff) && kept.size() < retention.maxItems();
            (keep ? kept : removed).add(s);
        }
        return List.of(kept, removed);
    }
}
