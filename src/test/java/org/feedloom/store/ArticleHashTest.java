package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.junit.jupiter.api.Test;

/**
 * An article row's hash ({@code article.hash}) stays the digest stored rows were hashed by: every value of the row
 * (its texts by length and hash) and every alias key as kind, length and {@code :} before its UTF-8 bytes. A store
 * written by an earlier version compares its rows by these hashes at the first sync after a start; a different
 * digest would rewrite every row once.
 */
class ArticleHashTest {
    private static final List<String> COLUMNS = List.of(ArticleTable.COLUMNS.split(", "));

    /** The digest as it was first written: each value made a string, then its bytes. */
    private static String asFirstWritten(Article a) throws Exception {
        Object[] row = ArticleTable.row(a);
        row[COLUMNS.indexOf("excerpt")] = identity(a.excerptBody());
        row[COLUMNS.indexOf("content")] = identity(a.body());
        List<Object> values = new ArrayList<>(Arrays.asList(row));
        values.addAll(a.aliasKeys());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (Object v : values) {
            String text = v == null ? "-" : (v instanceof Integer ? "i" : "s") + v.toString().length() + ":" + v;
            sha.update(text.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static Object identity(Body text) {
        return text == null ? null : "body " + text.length() + " " + text.textHash();
    }

    @Test
    void aRowsHash_isTheDigestStoredRowsWereHashedBy() throws Exception {
        Instant t = Instant.parse("2026-03-01T10:15:30Z");
        Article full = Fixtures.fullArticle("example.com/a", "Ünïcödé — “quoted” 🚀 title");
        List<Article> articles = List.of(full, Fixtures.minimalArticle("example.com/b", t),
                Fixtures.fullArticle("example.com/c", "broken \uD800 surrogate"),
                Fixtures.fullArticle("example.com/" + "x".repeat(1200), "long key, a four-digit length"));
        for (Article a : articles) {
            assertEquals(asFirstWritten(a), ArticleTable.hash(a), a.key());
        }
        assertNotEquals(ArticleTable.hash(articles.get(0)),
                ArticleTable.hash(Fixtures.fullArticle("example.com/a", "Ünïcödé — “quoted” 🚀 title!")));
    }
}
