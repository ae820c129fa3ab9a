package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code gone_key} table: the keys of first-seen times and published ids that no article holds any more, with
 * when a forgetting pass first found each so ({@link ArticleStore#noteGone}). A key held again leaves it; one gone
 * for the configured time is forgotten with its records: its first-seen time, its published id, the fold evidence of
 * the copy it named and the coverage links it was a side of. Static SQL over a connection the caller holds, inside
 * its transaction.
 */
final class GoneKeyTable {
    private GoneKeyTable() {}

    /**
     * What a pass writes, given the keys recorded that no article holds now ({@code unheld}) and the table as it was
     * ({@code gone}, key to when it was found gone): the keys found gone now ({@code newlyGone}), the keys held again
     * ({@code back}: in the table, not unheld) and the keys gone since before {@code before} ({@code forget}).
     */
    record Plan(Set<String> newlyGone, Set<String> back, Set<String> forget) {
        static Plan of(Set<String> unheld, Map<String, Instant> gone, Instant before) {
            Set<String> newlyGone = new LinkedHashSet<>();
            Set<String> forget = new LinkedHashSet<>();
            for (String key : unheld) {
                Instant since = gone.get(key);
                if (since == null) {
                    newlyGone.add(key);
                } else if (since.isBefore(before)) {
                    forget.add(key);
                }
            }
            Set<String> back = new LinkedHashSet<>();
            gone.keySet().forEach(key -> {
                if (!unheld.contains(key)) {
                    back.add(key);
                }
            });
            return new Plan(newlyGone, back, forget);
        }
    }

    /** Every row: key to when it was found gone. */
    static Map<String, Instant> all(Connection c) throws SQLException {
        Map<String, Instant> gone = new HashMap<>();
        // a note that cannot be read is not one: kept (and logged each pass) until an article holds the key again
        Sql.keyTimes(c, "gone_key", "gone_at", "the note as gone of ", gone::put);
        return gone;
    }

    /** Those of {@code keys} that have a first-seen time or a published id. */
    static Set<String> recorded(Connection c, List<String> keys) throws SQLException {
        return found(c, keys, "SELECT key FROM first_seen WHERE key",
                "SELECT alias_key FROM published_id WHERE alias_key");
    }

    /**
     * Those of {@code keys} that an article of the merged archive holds: as an alias key, or as its key (an id made
     * of an address the article no longer has).
     */
    static Set<String> held(Connection c, List<String> keys) throws SQLException {
        return found(c, keys, "SELECT alias_key FROM merged_alias WHERE alias_key",
                "SELECT key FROM merged_article WHERE key");
    }

    /** Those of {@code keys} that any of {@code selects} (each a select of one key column up to its IN) finds. */
    private static Set<String> found(Connection c, List<String> keys, String... selects) throws SQLException {
        Set<String> found = new HashSet<>();
        for (List<String> run : Sql.runs(keys, Sql.KEYS_AT_ONCE)) {
            for (String select : selects) {
                try (PreparedStatement p = c.prepareStatement(select + " IN (" + Sql.marks(run.size()) + ")")) {
                    Sql.setStrings(p, 1, run);
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            found.add(r.getString(1));
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * The keys of the first-seen times and published ids recorded that no article of the merged archive holds
     * ({@link #held}'s rule).
     */
    static Set<String> unheldRecords(Connection c) throws SQLException {
        Set<String> unheld = new HashSet<>();
        String notHeld = "NOT EXISTS (SELECT 1 FROM merged_alias m WHERE m.alias_key = %1$s) "
                + "AND NOT EXISTS (SELECT 1 FROM merged_article a WHERE a.key = %1$s)";
        for (String sql : List.of("SELECT f.key FROM first_seen f WHERE " + notHeld.formatted("f.key"),
                "SELECT p.alias_key FROM published_id p WHERE " + notHeld.formatted("p.alias_key"))) {
            try (PreparedStatement p = c.prepareStatement(sql); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    unheld.add(r.getString(1));
                }
            }
        }
        return unheld;
    }

    /** Records {@code keys} as found gone at {@code at}. */
    static void gone(Connection c, Collection<String> keys, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO gone_key (key, gone_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")) {
            for (String key : keys) {
                p.setString(1, key);
                Sql.setInstant(p, 2, at);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Takes {@code keys} out of the table: held again. */
    static void back(Connection c, Collection<String> keys) throws SQLException {
        deleteEach(c, "DELETE FROM gone_key WHERE key = ?", keys);
    }

    /**
     * Forgets {@code keys}: their rows here, their first-seen times, their published ids and the fold evidence of the
     * copies they name.
     */
    static void forget(Connection c, Collection<String> keys) throws SQLException {
        deleteEach(c, "DELETE FROM first_seen WHERE key = ?", keys);
        deleteEach(c, "DELETE FROM published_id WHERE alias_key = ?", keys);
        deleteEach(c, "DELETE FROM fold WHERE copy_key = ?", keys);
        deleteEach(c, "DELETE FROM gone_key WHERE key = ?", keys);
    }

    /** Deletes the coverage links one of whose two sides is among {@code keys}; returns how many. */
    static int forgetStoryLinks(Connection c, Set<String> keys) throws SQLException {
        List<String> pairs = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT pair_key FROM story_link");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                String pair = r.getString(1);
                int space = pair.indexOf(' ');
                if (keys.contains(pair.substring(0, space)) || keys.contains(pair.substring(space + 1))) {
                    pairs.add(pair);
                }
            }
        }
        deleteEach(c, "DELETE FROM story_link WHERE pair_key = ?", pairs);
        return pairs.size();
    }

    private static void deleteEach(Connection c, String sql, Collection<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (String key : keys) {
                p.setString(1, key);
                p.addBatch();
            }
            p.executeBatch();
        }
    }
}
