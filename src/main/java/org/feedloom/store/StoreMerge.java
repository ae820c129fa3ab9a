package org.feedloom.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.feedloom.canonical.IdRecords;
import org.feedloom.canonical.MergeState;
import org.feedloom.model.Body;

/**
 * What a merge in the store's transaction works on ({@link ArticleStore#merging}, {@link ArticleStore#commitBatch}):
 * the merged archive ({@link #state}), the published ids ({@link #ids}) and the first-seen times
 * ({@link #firstSeenOr}), each read from the database as the merge asks and written in the same transaction. So a
 * merge holds what its change touches, not the archive, its ids or its dates. Valid only inside the call it is given
 * to.
 */
public final class StoreMerge implements AutoCloseable {
    private final StoredMergeState state;
    private final StoredIds ids;
    private final StoredFirstSeen firstSeen;
    private final Connection connection;
    /** The keys of the articles this merge changed or took away, for the other instances sharing the database. */
    private final java.util.Set<String> announced = new java.util.TreeSet<>();
    private Instant announcedAt;
    /** The sources' excludes read in this transaction, by source id; empty for a source the archive does not hold. */
    private final Map<String, Optional<List<String>>> excludes = new HashMap<>();

    /** This merge's number ({@link #number}). */
    private final long number;

    StoreMerge(Connection connection, Dialect dialect, Body.Source bodies, long number) {
        this.connection = connection;
        this.number = number;
        this.state = new StoredMergeState(connection, dialect, bodies);
        this.ids = new StoredIds(connection);
        this.firstSeen = new StoredFirstSeen(connection);
    }

    /**
     * This merge's number, in the order merges commit, on a store of this process's alone: a sync that shows what
     * every merge up to it changed says so with it ({@link ArticleStore.Showing}). 0 on a database shared with other
     * instances.
     */
    public long number() {
        return number;
    }

    /** The merged archive: every merged article, its members and the indexes over them. */
    public MergeState state() {
        return state;
    }

    /** The ids published so far; the records a merge's caller adds are written in the transaction. */
    public IdRecords ids() {
        return ids;
    }

    /** A key's first-seen time: the one stored, else {@code now}, stored with the transaction. */
    public Function<String, Instant> firstSeenOr(Instant now) {
        return firstSeen.or(now);
    }

    /**
     * The exclude keywords the archive holds source {@code sourceId}'s items under, or null when it does not hold
     * them ({@link ArticleStore#mergeSources}): what a fetch's change of that source is merged under.
     */
    public List<String> excludesOf(String sourceId) {
        return excludes.computeIfAbsent(sourceId, id -> {
            try {
                return Optional.ofNullable(MergedSourceTable.excludesOf(connection, id));
            } catch (SQLException e) {
                throw new StoreException("store: reading the merged source " + id + " failed: " + e.getMessage(), e);
            }
        }).orElse(null);
    }

    /**
     * Names articles (by key) that this merge changed or took away, at {@code now}: on a database shared with other
     * instances they are announced to them in this transaction ({@link Coordination#announcements}), so each shows
     * them as committed, whatever becomes of this instance after the commit.
     */
    public void announce(java.util.Collection<String> articleKeys, Instant now) {
        announced.addAll(articleKeys);
        announcedAt = now;
    }

    /** What {@link #announce} named, sorted. */
    List<String> announced() {
        return List.copyOf(announced);
    }

    /** When {@link #announce} was last called; null if never. */
    Instant announcedAt() {
        return announcedAt;
    }

    /** Writes what the merge left noted, before the caller commits. */
    void flush() throws SQLException {
        state.flush();
        firstSeen.flush();
    }

    @Override
    public void close() {
        state.close();
        ids.close();
        firstSeen.close();
    }
}
