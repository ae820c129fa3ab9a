package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.store.Coordination.Peer;

/**
 * The {@code instance} table: every instance that checked in, its role, start, latest check-in and the hash of the
 * configuration and seeds it loaded (times in epoch milliseconds); and the {@code websub_ping} table, the content
 * each feed was last pinged for. Static SQL over a connection the caller holds.
 */
final class InstanceTable {
    private InstanceTable() {}

    static void checkIn(Connection c, String id, String role, String loadedHash, Instant now) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO instance (id, role, started, seen, loaded_hash) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET role = excluded.role, seen = excluded.seen, "
                + "loaded_hash = excluded.loaded_hash")) {
            p.setString(1, id);
            p.setString(2, role);
            p.setLong(3, now.toEpochMilli());
            p.setLong(4, now.toEpochMilli());
            p.setString(5, loadedHash);
            p.executeUpdate();
        }
    }

    static List<Peer> seenSince(Connection c, Instant since) throws SQLException {
        List<Peer> peers = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT id, role, started, seen, loaded_hash FROM instance WHERE seen >= ? ORDER BY started, id")) {
            p.setLong(1, since.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    peers.add(new Peer(r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3)),
                            Instant.ofEpochMilli(r.getLong(4)), r.getString(5)));
                }
            }
        }
        return peers;
    }

    /**
     * The {@code websub_ping} table's one rule: records that the feed at {@code url} was pinged for content
     * {@code etag}; true when that is new (no row, or another content), false when it is what was recorded.
     */
    static boolean firstToPing(Connection c, String url, String etag) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO websub_ping (url, etag) VALUES (?, ?) "
                + "ON CONFLICT (url) DO UPDATE SET etag = excluded.etag WHERE websub_ping.etag <> excluded.etag")) {
            p.setString(1, url);
            p.setString(2, etag);
            return p.executeUpdate() > 0;
        }
    }

    /** Forgets instances not seen since {@code before}. */
    static void forget(Connection c, Instant before) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM instance WHERE seen < ?")) {
            p.setLong(1, before.toEpochMilli());
            p.executeUpdate();
        }
    }
}
