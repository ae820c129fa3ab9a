package org.feedloom.parse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.feedloom.html.HtmlSanitizer;

/**
 * {@link HtmlSanitizer#sanitize(String, String, String)} for item HTML, remembered: a feed fetched again mostly
 * repeats the items of its last fetch, so the sanitised form of a summary or content that has not changed —
 * the same HTML, base and page — is taken from a small cache instead of being sanitised again. Only pieces of at
 * least {@value #MIN_CHARS} characters are kept (full bodies, which need jsoup; summaries are mostly in the
 * sanitiser's no-DOM subset, where a look-up costs about as much as sanitising again), in at most
 * {@value #MAX_CHARS} characters of keys and values (about 32 MiB), least recently used first out. The key is
 * the HTML itself, so two different pieces never share an entry. One per {@link FeedParser}, so it lives as long as
 * the parser that fetched feeds are read with (and a benchmark that makes a parser per pass starts each pass
 * cold). Thread-safe; the result is the sanitiser's.
 */
final class SanitizedHtml {
    static final int MIN_CHARS = 2048;
    static final long MAX_CHARS = 16L * 1024 * 1024;
    private static final String NOTHING = ""; // the sanitiser's null: a cache holds no null
    private final Cache<Key, String> cache = Caffeine.newBuilder()
            .maximumWeight(MAX_CHARS)
            .weigher((Key k, String v) -> k.html.length() + v.length() + 64)
            .recordStats()
            .build();

    private record Key(String html, String base, String page) {
        /**
         * The record's hash but for how the HTML's hash is computed: {@link #hash}, the value of
         * {@link String#hashCode} without its one chain of multiplications (a piece is hashed once, on its way in).
         */
        @Override
        public int hashCode() {
            return (31 * hash(html) + java.util.Objects.hashCode(base)) * 31 + java.util.Objects.hashCode(page);
        }
    }

    /**
     * {@link String#hashCode}'s value, {@code s[0]*31^(n-1) + ... + s[n-1]}, computed in four independent sums
     * of every fourth character, each step multiplying by {@code 31^4}, so that the processor runs them side by side:
     * about twice as fast on the long bodies the cache keys are (JDK 17's loop waits on each multiplication). Not
     * stored in the string.
     */
    static int hash(String s) {
        int n = s.length();
        int h0 = 0;
        int h1 = 0;
        int h2 = 0;
        int h3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            h0 = P4 * h0 + s.charAt(i);
            h1 = P4 * h1 + s.charAt(i + 1);
            h2 = P4 * h2 + s.charAt(i + 2);
            h3 = P4 * h3 + s.charAt(i + 3);
        }
        int h = h0 * (31 * 31 * 31) + h1 * (31 * 31) + h2 * 31 + h3;
        for (; i < n; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    private static final int P4 = 31 * 31 * 31 * 31;

    String sanitize(String html, String base, String page) {
        if (html == null || html.length() < MIN_CHARS) {
            return HtmlSanitizer.sanitize(html, base, page);
        }
        String out = cache.get(new Key(html, base, page), k -> {
            String clean = HtmlSanitizer.sanitize(k.html, k.base, k.page);
            return clean == null ? NOTHING : clean;
        });
        return out.isEmpty() ? null : out;
    }

    /** How many pieces were sanitised (not found in the cache) so far. */
    long sanitised() {
        return cache.stats().missCount();
    }
}
