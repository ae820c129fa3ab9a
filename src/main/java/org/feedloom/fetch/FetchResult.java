package org.feedloom.fetch;

import java.time.Duration;
import java.time.Instant;

/**
 * What one fetch gave.
 *
 * @param outcome      OK (a body), NOT_MODIFIED (304), GONE (410) or ERROR
 * @param httpStatus   status of the last response, 0 if there was none
 * @param requestedUrl the URL asked for
 * @param finalUrl     the URL the body came from, after redirects (the parse base URL)
 * @param permanentUrl where the feed moved, when every redirect to it was permanent (301/308); else null
 * @param body         decompressed body of an OK response, else null
 * @param contentType  the Content-Type header, or null
 * @param etag         ETag of an OK response, or null
 * @param lastModified Last-Modified of an OK response, or null
 * @param retryAfter   Retry-After of a 429/503, or null
 * @param freshUntil   from Cache-Control max-age or Expires, or null
 * @param error        one line starting {@code fetch: } for ERROR and GONE, else null
 * @param bodyHash     the SHA-256 of the body, in lower-case hex, or null when there is none: what tells a 200 that
 *                     repeats the last body from one that brings a new one (the refresher compares it, the source's
 *                     state keeps it); computed once, from the body, by the constructor without it
 */
public record FetchResult(Outcome outcome, int httpStatus, String requestedUrl, String finalUrl, String permanentUrl,
                          byte[] body, String contentType, String etag, String lastModified, Duration retryAfter,
                          Instant freshUntil, String error, String bodyHash) {

    public enum Outcome { OK, NOT_MODIFIED, GONE, ERROR }

    /** A result whose {@link #bodyHash} is the body's. */
    public FetchResult(Outcome outcome, int httpStatus, String requestedUrl, String finalUrl, String permanentUrl,
                       byte[] body, String contentType, String etag, String lastModified, Duration retryAfter,
                       Instant freshUntil, String error) {
        this(outcome, httpStatus, requestedUrl, finalUrl, permanentUrl, body, contentType, etag, lastModified,
                retryAfter, freshUntil, error, hash(body));
    }

    private static String hash(byte[] body) {
        if (body == null) {
            return null;
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("fetch: no SHA-256", e);
        }
    }

    static FetchResult error(String url, int status, String message, Duration retryAfter) {
        return new FetchResult(Outcome.ERROR, status, url, url, null, null, null, null, null, retryAfter, null, message);
    }
}
