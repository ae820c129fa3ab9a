package org.feedloom.store;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feedloom.canonical.TextAnchors;

/**
 * {@code text_anchors}: the anchors of the text of every merged article of one group, by article key, with the text
 * named by content and the {@code anchoring} (the fold rule's) they were read under. A restart's merge takes them
 * instead of reading every stored text again; a row whose text or anchoring is not the one a merge asks about is
 * never used, so a row a crash left behind costs a text read, not a wrong fold. Statements over the caller's
 * connection, inside its transaction.
 */
final class AnchorTable {
    private AnchorTable() {}

    /** Writes {@code anchors} by article key (null: the article went, its row goes), under {@code anchoring}. */
    static void save(Connection c, Map<String, TextAnchors> anchors, String anchoring) throws SQLException {
        try (PreparedStatement put = c.prepareStatement("""
                INSERT INTO text_anchors (article_key, anchoring, excerpt_length, excerpt_hash, content_length,
                    content_hash, anchors) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (article_key) DO UPDATE SET anchoring = excluded.anchoring,
                    excerpt_length = excluded.excerpt_length, excerpt_hash = excluded.excerpt_hash,
                    content_length = excluded.content_length, content_hash = excluded.content_hash,
                    anchors = excluded.anchors""");
             PreparedStatement delete = c.prepareStatement("DELETE FROM text_anchors WHERE article_key = ?")) {
            int puts = 0;
            int deletes = 0;
            for (Map.Entry<String, TextAnchors> e : anchors.entrySet()) {
                TextAnchors a = e.getValue();
                if (a == null) {
                    delete.setString(1, e.getKey());
                    delete.addBatch();
                    deletes++;
                    continue;
                }
                put.setString(1, e.getKey());
                put.setString(2, anchoring);
                put.setInt(3, a.excerptLength());
                put.setLong(4, a.excerptHash());
                put.setInt(5, a.contentLength());
                put.setLong(6, a.contentHash());
                put.setBytes(7, bytes(a.anchors()));
                put.addBatch();
                puts++;
            }
            if (puts > 0) {
                put.executeBatch();
            }
            if (deletes > 0) {
                delete.executeBatch();
            }
        }
    }

    /**
     * The anchors kept under {@code anchoring} (a text of several articles comes once for each); the rows kept under
     * another are deleted.
     */
    static List<TextAnchors> under(Connection c, String anchoring) throws SQLException {
        try (PreparedStatement stale = c.prepareStatement("DELETE FROM text_anchors WHERE anchoring <> ?")) {
            stale.setString(1, anchoring);
            stale.executeUpdate();
        }
        List<TextAnchors> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT excerpt_length, excerpt_hash, "
                + "content_length, content_hash, anchors FROM text_anchors")) {
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(new TextAnchors(r.getInt(1), r.getLong(2), r.getInt(3), r.getLong(4),
                            longs(r.getBytes(5))));
                }
            }
        }
        return out;
    }

    /** Anchors as bytes: eight a value, big-endian. */
    static byte[] bytes(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** What {@link #bytes} wrote (none for null). */
    static long[] longs(byte[] bytes) {
        if (bytes == null) {
            return new long[0];
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long[] values = new long[bytes.length / Long.BYTES];
        for (int i = 0; i < values.length; i++) {
            values[i] = b.getLong();
        }
        return values;
    }
}
