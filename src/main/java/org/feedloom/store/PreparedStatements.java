package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The statements one piece of work prepares on a connection the caller holds, each prepared once by its SQL and
 * closed together at the end: a merge asks the same few look-ups thousands of times a transaction. Not thread-safe.
 */
final class PreparedStatements implements AutoCloseable {
    private final Connection connection;
    private final String owner;
    private final Map<String, PreparedStatement> bySql = new HashMap<>();

    /** On {@code connection}; {@code owner} names the work in a failure's message ("merge state"). */
    PreparedStatements(Connection connection, String owner) {
        this.connection = connection;
        this.owner = owner;
    }

    /** The statement of {@code sql}, prepared the first time it is asked for. */
    PreparedStatement of(String sql) {
        return bySql.computeIfAbsent(sql, s -> {
            try {
                return connection.prepareStatement(s);
            } catch (SQLException e) {
                throw new StoreException("store: " + owner + ": preparing " + s + " failed: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void close() {
        for (PreparedStatement p : bySql.values()) {
            try {
                p.close();
            } catch (SQLException e) {
                // closing a statement of a connection that stays open: nothing to keep
            }
        }
        bySql.clear();
    }
}
