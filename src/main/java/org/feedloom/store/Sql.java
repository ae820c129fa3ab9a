package org.feedloom.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import org.feedloom.model.SeedFacts;

/** Column helpers shared by the tables: nullable numbers and booleans, instants as text, seed facts. */
final class Sql {
    private Sql() {}

    static void setInteger(PreparedStatement p, int index, Integer value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.INTEGER);
        } else {
            p.setInt(index, value);
        }
    }

    static Integer getInteger(ResultSet r, String column) throws SQLException {
        int value = r.getInt(column);
        return r.wasNull() ? null : value;
    }

    static Long getLong(ResultSet r, String column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    static void setInstant(PreparedStatement p, int index, Instant value) throws SQLException {
        p.setString(index, ModelJson.instant(value));
    }

    static Instant getInstant(ResultSet r, String column) throws SQLException {
        return ModelJson.instant(r.getString(column));
    }

    /** Binds the five {@code fact_*} columns from {@code index} on. */
    static void setFacts(PreparedStatement p, int index, SeedFacts f) throws SQLException {
        p.setString(index, f.category());
        p.setString(index + 1, f.type());
        setInteger(p, index + 2, f.quality());
        setInteger(p, index + 3, f.heat());
        setInteger(p, index + 4, f.published() == null ? null : f.published() ? 1 : 0);
    }

    /** The five {@code fact_*} columns; {@link SeedFacts#NONE} itself when all are null (every live item's). */
    static SeedFacts getFacts(ResultSet r) throws SQLException {
        Integer published = getInteger(r, "fact_published");
        SeedFacts facts = new SeedFacts(r.getString("fact_category"), r.getString("fact_type"),
                getInteger(r, "fact_quality"), getInteger(r, "fact_heat"), published == null ? null : published != 0);
        return facts.equals(SeedFacts.NONE) ? SeedFacts.NONE : facts;
    }

    /**
     * The most keys one statement's {@code IN} list takes: a topic page's articles in one statement, well within every
     * database's limit on parameters.
     */
    static final int KEYS_AT_ONCE = 500;

    /** {@code values} in runs of at most {@code size}, in order: one statement's {@code IN} list each. */
    static <T> java.util.List<java.util.List<T>> runs(java.util.List<T> values, int size) {
        java.util.List<java.util.List<T>> runs = new java.util.ArrayList<>();
        for (int from = 0; from < values.size(); from += size) {
            runs.add(values.subList(from, Math.min(values.size(), from + size)));
        }
        return runs;
    }

    /** {@code n} parameter marks for an {@code IN} list: {@code ?, ?, ?}. */
    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Binds {@code values} from {@code index} on. */
    static void setStrings(PreparedStatement p, int index, java.util.List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            p.setString(index + i, values.get(i));
        }
    }

    /** Reads one row of a result into a value. */
    interface RowReader<T> {
        T read(ResultSet r) throws SQLException;
    }

    /** Every row {@code p} gives, read by {@code reader}, in the order given. */
    static <T> java.util.List<T> rows(PreparedStatement p, RowReader<T> reader) throws SQLException {
        java.util.List<T> out = new java.util.ArrayList<>();
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                out.add(reader.read(r));
            }
        }
        return out;
    }

    /** {@link #rows}, those that cannot be read skipped as {@link DamagedRows} skips them (named by their table). */
    static <T> java.util.List<T> readableRows(PreparedStatement p, String table, RowReader<T> reader)
            throws SQLException {
        java.util.List<T> out = new java.util.ArrayList<>();
        DamagedRows damaged = new DamagedRows(table);
        try (ResultSet r = p.executeQuery()) {
            while (r.next()) {
                T value = damaged.read(() -> "a row of " + table, () -> reader.read(r));
                if (value != null) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    /**
     * Gives {@code each} every row's {@code key} and time ({@code column}) of {@code table}; a row whose time cannot be
     * read is skipped as {@link DamagedRows} skips them, named {@code what} and its key.
     */
    static void keyTimes(java.sql.Connection c, String table, String column, String what,
                         java.util.function.BiConsumer<String, java.time.Instant> each) throws SQLException {
        DamagedRows damaged = new DamagedRows(table);
        try (PreparedStatement p = c.prepareStatement("SELECT key, " + column + " FROM " + table);
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                java.time.Instant at = damaged.read(() -> what + r.getString(1), () -> getInstant(r, column));
                if (at != null) {
                    each.accept(r.getString(1), at);
                }
            }
        }
    }

    /** 64-bit values as bytes for a blob column: eight a value, big-endian. */
    static byte[] bytes(long[] values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * Long.BYTES);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** 32-bit values as bytes for a blob column: four a value, big-endian. */
    static byte[] bytes(int[] values) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(values.length * Integer.BYTES);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    /** What {@link #bytes(int[])} wrote (none for null). */
    static int[] ints(byte[] bytes) {
        if (bytes == null) {
            return new int[0];
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        int[] values = new int[bytes.length / Integer.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = b.getInt();
        }
        return values;
    }

    /** What {@link #bytes(long[])} wrote (none for null). */
    static long[] longs(byte[] bytes) {
        if (bytes == null) {
            return new long[0];
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        long[] values = new long[bytes.length / Long.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = b.getLong();
        }
        return values;
    }
}
