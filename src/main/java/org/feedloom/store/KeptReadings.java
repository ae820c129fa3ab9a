package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.canonical.TextTerms;
import org.feedloom.topic.TopicReading;

/**
 * A table of what a rebuild read from merged articles' texts, one row an article, so that a restart takes it instead
 * of reading every text again: each row names the text it was read from by content, and how it was read
 * ({@code made_by}: a row read another way is never given for the current way; it is forgotten when all are read
 * at once, and replaced when its text is read again), so a row kept for an older text or an older way of reading is
 * never taken for the current one. {@link #TERMS}: related coverage's story terms ({@code story_terms});
 * {@link #TOPICS}: what the topic rules read ({@code topic_reading}).
 * Statements over the caller's connection, inside its transaction.
 *
 * @param <T> what a row holds
 */
final class KeptReadings<T> {
    /** Writes a reading's own columns, from parameter {@code at} on. */
    private interface Writer<T> {
        void write(PreparedStatement p, int at, T value) throws SQLException;
    }

    /** Reads a reading from its own columns, from column {@code at} on. */
    private interface Reader<T> {
        T read(ResultSet r, int at) throws SQLException;
    }

    static final KeptReadings<TextTerms> TERMS = new KeptReadings<>("story_terms", "made_by",
            List.of("text_id", "press_release", "terms"), (p, at, t) -> {
                p.setLong(at, t.text());
                p.setInt(at + 1, t.pressRelease() ? 1 : 0);
                p.setBytes(at + 2, Sql.bytes(t.terms()));
            }, (r, at) -> new TextTerms(r.getLong(at), r.getInt(at + 1) != 0, Sql.longs(r.getBytes(at + 2))));

    static final KeptReadings<TopicReading> TOPICS = new KeptReadings<>("topic_reading", "rules",
            List.of("text_id", "matched", "excluded"), (p, at, t) -> {
                p.setLong(at, t.text());
                p.setBytes(at + 1, Sql.bytes(t.matched()));
                p.setBytes(at + 2, Sql.bytes(t.excluded()));
            }, (r, at) -> new TopicReading(r.getLong(at), Sql.ints(r.getBytes(at + 1)), Sql.ints(r.getBytes(at + 2))));

    private final String table;
    private final String madeBy;
    private final List<String> columns;
    private final Writer<T> writer;
    private final Reader<T> reader;

    private KeptReadings(String table, String madeBy, List<String> columns, Writer<T> writer, Reader<T> reader) {
        this.table = table;
        this.madeBy = madeBy;
        this.columns = columns;
        this.writer = writer;
        this.reader = reader;
    }

    /** Writes {@code readings} by article key (null: the article went, its row goes), as read {@code how}. */
    void save(Connection c, Map<String, T> readings, String how) throws SQLException {
        if (readings.isEmpty()) {
            return;
        }
        String own = String.join(", ", columns);
        StringBuilder updates = new StringBuilder(madeBy + " = excluded." + madeBy);
        columns.forEach(col -> updates.append(", ").append(col).append(" = excluded.").append(col));
        try (PreparedStatement put = c.prepareStatement("INSERT INTO " + table + " (article_key, " + madeBy + ", "
                + own + ") VALUES (?, ?, " + Sql.marks(columns.size()) + ") "
                + "ON CONFLICT (article_key) DO UPDATE SET " + updates);
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE article_key = ?")) {
            int puts = 0;
            int deletes = 0;
            for (Map.Entry<String, T> e : readings.entrySet()) {
                PreparedStatement p = e.getValue() == null ? delete : put;
                p.setString(1, e.getKey());
                if (e.getValue() != null) {
                    p.setString(2, how);
                    writer.write(p, 3, e.getValue());
                    puts++;
                } else {
                    deletes++;
                }
                p.addBatch();
            }
            if (puts > 0) {
                put.executeBatch();
            }
            if (deletes > 0) {
                delete.executeBatch();
            }
        }
    }

    /**
     * Every reading kept as read {@code how} whose rows meet {@code condition} (SQL over its own columns), by article
     * key.
     */
    Map<String, T> readWhere(Connection c, String how, String condition) throws SQLException {
        Map<String, T> out = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT article_key, " + String.join(", ", columns) + " FROM "
                + table + " WHERE " + madeBy + " = ? AND (" + condition + ")")) {
            p.setString(1, how);
            readInto(p, out);
        }
        return out;
    }

    /** Puts each row {@code p} selects (its article key, then its own columns) in {@code out}, by article key. */
    private void readInto(PreparedStatement p, Map<String, T> out) throws SQLException {
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), reader.read(r, 2));
            }
        }
    }

    /** The readings kept for {@code articleKeys} as read {@code how}, by article key (none for a key without one). */
    Map<String, T> readOf(Connection c, java.util.Collection<String> articleKeys, String how) throws SQLException {
        Map<String, T> out = new HashMap<>();
        for (List<String> chunk : Sql.runs(List.copyOf(articleKeys), Sql.KEYS_AT_ONCE)) {
            try (PreparedStatement p = c.prepareStatement("SELECT article_key, " + String.join(", ", columns)
                    + " FROM " + table + " WHERE " + madeBy + " = ? AND article_key IN (" + Sql.marks(chunk.size())
                    + ")")) {
                p.setString(1, how);
                Sql.setStrings(p, 2, chunk);
                readInto(p, out);
            }
        }
        return out;
    }
}
