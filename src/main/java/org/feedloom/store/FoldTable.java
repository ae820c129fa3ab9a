package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.canonical.CanonicalUrl;
import org.feedloom.model.Fold;

/**
 * The {@code fold} table: the evidence of every syndicated copy folded, one row per copy (by the canonical key of
 * its link), the latest judgement replacing the one before, with when it was made (epoch milliseconds, so that the
 * latest are read from an ordered column). Containment is kept as its decimal text, so what is read back equals
 * what was written. Statements over the caller's transaction.
 */
final class FoldTable {
    private FoldTable() {}

    static void save(Connection c, List<Fold> folds, Instant at) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM fold WHERE copy_key = ?");
             PreparedStatement insert = c.prepareStatement("INSERT INTO fold (copy_key, url, copy_url, copy_provider, "
                     + "containment, shared, shingles, phrase, folded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Fold f : folds) {
                String key = CanonicalUrl.keyOf(f.copyUrl());
                delete.setString(1, key);
                delete.executeUpdate();
                insert.setString(1, key);
                insert.setString(2, f.url());
                insert.setString(3, f.copyUrl());
                insert.setString(4, f.copyProvider());
                insert.setString(5, Double.toString(f.containment()));
                insert.setInt(6, f.shared());
                insert.setInt(7, f.shingles());
                insert.setString(8, f.phrase());
                insert.setLong(9, at.toEpochMilli()); // a number: ISO text of varying length sorts wrong
                insert.executeUpdate();
            }
        }
    }

    /** The {@code n} latest rows, newest first (ties by copy key). */
    static List<Fold> latest(Connection c, int n) throws SQLException {
        List<Fold> folds = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT url, copy_url, copy_provider, containment, shared, "
                + "shingles, phrase FROM fold ORDER BY folded_at DESC, copy_key LIMIT ?")) {
            p.setInt(1, n);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    folds.add(new Fold(r.getString(1), r.getString(2), r.getString(3),
                            Double.parseDouble(r.getString(4)), r.getInt(5), r.getInt(6), r.getString(7)));
                }
            }
        }
        return folds;
    }
}
