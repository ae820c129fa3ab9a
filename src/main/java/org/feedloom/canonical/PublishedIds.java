package org.feedloom.canonical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.feedloom.model.Article;
import org.feedloom.model.PublishedId;

/**
 * Every entry id published so far, by the alias keys it was published under: the memory of which
 * {@link ArticleMerger} keeps ids fixed. Each alias key keeps the first id it was published under, forever; an id's
 * publication time is that of its first record.
 *
 * <p>Thread-safe; {@link #record} is meant to be called by one rebuild at a time.
 */
public final class PublishedIds {
    private final Map<String, PublishedId> byAliasKey = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstPublished = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> aliasKeysById = new ConcurrentHashMap<>();

    /** No id published yet (a new store). */
    public PublishedIds() {
    }

    /** The ids a store kept. */
    public PublishedIds(Collection<PublishedId> stored) {
        stored.forEach(this::add);
    }

    /** The record of an alias key, or null if no article was ever published under it. */
    public PublishedId of(String aliasKey) {
        return byAliasKey.get(aliasKey);
    }

    /** The alias keys recorded under the id with key {@code idKey} (empty if none). */
    Set<String> aliasKeysOf(String idKey) {
        return aliasKeysById.getOrDefault(idKey, Set.of());
    }

    /** When the id with key {@code idKey} was first published, or null if it never was. */
    Instant firstPublished(String idKey) {
        return firstPublished.get(idKey);
    }

    /** How many alias keys have a record. */
    public int size() {
        return byAliasKey.size();
    }

    /**
     * Records the alias keys of {@code published} that have no record yet, under their article's id, at {@code now};
     * returns the new records (for the store).
     */
    public List<PublishedId> record(List<Article> published, Instant now) {
        List<PublishedId> added = new ArrayList<>();
        for (Article article : published) {
            for (String aliasKey : article.aliasKeys()) {
                if (!byAliasKey.containsKey(aliasKey)) {
                    PublishedId record = new PublishedId(aliasKey, article.key(), now);
                    add(record);
                    added.add(record);
                }
            }
        }
        return added;
    }

    /**
     * Adds records another instance sharing the store published; an alias key already recorded keeps its record, as
     * in the store.
     */
    public void adopt(Collection<PublishedId> records) {
        records.forEach(this::add);
    }

    /**
     * Replaces the records of their alias keys with {@code records}: another instance sharing the store recorded
     * them first, so they, not this instance's, are the ids published.
     */
    public void replace(Collection<PublishedId> records) {
        for (PublishedId record : records) {
            PublishedId old = byAliasKey.remove(record.aliasKey());
            if (old != null) {
                Set<String> left = aliasKeysById.computeIfPresent(old.idKey(), (id, keys) -> {
                    Set<String> rest = new java.util.HashSet<>(keys);
                    rest.remove(record.aliasKey());
                    return rest.isEmpty() ? null : Set.copyOf(rest);
                });
                if (left == null) {
                    firstPublished.remove(old.idKey());
                }
            }
            add(record);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private void add(PublishedId record) {
        if (byAliasKey.putIfAbsent(record.aliasKey(), record) == null) {
            firstPublished.merge(record.idKey(), record.publishedAt(), (a, b) -> a.isBefore(b) ? a : b);
            // an immutable set per id, replaced when a key is added (rarely: most ids have one or two alias keys),
            // instead of a concurrent set each (a fifth of this class's memory at 150,000 ids)
            aliasKeysById.merge(record.idKey(), Set.of(record.aliasKey()), PublishedIds::union);
        }
    }
}
