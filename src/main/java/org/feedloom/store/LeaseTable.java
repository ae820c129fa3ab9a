package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.feedloom.model.SourceState;
import org.feedloom.store.Coordination.Claim;

/**
 * The {@code source_lease} table: which instance fetches a source now, until when (epoch milliseconds); and the
 * {@code host_slot} table, the same for each host's numbered request slots. A lease
 * whose owner is null or whose expiry has passed belongs to nobody. The one rule for taking a lease is
 * {@link #claim}: a conditional update, which the database applies to one row at a time (PostgreSQL re-reads a row
 * that another transaction changed before applying it), so two instances claiming at once cannot both succeed.
 * Static SQL over a connection the caller holds, inside its transaction.
 */
final class LeaseTable {
    /** The condition that the source is due, with {@code ifDue} (1) only: for this URL, by the last commit's time. */
    private static final String DUE = " AND (? = 0 OR url IS NULL OR url <> ? OR due <= ?)";
    private static final String TAKE_FREE = "UPDATE source_lease SET owner = ?, expires = ? WHERE source_id = ? "
            + "AND (owner IS NULL OR owner = ?)" + DUE;
    private static final String TAKE_EXPIRED = "UPDATE source_lease SET owner = ?, expires = ? WHERE source_id = ? "
            + "AND owner = ? AND expires <= ?" + DUE;

    private LeaseTable() {}

    /**
     * Takes the lease by one conditional update of its row, whose condition reads only that row (its holder and
     * expiry, and the URL and due time the last commit of the source left in it), so the database applies it
     * atomically without the writers' lock: PostgreSQL re-reads a row another transaction changed before applying
     * it. When it is not taken, the row says why: another instance's unexpired lease, or a fetch since.
     */
    static Claim claim(Connection c, String owner, String sourceId, String url, Instant now, Duration length,
                       boolean ifDue) throws SQLException {
        if (take(c, owner, sourceId, url, now, length, ifDue, null)) {
            return new Claim(Claim.Outcome.CLAIMED, null, null, null); // the common case: one statement
        }
        Row row = read(c, sourceId);
        if (row == null) { // never claimed: made, then claimed
            try (PreparedStatement p = c.prepareStatement("INSERT INTO source_lease (source_id, owner, expires, url, "
                    + "due) VALUES (?, NULL, 0, NULL, 0) ON CONFLICT DO NOTHING")) {
                p.setString(1, sourceId);
                p.executeUpdate();
            }
            if (take(c, owner, sourceId, url, now, length, ifDue, null)) {
                return new Claim(Claim.Outcome.CLAIMED, null, null, null);
            }
            row = read(c, sourceId);
        }
        boolean expired = row.owner() != null && !row.owner().equals(owner) && row.expires() <= now.toEpochMilli();
        if (expired && take(c, owner, sourceId, url, now, length, ifDue, row.owner())) {
            return new Claim(Claim.Outcome.CLAIMED, row.owner(), null, null);
        }
        if (row.owner() != null && !row.owner().equals(owner) && row.expires() > now.toEpochMilli()) {
            return new Claim(Claim.Outcome.BUSY, null, Instant.ofEpochMilli(row.expires()), null);
        }
        SourceState stored = StateTable.states(c, java.util.List.of(sourceId)).get(sourceId);
        return new Claim(Claim.Outcome.NOT_DUE, null, null,
                stored != null ? stored : SourceState.pending(sourceId, url).withNextFetch(Instant.ofEpochMilli(row.due())));
    }

    /**
     * The one conditional update that takes a lease: free or {@code owner}'s already ({@code from} null), or
     * {@code from}'s and expired; and, with {@code ifDue}, due (for this URL).
     */
    private static boolean take(Connection c, String owner, String sourceId, String url, Instant now,
                                Duration length, boolean ifDue, String from) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(from == null ? TAKE_FREE : TAKE_EXPIRED)) {
            int i = 1;
            p.setString(i++, owner);
            p.setLong(i++, now.plus(length).toEpochMilli());
            p.setString(i++, sourceId);
            p.setString(i++, from == null ? owner : from);
            if (from != null) {
                p.setLong(i++, now.toEpochMilli());
            }
            p.setInt(i++, ifDue ? 1 : 0);
            p.setString(i++, url);
            p.setLong(i, now.toEpochMilli());
            return p.executeUpdate() == 1;
        }
    }

    /** A lease row: its holder (null: none) and expiry, in epoch milliseconds. */
    private record Row(String owner, long expires, long due) {}

    /** The lease row of {@code sourceId}, or null when it was never claimed. */
    private static Row read(Connection c, String sourceId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT owner, expires, due FROM source_lease WHERE source_id = ?")) {
            p.setString(1, sourceId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new Row(r.getString(1), r.getLong(2), r.getLong(3)) : null;
            }
        }
    }

    static void renew(Connection c, String owner, Collection<String> sourceIds, Instant until) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE source_lease SET expires = ? WHERE source_id = ? AND owner = ?")) {
            for (String id : sourceIds) {
                p.setLong(1, until.toEpochMilli());
                p.setString(2, id);
                p.setString(3, owner);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /**
     * Records in each source's lease row the URL fetched and when the source is due next (0: at once), which the next
     * claim reads, whoever holds the lease now (an instance slow to renew may have lost it to another, which must
     * not fetch the source again); and ends the lease if it is {@code owner}'s.
     */
    static void release(Connection c, String owner, Collection<SourceState> states) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE source_lease SET url = ?, due = ?, "
                + "expires = CASE WHEN owner = ? THEN 0 ELSE expires END, "
                + "owner = CASE WHEN owner = ? THEN NULL ELSE owner END WHERE source_id = ?")) {
            for (SourceState s : states) {
                p.setString(1, s.url());
                p.setLong(2, s.nextFetch() == null ? 0 : s.nextFetch().toEpochMilli());
                p.setString(3, owner);
                p.setString(4, owner);
                p.setString(5, s.sourceId());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Every lease held now, owner by source id (for tests and status). */
    static Map<String, String> held(Connection c, Instant now) throws SQLException {
        Map<String, String> held = new java.util.TreeMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT source_id, owner FROM source_lease WHERE owner IS NOT NULL AND expires > ?")) {
            p.setLong(1, now.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    held.put(r.getString(1), r.getString(2));
                }
            }
        }
        return held;
    }

    /** See {@link Coordination#takeHostSlot}: slot rows are made on first use, then only updated. */
    static int takeHostSlot(Connection c, String owner, String host, int limit, Instant now, Duration hold)
            throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try (PreparedStatement p = c.prepareStatement("UPDATE host_slot SET owner = ?, expires = ? "
                    + "WHERE host = ? AND slot = ? AND (owner IS NULL OR expires <= ?)")) {
                for (int slot = 0; slot < limit; slot++) {
                    p.setString(1, owner);
                    p.setLong(2, now.plus(hold).toEpochMilli());
                    p.setString(3, host);
                    p.setInt(4, slot);
                    p.setLong(5, now.toEpochMilli());
                    if (p.executeUpdate() == 1) {
                        return slot;
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM host_slot WHERE host = ?")) {
                p.setString(1, host);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    if (r.getInt(1) >= limit) {
                        return -1;
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO host_slot (host, slot, owner, expires) "
                    + "VALUES (?, ?, NULL, 0) ON CONFLICT DO NOTHING")) {
                for (int slot = 0; slot < limit; slot++) {
                    p.setString(1, host);
                    p.setInt(2, slot);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        return -1;
    }

    static void renewHostSlots(Connection c, String owner, String host, Collection<Integer> slots, Instant until)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE host_slot SET expires = ? WHERE host = ? AND slot = ? AND owner = ?")) {
            for (int slot : slots) {
                p.setLong(1, until.toEpochMilli());
                p.setString(2, host);
                p.setInt(3, slot);
                p.setString(4, owner);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    static void giveHostSlot(Connection c, String owner, String host, int slot) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE host_slot SET owner = NULL, expires = 0 WHERE host = ? AND slot = ? AND owner = ?")) {
            p.setString(1, host);
            p.setInt(2, slot);
            p.setString(3, owner);
            p.executeUpdate();
        }
    }
}
