package org.feedloom.fetch;

import org.feedloom.model.Checks;

/**
 * A feed to fetch, with the validators of the last response for a conditional GET (each may be null), and the URL
 * or site its source is configured with: when that names a host on a private network, the fetch may reach private
 * networks (see {@link HttpFetcher}); else every address it connects to, after redirects too, must be public.
 *
 * @param configured the source's configured URL or site; null: {@code url} itself is the configured one
 */
public record FetchRequest(String url, String etag, String lastModified, String configured) {
    public FetchRequest {
        Checks.notNull(url, "url");
        configured = configured == null ? url : configured;
    }

    /** A request for a configured URL. */
    public FetchRequest(String url, String etag, String lastModified) {
        this(url, etag, lastModified, null);
    }

    /** A request for a configured URL, without validators. */
    public static FetchRequest of(String url) {
        return new FetchRequest(url, null, null);
    }
}
