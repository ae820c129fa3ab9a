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
    /** The columns {@link #read} reads, of every row. */
    private static final String SELECT = "SELECT url, copy_url, copy_provider, containment, shared, shingles, phrase "
            + "FROM fold";

    private FoldTable() {}

    static void save(Connection c, List<Fold> folds, Instant at) throws SQLException {
        if (folds.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO fold (copy_key, url, copy_url, copy_provider, "
                + "containment, shared, shingles, phrase, folded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (copy_key) DO UPDATE SET url = excluded.url, copy_url = excluded.copy_url, "
                + "copy_provider = excluded.copy_provider, containment = excluded.containment, "
                + "shared = excluded.shared, shingles = excluded.shingles, phrase = excluded.phrase, "
                + "folded_at = excluded.folded_at")) {
            for (Fold f : folds) {
                p.setString(1, CanonicalUrl.keyOf(f.copyUrl()));
                p.setString(2, f.url());
                p.setString(3, f.copyUrl());
                p.setString(4, f.copyProvider());
                p.setString(5, Double.toString(f.containment()));
                p.setInt(6, f.shared());
                p.setInt(7, f.shingles());
                p.setString(8, f.phrase());
                p.setLong(9, at.toEpochMilli()); // a number: ISO text of varying length sorts wrong
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** The {@code n} latest rows, newest first (ties by copy key). */
    static List<Fold> latest(Connection c, int n) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(SELECT + " ORDER BY folded_at DESC, copy_key LIMIT ?")) {
            p.setInt(1, n);
            return Sql.readableRows(p, "fold", FoldTable::read);
        }
    }

    /** The rows whose article link is one of {@code urls} or whose copy has the canonical key of one of them. */
    static List<Fold> about(Connection c, List<String> urls) throws SQLException {
        String marks = Sql.marks(urls.size());
        try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE url IN (" + marks + ") OR copy_key IN ("
                + marks + ")")) {
            Sql.setStrings(p, 1, urls);
            Sql.setStrings(p, 1 + urls.size(), urls.stream().map(CanonicalUrl::keyOf).toList());
            return Sql.readableRows(p, "fold", FoldTable::read);
        }
    }

    private static Fold read(ResultSet r) throws SQLException {
        return new Fold(r.getString(1), r.getString(2), r.getString(3), Double.parseDouble(r.getString(4)),
                r.getInt(5), r.getInt(6), r.getString(7));
    }
}
