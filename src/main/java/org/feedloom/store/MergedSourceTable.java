package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.feedloom.model.Body;

/**
 * The {@code merged_source} table: the sources whose stored items the merged archive holds, each with the exclude
 * keywords they were merged under. A source removed from the configuration keeps its stored items (back in it, it
 * has them again) but leaves the archive; one whose excludes change is merged again under them. And the one-row
 * {@code merge_rule} table: the rule the archive was merged under. Static SQL over a connection the caller holds,
 * inside its transaction.
 */
final class MergedSourceTable {
    private MergedSourceTable() {}

    /**
     * The excludes in column {@code column} of the row {@code r} is on, source {@code sourceId}'s. A row that cannot
     * be read is taken as a source merged without excludes, as most sources are (written again by the next
     * {@link #replace} that changes it; the archive is exact again after a reindex).
     */
    private static List<String> excludes(ResultSet r, int column, String sourceId, DamagedRows damaged)
            throws SQLException {
        List<String> excludes = damaged.read(() -> "the merged source " + sourceId,
                () -> ModelJson.strings(r.getString(column)));
        return excludes == null ? List.of() : excludes;
    }

    /**
     * The exclude keywords source {@code sourceId} is merged under, or null when the archive does not hold it.
     */
    static List<String> excludesOf(Connection c, String sourceId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT excludes FROM merged_source WHERE source_id = ?")) {
            p.setString(1, sourceId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                return excludes(r, 1, sourceId, new DamagedRows("merged_source"));
            }
        }
    }

    /**
     * Makes {@code sources} (source id to exclude keywords) the sources merged, and returns how each that came,
     * went or changed its excludes changed, by source id, with its stored items.
     */
    static List<MergedSourceChange> replace(Connection c, Map<String, List<String>> sources, Body.Source bodies)
            throws SQLException {
        Map<String, List<String>> before = new TreeMap<>();
        DamagedRows damaged = new DamagedRows("merged_source");
        try (PreparedStatement p = c.prepareStatement("SELECT source_id, excludes FROM merged_source");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                String id = r.getString(1);
                before.put(id, excludes(r, 2, id, damaged));
            }
        }
        TreeSet<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(sources.keySet());
        List<MergedSourceChange> changes = new ArrayList<>();
        try (PreparedStatement put = c.prepareStatement("INSERT INTO merged_source (source_id, excludes) "
                + "VALUES (?, ?) ON CONFLICT (source_id) DO UPDATE SET excludes = excluded.excludes");
             PreparedStatement delete = c.prepareStatement("DELETE FROM merged_source WHERE source_id = ?")) {
            for (String id : ids) {
                List<String> was = before.get(id);
                List<String> is = sources.get(id);
                if (Objects.equals(was, is)) {
                    continue;
                }
                if (is == null) {
                    delete.setString(1, id);
                    delete.executeUpdate();
                } else {
                    put.setString(1, id);
                    put.setString(2, ModelJson.strings(is));
                    put.executeUpdate();
                }
                changes.add(new MergedSourceChange(id, ItemTable.ofSource(c, id, bodies).stream()
                        .map(StoredItem::item).toList(), was, is));
            }
        }
        return changes;
    }

    /** The rule the merged archive was merged under, as {@link #keepRule} kept it; null for none. */
    static String rule(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT rule FROM merge_rule")) {
            List<String> rules = Sql.rows(p, r -> r.getString(1));
            return rules.isEmpty() ? null : rules.get(0);
        }
    }

    /** Keeps {@code rule} as the one the merged archive is merged under, in place of any kept before. */
    static void keepRule(Connection c, String rule) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM merge_rule")) {
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO merge_rule (rule) VALUES (?)")) {
            p.setString(1, rule);
            p.executeUpdate();
        }
    }
}
