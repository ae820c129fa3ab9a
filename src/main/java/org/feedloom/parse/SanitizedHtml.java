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

    private record Key(String html, String base, String page) {}

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
