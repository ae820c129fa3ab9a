package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.feedloom.model.SourceState;

/**
 * The {@code source_state} and {@code first_seen} tables. Static SQL over a connection the caller holds, inside the
 * caller's transaction.
 */
final class StateTable {
    private StateTable() {}

    static void put(Connection c, SourceState s) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO source_state (source_id, url, "
                + "feed_url, etag, last_modified, status, failures, last_attempt, last_success, next_fetch, "
                + "http_status, items_in_last, new_items, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, s.sourceId());
            p.setString(2, s.url());
            p.setString(3, s.feedUrl());
            p.setString(4, s.etag());
            p.setString(5, s.lastModified());
            p.setString(6, s.status().name());
            p.setInt(7, s.failures());
            Sql.setInstant(p, 8, s.lastAttempt());
            Sql.setInstant(p, 9, s.lastSuccess());
            Sql.setInstant(p, 10, s.nextFetch());
            p.setInt(11, s.httpStatus());
            p.setInt(12, s.itemsInLast());
            p.setInt(13, s.newItems());
            p.setString(14, s.error());
            p.executeUpdate();
        }
    }

    static Map<String, SourceState> all(Connection c) throws SQLException {
        Map<String, SourceState> states = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM source_state");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                SourceState s = new SourceState(r.getString("source_id"), r.getString("url"),
                        r.getString("feed_url"), r.getString("etag"), r.getString("last_modified"),
                        SourceState.Status.valueOf(r.getString("status")), r.getInt("failures"),
                        Sql.getInstant(r, "last_attempt"), Sql.getInstant(r, "last_success"),
                        Sql.getInstant(r, "next_fetch"), r.getInt("http_status"), r.getInt("items_in_last"),
                        r.getInt("new_items"), r.getString("error"));
                states.put(s.sourceId(), s);
            }
        }
        return states;
    }

    /** Records first-seen times; a key already stored keeps its time. */
    static void putFirstSeen(Connection c, Map<String, Instant> firstSeen) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO first_seen (key, first_seen) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")) {
            for (Map.Entry<String, Instant> e : firstSeen.entrySet()) {
                p.setString(1, e.getKey());
                Sql.setInstant(p, 2, e.getValue());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    static Map<String, Instant> firstSeen(Connection c) throws SQLException {
        Map<String, Instant> times = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT key, first_seen FROM first_seen");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                times.put(r.getString(1), Sql.getInstant(r, "first_seen"));
            }
        }
        return times;
    }
}
