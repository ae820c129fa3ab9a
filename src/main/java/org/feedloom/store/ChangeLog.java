package org.feedloom.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.PublishedId;
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
        JsonArray sources = new JsonArray();
        a.sources().forEach(sources::add);
        o.add("sources", sources);
        JsonObject firstSeen = new JsonObject();
        a.firstSeen().forEach((key, at) -> firstSeen.addProperty(key, at.toString()));
        o.add("firstSeen", firstSeen);
        JsonArray ids = new JsonArray();
        for (PublishedId id : a.publishedIds()) {
            JsonArray record = new JsonArray();
            record.add(id.aliasKey());
            record.add(id.idKey());
            record.add(id.publishedAt().toString());
            ids.add(record);
        }
        o.add("ids", ids);
        if (!a.forgotten().isEmpty()) { // read by versions that know it; the others read an announcement of nothing
            JsonArray forgotten = new JsonArray();
            a.forgotten().forEach(forgotten::add);
            o.add("forgotten", forgotten);
        }
        return o.toString();
    }

    /**
     * The announcement of a row; one that cannot be read (a damaged row, or one of a later version's format) is
     * logged and read as an announcement of nothing, so that the readers go on to the rows after it instead of
     * reading it again and again: the sources it named are merged by each reader when they change next.
     */
    private static Announcement read(long seq, String instance, String payload) {
        try {
            return parse(seq, instance, payload);
        } catch (RuntimeException e) {
            LOG.error("store: change log row {} of instance {} cannot be read, skipped ({}); the sources it named "
                    + "are merged here when they change next", seq, instance, e.toString());
            return new Announcement(seq, instance, false, List.of(), Map.of(), List.of());
        }
    }

    private static Announcement parse(long seq, String instance, String payload) {
        JsonObject o = JsonParser.parseString(payload).getAsJsonObject();
        List<String> sources = new ArrayList<>();
        o.getAsJsonArray("sources").forEach(e -> sources.add(e.getAsString()));
        Map<String, Instant> firstSeen = new LinkedHashMap<>();
        o.getAsJsonObject("firstSeen").entrySet()
                .forEach(e -> firstSeen.put(e.getKey(), Instant.parse(e.getValue().getAsString())));
        List<PublishedId> ids = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("ids")) {
            JsonArray r = e.getAsJsonArray();
            ids.add(new PublishedId(r.get(0).getAsString(), r.get(1).getAsString(),
                    Instant.parse(r.get(2).getAsString())));
        }
        boolean committed = o.has("committed") && o.get("committed").getAsBoolean();
        List<String> forgotten = new ArrayList<>();
        if (o.has("forgotten")) {
            o.getAsJsonArray("forgotten").forEach(e -> forgotten.add(e.getAsString()));
        }
        return new Announcement(seq, instance, committed, sources, firstSeen, ids, forgotten);
    }
}
