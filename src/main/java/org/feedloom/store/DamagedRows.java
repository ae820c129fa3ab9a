package org.feedloom.store;

import java.sql.SQLException;
import org.feedloom.model.Faults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one rule for a stored row that cannot be read, a value of one of its columns not what Feedloom writes (edited
 * by hand or by another program, a restored part of a backup): the row is skipped with an error in the log naming it,
 * so that one damaged row neither stops a start nor fails every rebuild or page that reads it. What such a row held
 * is written again by what writes it next (an article by the next sync that changes it or a {@code reindex}; an
 * item row is deleted by its source's next fetch, and written anew if the feed lists the item). When most rows of a read
 * cannot be read, the reason is not one damaged row but the database or the code: the read fails as the store's.
 * One instance counts one read of a table; not thread-safe.
 */
final class DamagedRows {
    private static final Logger LOG = LoggerFactory.getLogger(DamagedRows.class);
    /** Up to this many rows a read may skip, whatever their share. */
    static final int FEW = 10;
    /** The most of a failure's description the log quotes. */
    private static final int MAX_WHY = 300;

    private final String table;
    private int read;
    private int skipped;
    private String first;

    DamagedRows(String table) {
        this.table = table;
    }

    /** Reads one row. */
    @FunctionalInterface
    interface RowRead<T> {
        T read() throws SQLException;
    }

    /** The row's name for the log (its table and key), made only when it cannot be read. */
    @FunctionalInterface
    interface RowName {
        String name() throws SQLException;
    }

    /**
     * The row {@code row} reads, or null when one of its values cannot be decoded (logged as an error naming it by
     * {@code what}, asked for then, on the same row).
     *
     * @throws StoreException when more than {@link #FEW} rows of this read, and most of those read so far, could not
     *                        be read
     * @throws SQLException   as {@code row} throws it: a failure of the database, not of a row
     */
    <T> T read(RowName what, RowRead<T> row) throws SQLException {
        read++;
        try {
            return row.read();
        } catch (RuntimeException e) {
            skipped++;
            String why = Faults.describe(e);
            if (why.length() > MAX_WHY) { // a parser's message may quote the whole damaged value
                why = why.substring(0, MAX_WHY) + "...";
            }
            String name = what.name();
            if (first == null) {
                first = name + ": " + why;
            }
            if (skipped > FEW && skipped * 2 > read) {
                throw new StoreException("store: " + skipped + " of the first " + read + " rows of " + table
                        + " read cannot be read (the first, " + first + "): is the database damaged, or written by "
                        + "another program?", e);
            }
            LOG.error("store: {} cannot be read, skipped until it is written again: {}", name, why);
            return null;
        }
    }

    /** Whether this read skipped a row. */
    boolean skippedAny() {
        return skipped > 0;
    }
}
