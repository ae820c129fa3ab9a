package org.feedloom.store;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the store's SQL differs between the databases it runs on. The tables' statements are standard SQL that both
 * run as written ({@code INSERT ... ON CONFLICT}, {@code LIMIT ... OFFSET}, recursive common table expressions);
 * what differs is the schema, which the migrations write as SQLite runs it and this translates, and one look-up
 * that needs a limit for each of many values ({@link #anchorHolders}). Stateless.
 */
enum Dialect {
    /** SQLite: the migrations' statements as written. */
    SQLITE {
        @Override
        List<String> schema(String sql) {
            return List.of(sql);
        }

        /** SQLite has no {@code LATERAL}; a correlated {@code IN} list with a {@code LIMIT} searches each anchor's rows. */
        @Override
        String anchorHolders(int anchors) {
            return wanted(anchors) + "SELECT wanted.anchor, a.key, a.fold_stamps FROM wanted JOIN merged_article a "
                    + "ON a.id IN (SELECT m.article_id FROM merged_anchor m WHERE m.anchor = wanted.anchor LIMIT ?)";
        }
    },

    /**
     * PostgreSQL: integers are 64 bits as in SQLite ({@code BIGINT}), text compares and sorts by its bytes as in
     * SQLite ({@code COLLATE "C"}, so ties between keys fall as they do in Java and in SQLite whatever the
     * database's locale), there is no {@code WITHOUT ROWID}, and a primary key in another order than ascending is a
     * unique index in that order instead (the topic index, read newest first).
     */
    POSTGRES {
        private static final Pattern DESCENDING_KEY = Pattern.compile(",\\s*PRIMARY KEY \\(([^)]*\\bDESC\\b[^)]*)\\)");
        private static final Pattern TABLE = Pattern.compile("CREATE TABLE (\\w+)");

        @Override
        List<String> schema(String sql) {
            String typed = sql.replaceAll("\\bINTEGER\\b", "BIGINT").replaceAll("\\bTEXT\\b", "TEXT COLLATE \"C\"")
                    .replace(" WITHOUT ROWID", "");
            Matcher key = DESCENDING_KEY.matcher(typed);
            Matcher table = TABLE.matcher(typed);
            if (!key.find() || !table.find()) {
                return List.of(typed);
            }
            List<String> statements = new ArrayList<>();
            statements.add(typed.substring(0, key.start()) + typed.substring(key.end()));
            statements.add("CREATE UNIQUE INDEX " + table.group(1) + "_key ON " + table.group(1)
                    + " (" + key.group(1) + ")");
            return statements;
        }

        /** A correlated {@code IN} list is a filter on every article row here; {@code LATERAL} searches each anchor. */
        @Override
        String anchorHolders(int anchors) {
            return wanted(anchors) + "SELECT wanted.anchor, a.key, a.fold_stamps FROM wanted CROSS JOIN LATERAL "
                    + "(SELECT m.article_id FROM merged_anchor m WHERE m.anchor = wanted.anchor LIMIT ?) held "
                    + "JOIN merged_article a ON a.id = held.article_id";
        }
    };

    /** The statements that make {@code sql}, a schema statement as SQLite runs it, on this database. */
    abstract List<String> schema(String sql);

    /**
     * The query of the merged articles holding each of {@code anchors} distinct anchors (its first parameters), at
     * most as many of each as its last parameter: rows of the anchor, the article's key and its fold stamps. Each
     * anchor's index entries are read up to the limit, so an anchor thousands of articles share (a publisher's
     * boilerplate) costs what a rare one does; a window numbering every holder read them all, at every merge.
     */
    abstract String anchorHolders(int anchors);

    /** The common table {@code wanted(anchor)} of {@code n} parameters, with the {@code WITH} before it. */
    private static String wanted(int n) {
        return "WITH wanted(anchor) AS (VALUES " + "(?), ".repeat(n - 1) + "(?)) ";
    }

    /** A migration's statements on this database, in order. */
    List<String> statements(Migrations.Migration m) {
        List<String> source = this != SQLITE && m.typed() != null ? m.typed() : m.statements();
        List<String> all = new ArrayList<>();
        source.forEach(sql -> all.addAll(schema(sql)));
        return all;
    }
}
