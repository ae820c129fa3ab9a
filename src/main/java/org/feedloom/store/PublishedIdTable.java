package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.PublishedId;

/**
 * The {@code published_id} table: every alias key published, with the key of the entry id it was first
 * published under and when. Written once per alias key, never updated, so ids survive restarts, config changes and
 * added or removed seeds; deleted only once no article has held the key for {@code retention.forgetAfterDays}
 * ({@link GoneKeyTable}). Static SQL over a connection the caller holds, inside its transaction.
 */
final class PublishedIdTable {
    private PublishedIdTable() {}

    static List<PublishedId> all(Connection c) throws SQLException {
        List<PublishedId> all = new ArrayList<>();
        Map<Instant, Instant> shared = new HashMap<>(); // the ids one rebuild publishes are published at one time
        try (PreparedStatement p = c.prepareStatement("SELECT alias_key, id_key, published_at FROM published_id");
             ResultSet r = p.executeQuery()) {
            DamagedRows damaged = new DamagedRows("published_id");
            while (r.next()) {
                String aliasKey = r.getString(1);
                String idKey = r.getString(2);
                // most ids are the key of one of their alias keys: one string for both, not two equal ones
                PublishedId id = damaged.read(() -> "the published id of " + aliasKey, () -> new PublishedId(aliasKey,
                        aliasKey.equals(idKey) ? aliasKey : idKey,
                        shared.computeIfAbsent(Sql.getInstant(r, "published_at"), t -> t)));
                if (id != null) {
                    all.add(id);
                }
            }
        }
        return all;
    }

    /**
     * Adds records; an alias key already recorded keeps its first record. Returns the records kept that differ from
     * the ones given for their alias keys (another writer's, recorded first).
     */
    static List<PublishedId> add(Connection c, List<PublishedId> records) throws SQLException {
        if (records.isEmpty()) {
            return List.of();
        }
        int[] inserted;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO published_id (alias_key, id_key, published_at) "
                + "VALUES (?, ?, ?) ON CONFLICT (alias_key) DO NOTHING")) {
            for (PublishedId record : records) {
                p.setString(1, record.aliasKey());
                p.setString(2, record.idKey());
                Sql.setInstant(p, 3, record.publishedAt());
                p.addBatch();
            }
            inserted = p.executeBatch();
        }
        List<PublishedId> kept = new ArrayList<>();
        DamagedRows damaged = new DamagedRows("published_id");
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id_key, published_at FROM published_id WHERE alias_key = ?");
             PreparedStatement over = c.prepareStatement(
                     "UPDATE published_id SET id_key = ?, published_at = ? WHERE alias_key = ?")) {
            for (int i = 0; i < records.size(); i++) {
                if (inserted[i] > 0) {
                    continue; // a driver that cannot count (SUCCESS_NO_INFO, negative) is asked below
                }
                PublishedId mine = records.get(i);
                p.setString(1, mine.aliasKey());
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        continue;
                    }
                    PublishedId stored = damaged.read(() -> "the published id of " + mine.aliasKey(),
                            () -> new PublishedId(mine.aliasKey(), r.getString(1), Sql.getInstant(r, "published_at")));
                    if (stored == null) { // a row that cannot be read: this record written over it
                        over.setString(1, mine.idKey());
                        Sql.setInstant(over, 2, mine.publishedAt());
                        over.setString(3, mine.aliasKey());
                        over.executeUpdate();
                    } else if (!stored.equals(mine)) {
                        kept.add(stored);
                    }
                }
            }
        }
        return kept;
    }

    /**
     * Migration 4's step: records the ids the articles snapshot holds (what the previous version published), each
     * article's alias keys under its key, dated by the earliest first sight of any live item sharing an alias key
     * with it, else by the migration's time ({@code appliedAt}). So every id already published is kept.
     */
    static void fromArticles(Connection c, Instant appliedAt) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TEMP TABLE migration_first_seen AS
                    SELECT aa.article_key AS article_key, min(i.first_seen) AS first_seen
                    FROM article_alias aa
                    JOIN item_alias ia ON ia.alias_key = aa.alias_key
                    JOIN item i ON i.source_id = ia.source_id AND i.key = ia.key
                    GROUP BY aa.article_key""");
            try (PreparedStatement p = c.prepareStatement("""
                    INSERT INTO published_id (alias_key, id_key, published_at)
                    SELECT aa.alias_key, aa.article_key, coalesce(f.first_seen, ?)
                    FROM article_alias aa LEFT JOIN migration_first_seen f ON f.article_key = aa.article_key
                    WHERE true
                    ON CONFLICT (alias_key) DO NOTHING""")) {
                Sql.setInstant(p, 1, appliedAt);
                p.executeUpdate();
            }
            s.execute("DROP TABLE migration_first_seen");
        }
    }
}
