package org.feedloom.model;

import java.time.Instant;

/**
 * What Feedloom knows about fetching one live source; persisted across restarts and shown on the status page.
 *
 * @param sourceId       the {@link Source#id()}
 * @param url            the configured feed URL or site
 * @param feedUrl        the URL fetched now: the discovered feed of a site, or the target of a permanent redirect;
 *                       null until known
 * @param etag           validator from the last 200, for conditional GET; may be null
 * @param lastModified   validator from the last 200; may be null
 * @param status         pending, ok, not-modified, error, backing-off or disabled
 * @param failures       consecutive failures (0 after a success)
 * @param lastAttempt    may be null
 * @param lastSuccess    may be null
 * @param nextFetch      may be null (fetch as soon as possible)
 * @param httpStatus     of the last response, 0 if none
 * @param itemsInLast    items in the last parsed response
 * @param newItems       items of the last response not seen before
 * @param error          one-line message of the last failure, null after a success
 * @param bodyHash       SHA-256 (lower-case hex) of the body of the last 200 that parsed, or null: a later 200 with
 *                       the same body is taken for not modified, for servers that ignore conditional GET
 */
public record SourceState(String sourceId, String url, String feedUrl, String etag, String lastModified,
                          Status status, int failures, Instant lastAttempt, Instant lastSuccess, Instant nextFetch,
                          int httpStatus, int itemsInLast, int newItems, String error, String bodyHash) {

    /** The state of a source, as shown in {@code /status}. */
    public enum Status {
        PENDING, OK, NOT_MODIFIED, ERROR, BACKING_OFF, DISABLED;

        /** The lower-case, dashed name shown to people ({@code not-modified}). */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public SourceState {
        Checks.notNull(sourceId, "sourceId");
        Checks.notNull(status, "status");
    }

    /** A state without a body hash (none was recorded yet). */
    public SourceState(String sourceId, String url, String feedUrl, String etag, String lastModified, Status status,
                       int failures, Instant lastAttempt, Instant lastSuccess, Instant nextFetch, int httpStatus,
                       int itemsInLast, int newItems, String error) {
        this(sourceId, url, feedUrl, etag, lastModified, status, failures, lastAttempt, lastSuccess, nextFetch,
                httpStatus, itemsInLast, newItems, error, null);
    }

    /** A source never fetched yet. */
    public static SourceState pending(String sourceId, String url) {
        return new SourceState(sourceId, url, null, null, null, Status.PENDING, 0, null, null, null, 0, 0, 0, null);
    }

    /** The same state for another feed URL, without validators or body hash (they were the old URL's). */
    public SourceState withFeedUrl(String newFeedUrl) {
        return new SourceState(sourceId, url, newFeedUrl, null, null, status, failures, lastAttempt, lastSuccess,
                nextFetch, httpStatus, itemsInLast, newItems, error, null);
    }

    /** The same state with another next fetch time (null: none planned). */
    public SourceState withNextFetch(Instant when) {
        return new SourceState(sourceId, url, feedUrl, etag, lastModified, status, failures, lastAttempt, lastSuccess,
                when, httpStatus, itemsInLast, newItems, error, bodyHash);
    }

    /**
     * The same state without validators or body hash: its next fetch asks for the whole feed and reads it again (a
     * stored item of it could not be read, and only a write of the source's items puts it right).
     */
    public SourceState withoutValidators() {
        return new SourceState(sourceId, url, feedUrl, null, null, status, failures, lastAttempt, lastSuccess,
                nextFetch, httpStatus, itemsInLast, newItems, error, null);
    }

    /** The same state with the hash of the body of its last 200 that parsed (null: none). */
    public SourceState withBodyHash(String hash) {
        return new SourceState(sourceId, url, feedUrl, etag, lastModified, status, failures, lastAttempt, lastSuccess,
                nextFetch, httpStatus, itemsInLast, newItems, error, hash);
    }

    /** The same state as shown for a source its configuration disables: no next fetch, and the reason. */
    public SourceState disabledByConfiguration() {
        return new SourceState(sourceId, url, feedUrl, etag, lastModified, Status.DISABLED, failures, lastAttempt,
                lastSuccess, null, httpStatus, itemsInLast, newItems, "disabled in the configuration", bodyHash);
    }
}
