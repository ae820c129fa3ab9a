package org.feedloom.canonical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedloom.model.Article;
import org.feedloom.model.PublishedId;

/**
 * Every entry id published so far, by the alias keys it was published under: the memory of which
 * {@link ArticleMerger} keeps ids fixed. Each alias key keeps the first id it was published under, forever; an id's
 * publication time is that of its first record.
 *
 * <p>Thread-safe: every method takes this object's lock, which is all but uncontended (one rebuild at a time reads
 * and records; records another instance published are adopted from another thread).
 */
public final class PublishedIds implements IdRecords {
    /**
     * Every record, by its alias key: a table of the records, not a map (a map's entry object for each of 100,000
     * records was 3.2 MB of a server's heap).
     */
    private final KeyedTable<PublishedId> byAliasKey = new KeyedTable<>(PublishedId::aliasKey);
    /**
     * Per id (by key): its one record, which says when it was first published and under which alias key, or an
     * {@link IdKeys} once it has several. An id whose one record is under its own key (most: an article's id is the
     * key of its first alias) has no entry here: {@link #byAliasKey}'s record of that key says it all
     * ({@link #entryOf}). One map, no set for an id of one key and no entry for most ids: a server on 100,000 ids
     * held a second map and a set per id for this (about 6 MB), then an entry per id (about 4 MB).
     */
    private final Map<String, Object> byId = new HashMap<>();

    /** An id recorded under several alias keys: when it was first published, and under which keys. */
    private record IdKeys(Instant first, Set<String> aliasKeys) {}

    /** No id published yet (a new store). */
    public PublishedIds() {
    }

    /** The ids a store kept. */
    public PublishedIds(Collection<PublishedId> stored) {
        stored.forEach(this::add);
    }

    @Override
    public synchronized PublishedId of(String aliasKey) {
        return byAliasKey.get(aliasKey);
    }

    @Override
    public synchronized Set<String> aliasKeysOf(String idKey) {
        Object id = entryOf(idKey);
        return id == null ? Set.of() : id instanceof PublishedId one ? Set.of(one.aliasKey())
                : ((IdKeys) id).aliasKeys();
    }

    @Override
    public synchronized Instant firstPublished(String idKey) {
        Object id = entryOf(idKey);
        return id == null ? null : id instanceof PublishedId one ? one.publishedAt() : ((IdKeys) id).first();
    }

    /** The entry of an id: its {@link #byId} entry, else its one record under its own key, else null. */
    private Object entryOf(String idKey) {
        Object id = byId.get(idKey);
        if (id != null) {
            return id;
        }
        PublishedId own = byAliasKey.get(idKey);
        return own != null && own.idKey().equals(idKey) ? own : null;
    }

    /** The alias keys that have a record, in no order: a copy. */
    public synchronized List<String> aliasKeys() {
        List<String> keys = new ArrayList<>(byAliasKey.size());
        byAliasKey.forEach(record -> keys.add(record.aliasKey()));
        return keys;
    }

    /** How many alias keys have a record. */
    public synchronized int size() {
        return byAliasKey.size();
    }

    @Override
    public synchronized List<PublishedId> record(List<Article> published, Instant now) {
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
    public synchronized void adopt(Collection<PublishedId> records) {
        records.forEach(this::add);
    }

    /**
     * Replaces the records of their alias keys with {@code records}: another instance sharing the store recorded
     * them first, so they, not this instance's, are the ids published.
     */
    public synchronized void replace(Collection<PublishedId> records) {
        for (PublishedId record : records) {
            remove(record.aliasKey());
            add(record);
        }
    }

    /**
     * Forgets the records of {@code aliasKeys} (those without one are ignored): the store forgot them, their
     * articles having left the archive long ago. An id keeps its other alias keys' records and its first publication.
     */
    public synchronized void forget(Collection<String> aliasKeys) {
        aliasKeys.forEach(this::remove);
    }

    private void remove(String aliasKey) {
        PublishedId old = byAliasKey.remove(aliasKey);
        if (old != null) {
            byId.computeIfPresent(old.idKey(), (id, keys) -> without(keys, old));
        }
    }

    /** Adds a record unless its alias key has one; its id's entry is replaced whole (most ids have one or two keys). */
    private synchronized void add(PublishedId record) {
        if (byAliasKey.putIfAbsent(record) != null) {
            return;
        }
        String idKey = record.idKey();
        Object before = entryOf(idKey); // the record itself when it is the id's first, under the id's own key
        if (before != null && before != record) {
            byId.put(idKey, with(before, record));
        } else if (!record.aliasKey().equals(idKey)) {
            byId.put(idKey, record);
        }
    }

    /** An id's entry with {@code record}'s alias key added, the earlier first publication kept. */
    private static Object with(Object id, PublishedId record) {
        Set<String> keys = new java.util.HashSet<>();
        Instant first;
        if (id instanceof PublishedId one) {
            keys.add(one.aliasKey());
            first = one.publishedAt();
        } else {
            keys.addAll(((IdKeys) id).aliasKeys());
            first = ((IdKeys) id).first();
        }
        keys.add(record.aliasKey());
        return new IdKeys(first.isBefore(record.publishedAt()) ? first : record.publishedAt(), Set.copyOf(keys));
    }

    /**
     * An id's entry without {@code old}'s alias key, or null when it was its last; its first publication stays as it
     * was.
     */
    private static Object without(Object id, PublishedId old) {
        if (id instanceof PublishedId) {
            return null;
        }
        Set<String> rest = new java.util.HashSet<>(((IdKeys) id).aliasKeys());
        rest.remove(old.aliasKey());
        return rest.isEmpty() ? null : new IdKeys(((IdKeys) id).first(), Set.copyOf(rest));
    }
}
