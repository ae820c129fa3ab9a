package org.feedloom.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.feedloom.canonical.CanonicalUrl;
import org.feedloom.model.Item;

/**
 * An item as a source keeps it: its key within the source (the canonical key of its preferred URL) and the time it
 * was first seen.
 */
record StoredItem(String key, Item item, Instant firstSeen) {

    /**
     * Newest first: by {@link #time()}, then by first-seen time, then by key, so every listing of a source has one
     * order.
     */
    static final Comparator<StoredItem> NEWEST_FIRST = Comparator.comparing(StoredItem::time)
            .thenComparing(StoredItem::firstSeen).reversed().thenComparing(StoredItem::key);

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

    /** The item's date, for ordering: its publication time, else the time it was first seen. */
    Instant time() {
        return item.published() != null ? item.published() : firstSeen;
    }

    /**
     * What retention does to a source's items after a fetch; each list newest first.
     *
     * @param kept    what the source keeps
     * @param expired items the source no longer lists, first seen more than {@code maxAgeDays} ago: deleted, no
     *                tombstone (the feed does not list them, so nothing could bring them back)
     * @param capped  items beyond {@code maxItems}: deleted and tombstoned, so that they do not come back while the
     *                feed still lists them
     */
    record Retained(List<StoredItem> kept, List<StoredItem> expired, List<StoredItem> capped) {}

    /**
     * The one retention rule. Age counts from when Feedloom first saw an item, never from the date the feed gives
     * it, and an item in {@code listed} (the keys of the source's latest document) is never expired by age: a blog
     * that posts twice a year, or an archive feed, keeps everything it offers. Of what remains, the newest
     * {@code maxItems} (by {@link #NEWEST_FIRST}) are kept and the rest capped. Pure.
     */
    static Retained retain(List<StoredItem> items, Set<String> listed, ArticleStore.Retention retention,
                           Instant now) {
        Instant cutoff = now.minus(Duration.ofDays(retention.maxAgeDays()));
        List<StoredItem> sorted = new ArrayList<>(items);
        sorted.sort(NEWEST_FIRST);
        List<StoredItem> kept = new ArrayList<>();
        List<StoredItem> expired = new ArrayList<>();
        List<StoredItem> capped = new ArrayList<>();
        for (StoredItem s : sorted) {
            if (!listed.contains(s.key()) && s.firstSeen().isBefore(cutoff)) {
                expired.add(s);
            } else if (kept.size() < retention.maxItems()) {
                kept.add(s);
            } else {
                capped.add(s);
            }
        }
        return new Retained(kept, expired, capped);
    }
}
