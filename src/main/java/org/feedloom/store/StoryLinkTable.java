package org.feedloom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.feedloom.canonical.CanonicalUrl;
import org.feedloom.model.StoryLink;

/**
 * The {@code story_link} table: the evidence of every pair of articles linked as coverage of one story, one row per
 * pair (by the canonical keys of its two links, in order), the latest judgement replacing the one before, with when
 * it was made (epoch milliseconds). The shared terms are kept one per line (a term has no line break). Statements
 * over the caller's transaction.
 */
final class StoryLinkTable {
    /** The columns {@link #read} reads, of every row. */
    private static final String SELECT = "SELECT url, other_url, other_provider, terms FROM story_link";

    private StoryLinkTable() {}

    static void save(Connection c, List<StoryLink> links, Instant at) throws SQLException {
        if (links.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO story_link (pair_key, url, other_url, "
                + "other_provider, terms, linked_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (pair_key) DO UPDATE SET "
                + "url = excluded.url, other_url = excluded.other_url, other_provider = excluded.other_provider, "
                + "terms = excluded.terms, linked_at = excluded.linked_at")) {
            for (StoryLink link : links) {
                String a = CanonicalUrl.keyOf(link.url());
                String b = CanonicalUrl.keyOf(link.otherUrl());
                p.setString(1, a.compareTo(b) < 0 ? a + " " + b : b + " " + a);
                p.setString(2, link.url());
                p.setString(3, link.otherUrl());
                p.setString(4, link.otherProvider());
                p.setString(5, String.join("\n", link.terms()));
                p.setLong(6, at.toEpochMilli());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** The {@code n} latest rows, newest first (ties by pair key). */
    static List<StoryLink> latest(Connection c, int n) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(SELECT + " ORDER BY linked_at DESC, pair_key LIMIT ?")) {
            p.setInt(1, n);
            return Sql.readableRows(p, "story_link", StoryLinkTable::read);
        }
    }

    /** Every row, by pair key. */
    static List<StoryLink> all(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(SELECT + " ORDER BY pair_key")) {
            return Sql.readableRows(p, "story_link", StoryLinkTable::read);
        }
    }

    /** The rows one link of which is one of {@code urls}. */
    static List<StoryLink> about(Connection c, List<String> urls) throws SQLException {
        String marks = Sql.marks(urls.size());
        try (PreparedStatement p = c.prepareStatement(SELECT + " WHERE url IN (" + marks + ") OR other_url IN ("
                + marks + ")")) {
            Sql.setStrings(p, 1, urls);
            Sql.setStrings(p, 1 + urls.size(), urls);
            return Sql.readableRows(p, "story_link", StoryLinkTable::read);
        }
    }

    private static StoryLink read(ResultSet r) throws SQLException {
        return new StoryLink(r.getString(1), r.getString(2), r.getString(3), Arrays.asList(r.getString(4).split("\n")));
    }
}
