package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The first-seen times ({@code first_seen}) as a merge in the store's transaction reads them: a key's time looked up
 * when the merge asks for it, a key without one given the merge's time and recorded with it when the merge is
 * {@link #flush}ed, in the same transaction. A row that cannot be read ({@link DamagedRows}) is no time; the time
 * recorded writes over it. Not thread-safe.
 */
final class StoredFirstSeen implements AutoCloseable {
    private final Connection connection;
    /** The times looked up or given, by key. */
    private final Map<String, Instant> known = new HashMap<>();
    /** The times given to keys that had none, to record. */
    private final Map<String, Instant> added = new LinkedHashMap<>();
    private final DamagedRows damaged = new DamagedRows("first_seen");
    private final PreparedStatements statements;

    StoredFirstSeen(Connection connection) {
        this.connection = connection;
        this.statements = new PreparedStatements(connection, "first-seen times");
    }

    /** A key's first-seen time: the one recorded, else {@code now}, recorded at the flush. */
    Function<String, Instant> or(Instant now) {
        return key -> known.computeIfAbsent(key, k -> {
            Instant stored = read(k);
            if (stored == null) {
                added.put(k, now);
                return now;
            }
            return stored;
        });
    }

    private Instant read(String key) {
        try {
            PreparedStatement select = statements.of("SELECT first_seen FROM first_seen WHERE key = ?");
            select.setString(1, key);
            try (ResultSet r = select.executeQuery()) {
                return r.next() ? damaged.read(() -> "the first-seen time of " + key,
                        () -> Sql.getInstant(r, "first_seen")) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("store: first-seen times: reading " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** Records the times given since the last flush. */
    void flush() throws SQLException {
        if (!added.isEmpty()) {
            StateTable.putFirstSeen(connection, added);
            added.clear();
        }
    }

    @Override
    public void close() {
        statements.close();
    }
}
