package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.model.Body;
import org.feedloom.model.Item;

/**
 * The {@code seed_item} table: the seed items as last merged, in order, each with its texts (seeds are few, and read
 * from files that may change while Feedloom is stopped). What the seeds loaded now change is worked out against it,
 * so a merge kept in the store takes in an edited seed document without merging every seed again. Static SQL over a
 * connection the caller holds, inside its transaction.
 */
final class SeedTable {
    /** The {@link SourceChange#sourceId} of the seeds' change. */
    static final String SEEDS = "seeds";

    private SeedTable() {}

    /**
     * Replaces the stored seed items with {@code seeds} and returns what changed ({@link SourceChange#of}); a row that
     * cannot be read is left out of what was stored ({@link DamagedRows}), and written again.
     */
    static SourceChange replace(Connection c, List<Item> seeds, Body.Source bodies) throws SQLException {
        List<Item> before = new ArrayList<>();
        DamagedRows damaged = new DamagedRows("seed_item");
        try (PreparedStatement p = c.prepareStatement("SELECT position, item FROM seed_item ORDER BY position");
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                Item item = damaged.read(() -> "seed item " + r.getInt(1),
                        () -> ModelJson.member(r.getString(2), bodies));
                if (item != null) {
                    before.add(item);
                }
            }
        }
        SourceChange change = SourceChange.of(SEEDS, before, seeds);
        if (!change.gone().isEmpty() || !change.added().isEmpty() || damaged.skippedAny()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM seed_item");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO seed_item (position, item) VALUES (?, ?)")) {
                for (int i = 0; i < seeds.size(); i++) {
                    p.setInt(1, i);
                    p.setString(2, ModelJson.member(seeds.get(i)));
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
        return change;
    }
}
