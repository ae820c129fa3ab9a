package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.feedloom.model.SourceState;

/**
 * The {@code source_state} and {@code first_seen} tables. Static SQL over a connection the caller holds, inside the
 * caller's transaction.
 *
 * <p>{@link #save} is the one rule for writing a state: only the columns that differ from the stored row are
 * written (a 304 changes the times and the status, not the validators), and nothing at all when none differs.
 */
final class StateTable {
    /** Every column but the key, with its SQL value in a state: text, integers, instants as ISO-8601 text. */
    private static final List<Column> COLUMNS = List.of(
            new Column("url", SourceState::url),
            new Column("feed_url", SourceState::feedUrl),
            new Column("etag", SourceState::etag),
            new Column("last_modified", SourceState::lastModified),
            new Column("status", s -> s.status().name()),
            new Column("failures", SourceState::failures),
            new Column("last_attempt", s -> ModelJson.instant(s.lastAttempt())),
            new Column("last_success", s -> ModelJson.instant(s.lastSuccess())),
            new Column("next_fetch", s -> ModelJson.instant(s.nextFetch())),
            new Column("http_status", SourceState::httpStatus),
            new Column("items_in_last", SourceState::itemsInLast),
            new Column("new_items", SourceState::newItems),
            new Column("error", SourceState::error),
            new Column("body_hash", SourceState::bodyHash));
    private static final String INSERT = "INSERT INTO source_state (source_id, "
            + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES (?"
            + ", ?".repeat(COLUMNS.size()) + ")";

    private record Column(String name, Function<SourceState, Object> value) {}

    private StateTable() {}

    /**
     * Saves a source's state: inserts it when the source has none stored, else updates the columns whose value
     * differs from the stored one, and writes nothing when none does. Returns how many columns it wrote. Its
     * statements come from {@code statements}, which a batch of saves shares: prepared once a batch, not once a source.
     */
    static int save(PreparedStatements statements, SourceState s) throws SQLException {
        Stored row = stored(statements, s.sourceId());
        SourceState stored = row.state();
        List<Column> changed = stored == null ? COLUMNS : COLUMNS.stream()
                .filter(col -> !Objects.equals(col.value().apply(stored), col.value().apply(s))).toList();
        if (changed.isEmpty()) {
            return 0;
        }
        String sql = !row.exists() ? INSERT : "UPDATE source_state SET "
                + changed.stream().map(col -> col.name() + " = ?").collect(Collectors.joining(", "))
                + " WHERE source_id = ?";
        PreparedStatement p = statements.of(sql);
        int i = 1;
        if (!row.exists()) {
            p.setString(i++, s.sourceId());
        }
        for (Column col : changed) {
            p.setObject(i++, col.value().apply(s));
        }
        if (row.exists()) {
            p.setString(i, s.sourceId());
        }
        p.executeUpdate();
        return changed.size();
    }

    /** A source's stored row: whether there is one, and its state (null when there is none, or it is damaged). */
    private record Stored(boolean exists, SourceState state) {}

    /** A damaged row ({@link DamagedRows}) is there with no state: a save writes every column over it. */
    private static Stored stored(PreparedStatements statements, String sourceId) throws SQLException {
        PreparedStatement p = statements.of("SELECT * FROM source_state WHERE source_id = ?");
        p.setString(1, sourceId);
        try (ResultSet r = p.executeQuery()) {
            return !r.next() ? new Stored(false, null) : new Stored(true,
                    new DamagedRows("source_state").read(() -> "the state of source " + sourceId, () -> state(r)));
        }
    }

    private static SourceState state(ResultSet r) throws SQLException {
        return new SourceState(r.getString("source_id"), r.getString("url"), r.getString("feed_url"),
                r.getString("etag"), r.getString("last_modified"), SourceState.Status.valueOf(r.getString("status")),
                r.getInt("failures"), Sql.getInstant(r, "last_attempt"), Sql.getInstant(r, "last_success"),
                Sql.getInstant(r, "next_fetch"), r.getInt("http_status"), r.getInt("items_in_last"),
                r.getInt("new_items"), r.getString("error"), r.getString("body_hash"));
    }

    /** The stored states of {@code sourceIds} that have one, by source id. */
    static Map<String, SourceState> states(Connection c, java.util.Collection<String> sourceIds) throws SQLException {
        Map<String, SourceState> states = new HashMap<>();
        try (PreparedStatements statements = new PreparedStatements(c, "source states")) {
            for (String id : sourceIds) {
                SourceState s = stored(statements, id).state();
                if (s != null) {
                    states.put(id, s);
                }
            }
        }
        return states;
    }

    static Map<String, SourceState> all(Connection c) throws SQLException {
        Map<String, SourceState> states = new HashMap<>();
        DamagedRows damaged = new DamagedRows("source_state");
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM source_state");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                SourceState s = damaged.read(() -> "the state of source " + r.getString("source_id"), () -> state(r));
                if (s != null) { // fetched again as if never fetched
                    states.put(s.sourceId(), s);
                }
            }
        }
        return states;
    }

    /**
     * Records first-seen times; a key already stored keeps its time, unless its stored time cannot be read
     * ({@link DamagedRows}): the time given is written over it, so that the article's date stays that one from now on.
     */
    static void putFirstSeen(Connection c, Map<String, Instant> firstSeen) throws SQLException {
        List<Map.Entry<String, Instant>> entries = List.copyOf(firstSeen.entrySet());
        int[] inserted;
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO first_seen (key, first_seen) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")) {
            for (Map.Entry<String, Instant> e : entries) {
                p.setString(1, e.getKey());
                Sql.setInstant(p, 2, e.getValue());
                p.addBatch();
            }
            inserted = p.executeBatch();
        }
        DamagedRows damaged = new DamagedRows("first_seen");
        try (PreparedStatement read = c.prepareStatement("SELECT first_seen FROM first_seen WHERE key = ?");
             PreparedStatement over = c.prepareStatement("UPDATE first_seen SET first_seen = ? WHERE key = ?")) {
            for (int i = 0; i < entries.size(); i++) {
                if (inserted[i] > 0) {
                    continue; // a key stored already (another instance's, or a damaged row) is looked at
                }
                String key = entries.get(i).getKey();
                read.setString(1, key);
                try (ResultSet r = read.executeQuery()) {
                    if (r.next() && damaged.read(() -> "the first-seen time of " + key,
                            () -> Sql.getInstant(r, "first_seen")) == null) {
                        Sql.setInstant(over, 1, entries.get(i).getValue());
                        over.setString(2, key);
                        over.executeUpdate();
                    }
                }
            }
        }
    }

    /** Every stored first-seen time, by key as {@code keys} gives it (the equal string the caller holds already). */
    static Map<String, Instant> firstSeen(Connection c, java.util.function.UnaryOperator<String> keys)
            throws SQLException {
        Map<String, Instant> times = new HashMap<>();
        Map<Instant, Instant> shared = new HashMap<>(); // a fetch's items are first seen at one time
        Sql.keyTimes(c, "first_seen", "first_seen", "the first-seen time of ",
                (key, at) -> times.put(keys.apply(key), shared.computeIfAbsent(at, t -> t)));
        return times;
    }
}
