package org.feedloom.parse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.LongAdder;
import org.feedloom.html.HtmlSanitizer;

/**
 * {@link HtmlSanitizer#sanitize(String, String, String)} for item HTML, remembered: a feed fetched again mostly
 * repeats the items of its last fetch, so when an item's summary or content is the HTML it was last time (with the
 * same base and page) its sanitised form is taken from a small cache instead of being sanitised again. Entries are
 * found by the item (its key and which part), and the HTML is compared whole, so an item whose HTML changed is
 * sanitised again and nothing is ever taken for a different piece; the body itself is not hashed, which on long
 * bodies cost as much as a quarter of sanitising them. Only pieces of at least {@value #MIN_CHARS} characters are
 * kept (full bodies; a short summary costs about as much to sanitise as to look up), in at most {@value #MAX_CHARS}
 * characters of keys and values (about 32 MiB), least recently used first out. One per {@link FeedParser}, so it
 * lives as long as the parser that fetched feeds are read with (and a benchmark that makes a parser per pass starts
 * each pass cold). Thread-safe; the result is the sanitiser's (two threads reading one item at once may both
 * sanitise it).
 */
final class SanitizedHtml {
    static final int MIN_CHARS = 2048;
    static final long MAX_CHARS = 16L * 1024 * 1024;
    private static final String NOTHING = ""; // the sanitiser's null: a cache holds no null
    /**
     * Its upkeep (recording, evicting) runs on the thread that writes: on Caffeine's default, the common pool, every
     * few writes woke a thread of its own that took a core from the parsing threads.
     */
    private final Cache<Key, Entry> cache = Caffeine.newBuilder()
            .maximumWeight(MAX_CHARS)
            .executor(Runnable::run)
            .weigher((Key k, Entry e) -> k.weight() + e.html.length() + e.clean.length() + 64)
            .build();
    private final LongAdder sanitised = new LongAdder();

    /** Which piece: the item's key, which part of it, and the base and page its URLs are resolved with. */
    private record Key(String item, String part, String base, String page) {
        int weight() {
            return item.length() + part.length() + (base == null ? 0 : base.length())
                    + (page == null ? 0 : page.length());
        }
    }

    private record Entry(String html, String clean) {}

    /**
     * The sanitised form of {@code html}, the {@code part} ("summary", "content") of the item whose key is
     * {@code item}; null when nothing is left.
     */
    String sanitize(String item, String part, String html, String base, String page) {
        if (html == null || html.length() < MIN_CHARS) {
            return HtmlSanitizer.sanitize(html, base, page);
        }
        Key key = new Key(item, part, base, page);
        Entry last = cache.getIfPresent(key);
        if (last == null || !last.html.equals(html)) {
            sanitised.increment();
            String clean = HtmlSanitizer.sanitize(html, base, page);
            last = new Entry(html, clean == null ? NOTHING : clean);
            cache.put(key, last);
        }
        return last.clean.isEmpty() ? null : last.clean;
    }

    /** How many pieces were sanitised (not found unchanged in the cache) so far. */
    long sanitised() {
        return sanitised.sum();
    }
}
