package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedloom.canonical.IdRecords;
import org.feedloom.model.Article;
import org.feedloom.model.PublishedId;

/**
 * The published ids ({@code published_id}) as a merge in the store's transaction reads them: an alias key's record
 * and an id's alias keys looked up when the merge asks for them, and remembered for the transaction; the records
 * {@link #record}ed written in it. So a merge holds the ids of what it merges, not every id ever published. A row
 * that cannot be read ({@link DamagedRows}) is no record; recording its alias key writes over it. Not thread-safe.
 */
final class StoredIds implements IdRecords, AutoCloseable {
    /** An id's alias keys and its first publication. */
    private record Id(Set<String> aliasKeys, Instant first) {}

    private final Connection connection;
    private final PreparedStatements statements;
    /** The records looked up, by alias key; a null value is a key known to have none. */
    private final Map<String, PublishedId> byAliasKey = new HashMap<>();
    /** The ids looked up, by key. */
    private final Map<String, Id> byId = new HashMap<>();
    private final DamagedRows damaged = new DamagedRows("published_id");

    StoredIds(Connection connection) {
        this.connection = connection;
        this.statements = new PreparedStatements(connection, "published ids");
    }

    @Override
    public PublishedId of(String aliasKey) {
        if (byAliasKey.containsKey(aliasKey)) {
            return byAliasKey.get(aliasKey);
        }
        try {
            PreparedStatement ofAliasKey = statements.of(
                    "SELECT id_key, published_at FROM published_id WHERE alias_key = ?");
            ofAliasKey.setString(1, aliasKey);
            PublishedId record = null;
            try (ResultSet r = ofAliasKey.executeQuery()) {
                if (r.next()) {
                    record = damaged.read(() -> "the published id of " + aliasKey,
                            () -> new PublishedId(aliasKey, r.getString(1), Sql.getInstant(r, "published_at")));
                }
            }
            byAliasKey.put(aliasKey, record);
            return record;
        } catch (SQLException e) {
            throw failed("reading the published id of " + aliasKey, e);
        }
    }

    @Override
    public Set<String> aliasKeysOf(String idKey) {
        return id(idKey).aliasKeys();
    }

    @Override
    public Instant firstPublished(String idKey) {
        return id(idKey).first();
    }

    private Id id(String idKey) {
        Id known = byId.get(idKey);
        if (known != null) {
            return known;
        }
        try {
            PreparedStatement ofId = statements.of(
                    "SELECT alias_key, published_at FROM published_id WHERE id_key = ?");
            ofId.setString(1, idKey);
            Set<String> keys = new HashSet<>();
            Instant first = null;
            try (ResultSet r = ofId.executeQuery()) {
                while (r.next()) {
                    String aliasKey = r.getString(1);
                    Instant at = damaged.read(() -> "the published id of " + aliasKey,
                            () -> Sql.getInstant(r, "published_at"));
                    if (at != null) {
                        keys.add(aliasKey);
                        first = first == null || at.isBefore(first) ? at : first;
                        byAliasKey.putIfAbsent(aliasKey, new PublishedId(aliasKey, idKey, at));
                    }
                }
            }
            Id id = new Id(Set.copyOf(keys), first);
            byId.put(idKey, id);
            return id;
        } catch (SQLException e) {
            throw failed("reading the alias keys of id " + idKey, e);
        }
    }

    /**
     * {@inheritDoc} An alias key another instance sharing the database recorded meanwhile keeps that record, which
     * this transaction reads from then on; it is not among those returned.
     */
    @Override
    public List<PublishedId> record(List<Article> published, Instant now) {
        List<PublishedId> added = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Article article : published) {
            for (String aliasKey : article.aliasKeys()) {
                if (of(aliasKey) == null) {
                    PublishedId record = new PublishedId(aliasKey, article.key(), now);
                    byAliasKey.put(aliasKey, record);
                    added.add(record);
                    ids.add(article.key());
                }
            }
        }
        try {
            for (PublishedId kept : PublishedIdTable.add(connection, added)) {
                byAliasKey.put(kept.aliasKey(), kept);
                added.removeIf(mine -> mine.aliasKey().equals(kept.aliasKey()));
                ids.add(kept.idKey());
            }
        } catch (SQLException e) {
            throw failed("recording " + added.size() + " published ids", e);
        }
        ids.forEach(byId::remove); // read again with the records written
        return added;
    }

    @Override
    public void close() {
        statements.close();
    }

    private static StoreException failed(String what, SQLException e) {
        return new StoreException("store: published ids: " + what + " failed: " + e.getMessage(), e);
    }
}
