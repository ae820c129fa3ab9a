package org.feedloom.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.store.Coordination.Announcement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code change_log} table: one row per {@link Announcement}, its sequence number the row before's plus one
 * (writers are serialised, so numbers are committed in order and a reader that has seen number n has seen every
 * number below it), its content as JSON. Static SQL over a connection the caller holds, inside its transaction.
 */
final class ChangeLog {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeLog.class);

    private ChangeLog() {}

    static long append(Connection c, String instance, Announcement a, Instant now, Instant dropBefore)
            throws SQLException {
        long seq = last(c) + 1; // before the cut, which may leave the log empty
        try (PreparedStatement p = c.prepareStatement("DELETE FROM change_log WHERE at < ?")) {
            p.setLong(1, dropBefore.toEpochMilli());
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO change_log (seq, instance, at, payload) VALUES (?, ?, ?, ?)")) {
            p.setLong(1, seq);
            p.setString(2, instance);
            p.setLong(3, now.toEpochMilli());
            p.setString(4, payload(a));
            p.executeUpdate();
        }
        return seq;
    }

    static long last(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM change_log");
             ResultSet r = p.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    static List<Announcement> after(Connection c, long seq, int limit) throws SQLException {
        List<Announcement> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT seq, instance, payload FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?")) {
            p.setLong(1, seq);
            p.setInt(2, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(read(r.getLong(1), r.getString(2), r.getString(3)));
                }
            }
        }
        return out;
    }

    private static String payload(Announcement a) {
        JsonObject o = new JsonObject();
        if (a.committed()) {
            o.addProperty("committed", true);
        }
        o.add("sources", array(a.sources()));
        o.add("articles", array(a.articles()));
        return o.toString();
    }

    private static JsonArray array(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    /**
     * The announcement of a row; one that cannot be read (a damaged row, or one of another version's format) is
     * logged and read as an announcement of nothing, so that the readers go on to the rows after it instead of
     * reading it again and again: the articles it named are shown by each reader when they change next.
     */
    private static Announcement read(long seq, String instance, String payload) {
        try {
            return parse(seq, instance, payload);
        } catch (RuntimeException e) {
            LOG.error("store: change log row {} of instance {} cannot be read, skipped ({}); the articles it named "
                    + "are shown here when they change next", seq, instance, e.toString());
            return new Announcement(seq, instance, false, List.of(), List.of());
        }
    }

    private static Announcement parse(long seq, String instance, String payload) {
        JsonObject o = JsonParser.parseString(payload).getAsJsonObject();
        boolean committed = o.has("committed") && o.get("committed").getAsBoolean();
        // rows of older versions may name keys a forgetting pass forgot ("forgotten"): every instance forgets on the
        // shared records now, so there is nothing to do with them
        return new Announcement(seq, instance, committed, strings(o, "sources"), strings(o, "articles"));
    }

    private static List<String> strings(JsonObject o, String name) {
        List<String> out = new ArrayList<>();
        o.getAsJsonArray(name).forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
