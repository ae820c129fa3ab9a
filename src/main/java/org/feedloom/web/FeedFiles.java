package org.feedloom.web;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.feedloom.model.Catalog;
import org.feedloom.publish.Publisher;
import org.feedloom.publish.RenderedFeed;

/**
 * The documents under {@code /feeds/}: the one table of which file is which of the publisher's documents
 * ({@code <slug>.xml} the Atom feed, its {@code ?page=} pages, {@code <slug>.rss}, {@code <slug>.json},
 * {@code index.opml}), and the one cache of the answers made of them — the document and its header fields, encoded
 * once — from which both the Javalin route and {@link FeedFastPath} serve a feed. Thread-safe.
 */
final class FeedFiles {
    static final String PREFIX = "/feeds/";
    private static final Pattern FEED = Pattern.compile("([a-z0-9]+(?:-[a-z0-9]+)*)\\.(xml|rss|json)");
    private static final String OPML = "index.opml";

    private final Publisher publisher;
    /** The last answer for each path (a handful of paths; each entry replaced when its inputs change). */
    private final ConcurrentHashMap<String, Entry> answers = new ConcurrentHashMap<>();
    /** Requests answered from {@link #answers} ({@link #cached}), and answers made anew ({@link #answer}). */
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    FeedFiles(Publisher publisher) {
        this.publisher = publisher;
    }

    /**
     * A topic feed's file name, split: {@code ai.rss} is the {@code rss} of slug {@code ai}.
     *
     * @param format {@code xml} (Atom), {@code rss} or {@code json}
     */
    record Feed(String slug, String format) {
        /** The name split, or empty for a name that is not a topic feed's. */
        static Optional<Feed> of(String file) {
            Matcher m = FEED.matcher(file);
            return m.matches() ? Optional.of(new Feed(m.group(1), m.group(2))) : Optional.empty();
        }
    }

    /**
     * The document at {@code /feeds/<file>}, or null when there is none. {@code page} ({@code ?page=}, or null for
     * none) picks a page of an Atom feed; the other documents have no pages and ignore it.
     */
    RenderedFeed document(Catalog catalog, String file, String page, String base) {
        if (file.equals(OPML)) {
            return publisher.opml(catalog, base);
        }
        return Feed.of(file).flatMap(feed -> switch (feed.format()) {
            case "xml" -> page == null ? publisher.atom(catalog, feed.slug(), base)
                    : publisher.atomPage(catalog, feed.slug(), pageNumber(page), base);
            case "rss" -> publisher.rss(catalog, feed.slug(), base);
            default -> publisher.jsonFeed(catalog, feed.slug(), base);
        }).orElse(null);
    }

    /** A page number from {@code ?page=}; anything that is not a small positive number is page 0 (none). */
    static int pageNumber(String value) {
        return value.matches("[1-9][0-9]{0,5}") ? Integer.parseInt(value) : 0;
    }

    /**
     * The answer last made for the request path {@code path} (no query) if it was made for this catalog, Host header
     * and scheme, else null: the whole of the work of serving a feed fetched again and again.
     */
    Answer cached(Catalog catalog, String path, String host, String scheme) {
        Entry last = answers.get(path);
        if (last != null && last.catalog() == catalog && host != null && host.equals(last.host())
                && Objects.equals(scheme, last.scheme())) {
            hits.increment();
            return last.answer();
        }
        return null;
    }

    /**
     * The answer for the request path {@code path} (no query) at base URL {@code base} (derived from the Host header
     * and scheme given), kept for the next {@link #cached} (unless there is no Host header); null when the path is
     * not a document's.
     */
    Answer answer(Catalog catalog, String path, String host, String scheme, String base) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        RenderedFeed doc = document(catalog, path.substring(PREFIX.length()), null, base);
        if (doc == null) {
            return null;
        }
        misses.increment();
        Entry last = answers.get(path);
        Answer answer = last != null && last.answer().doc() == doc ? last.answer() : Answer.of(doc);
        if (host != null) {
            answers.put(path, new Entry(catalog, host, scheme, answer));
        }
        return answer;
    }

    /** How many answers {@link #cached} gave so far. */
    long hits() {
        return hits.sum();
    }

    /** How many answers {@link #answer} made so far (for want of a cached one). */
    long misses() {
        return misses.sum();
    }

    /** A document with its header fields, encoded once. */
    record Answer(RenderedFeed doc, HttpField contentType, HttpField etag, HttpField gzipEtag, HttpField lastModified) {
        static Answer of(RenderedFeed doc) {
            return new Answer(doc, new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, doc.contentType()),
                    new PreEncodedHttpField(HttpHeader.ETAG, doc.etag()),
                    new PreEncodedHttpField(HttpHeader.ETAG, doc.gzipEtag()),
                    new PreEncodedHttpField(HttpHeader.LAST_MODIFIED, HttpCaching.lastModified(doc)));
        }
    }

    /** What was answered for a path, and for which catalog, Host header and scheme. */
    private record Entry(Catalog catalog, String host, String scheme, Answer answer) {}
}
