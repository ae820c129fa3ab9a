package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.feedloom.canonical.MergeCheckpoint;

/**
 * The checkpoint of the merge a run left when it stopped ({@link MergeCheckpoint}), for the next run to hold its
 * merge again instead of merging the stored archive: {@code merge_checkpoint} (one row: the stamp it was written
 * under, how many items it counts and their fingerprint) and {@code merge_checkpoint_article} (one row an article, in
 * order: its key, its members' positions, where its copies' members start). Without the first row the rest is never
 * read: a write of items deletes it ({@link #invalidate}), so a checkpoint names only the items stored when it was
 * written. Statements over the caller's connection, inside its transaction.
 */
final class CheckpointTable {
    private static final int BATCH = 1_000;

    private CheckpointTable() {}

    /** Replaces any checkpoint with {@code checkpoint}, under {@code stamp}. */
    static void save(Connection c, String stamp, MergeCheckpoint checkpoint) throws SQLException {
        clear(c);
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO merge_checkpoint (stamp, items, fingerprint) VALUES (?, ?, ?)")) {
            p.setString(1, stamp);
            p.setInt(2, checkpoint.items());
            p.setLong(3, checkpoint.fingerprint());
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO merge_checkpoint_article "
                + "(position, article_key, members, copies_from) VALUES (?, ?, ?, ?)")) { // a null key: the link's
            int n = 0;
            for (MergeCheckpoint.Entry e : checkpoint.articles()) {
                p.setInt(1, n++);
                p.setString(2, e.key());
                p.setBytes(3, Sql.bytes(e.members()));
                p.setBytes(4, Sql.bytes(e.copiesFrom()));
                p.addBatch();
                if (n % BATCH == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }

    /**
     * The checkpoint kept under {@code stamp}, or empty when there is none or it was written under another; either
     * way none is kept after.
     */
    static Optional<MergeCheckpoint> take(Connection c, String stamp) throws SQLException {
        Optional<MergeCheckpoint> taken = Optional.empty();
        try (PreparedStatement p = c.prepareStatement("SELECT stamp, items, fingerprint FROM merge_checkpoint");
             ResultSet r = p.executeQuery()) {
            if (r.next() && r.getString(1).equals(stamp)) {
                int items = r.getInt(2);
                long fingerprint = r.getLong(3);
                taken = Optional.of(new MergeCheckpoint(items, fingerprint, articles(c)));
            }
        }
        invalidate(c); // its article rows wait for the next save, which replaces them (a million deletes at a start)
        return taken;
    }

    private static List<MergeCheckpoint.Entry> articles(Connection c) throws SQLException {
        List<MergeCheckpoint.Entry> articles = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT article_key, members, copies_from "
                + "FROM merge_checkpoint_article ORDER BY position"); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                articles.add(new MergeCheckpoint.Entry(r.getString(1), Sql.ints(r.getBytes(2)),
                        Sql.ints(r.getBytes(3))));
            }
        }
        return articles;
    }

    /** Makes any checkpoint kept unusable: for a write of items, which it would no longer name. */
    static void invalidate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM merge_checkpoint");
        }
    }

    private static void clear(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM merge_checkpoint");
            s.executeUpdate("DELETE FROM merge_checkpoint_article");
        }
    }
}
