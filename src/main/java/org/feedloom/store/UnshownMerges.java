package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code unshown_merge} and {@code show_rule} tables: the keys of the articles that merges changed or took away
 * since the articles snapshot last showed them, each with the number of its latest merge, and the rule the snapshot
 * shows its articles by. A merge writes its keys in its own transaction; a sync that shows every merge up to a
 * number deletes their keys in its own ({@link ArticleStore.Showing}). So a restart finds what the last run merged and
 * never showed (it stopped, or died, between the two) and, showing by the same rule, shows only that. Static SQL over
 * a connection the caller holds, inside its transaction.
 */
final class UnshownMerges {
    private UnshownMerges() {}

    /** Notes {@code keys} as changed by merge {@code number}, in place of any earlier merge's note of them. */
    static void note(Connection c, Collection<String> keys, long number) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO unshown_merge (article_key, seq) VALUES (?, ?) "
                + "ON CONFLICT (article_key) DO UPDATE SET seq = excluded.seq")) {
            for (String key : keys) {
                p.setString(1, key);
                p.setLong(2, number);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** Takes the merges {@code showing} shows off the notes, and keeps its rule (none for a null one). */
    static void shown(Connection c, ArticleStore.Showing showing) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM unshown_merge WHERE seq <= ?")) {
            p.setLong(1, showing.through());
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM show_rule")) {
            p.executeUpdate();
        }
        if (showing.rule() != null) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO show_rule (rule) VALUES (?)")) {
                p.setString(1, showing.rule());
                p.executeUpdate();
            }
        }
    }

    /** The rule the snapshot was last shown by, and the keys noted since with the number of the latest merge. */
    static ArticleStore.Unshown read(Connection c) throws SQLException {
        String rule;
        try (PreparedStatement p = c.prepareStatement("SELECT rule FROM show_rule")) {
            List<String> rules = Sql.rows(p, r -> r.getString(1));
            rule = rules.isEmpty() ? null : rules.get(0);
        }
        Set<String> keys = new TreeSet<>();
        long through = 0;
        try (PreparedStatement p = c.prepareStatement("SELECT article_key, seq FROM unshown_merge");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                keys.add(r.getString(1));
                through = Math.max(through, r.getLong(2));
            }
        }
        return new ArticleStore.Unshown(rule, keys, through);
    }

    /** {@link #read}, and how many articles of the merged archive and of the snapshot have keys not noted. */
    static ArticleStore.ShownCheck check(Connection c) throws SQLException {
        return new ArticleStore.ShownCheck(read(c), othersIn(c, "merged_article"), othersIn(c, "article"));
    }

    /** How many rows of {@code table} (the merged archive's articles, or the snapshot's) have a key not noted. */
    private static int othersIn(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM " + table
                + " WHERE key NOT IN (SELECT article_key FROM unshown_merge)");
             ResultSet r = p.executeQuery()) {
            return r.next() ? r.getInt(1) : 0;
        }
    }

    /** The number of the latest merge noted, 0 when none is. */
    static long latest(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM unshown_merge");
             ResultSet r = p.executeQuery()) {
            return r.next() ? r.getLong(1) : 0;
        }
    }
}
