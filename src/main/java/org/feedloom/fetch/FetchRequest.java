package org.feedloom.fetch;

import org.feedloom.model.Checks;

/** A feed to fetch, with the validators of the last response for a conditional GET (each may be null). */
public record FetchRequest(String url, String etag, String lastModified) {
    public FetchRequest {
        Checks.notNull(url, "url");
    }

    public static FetchRequest of(String url) {
        return new FetchRequest(url, null, null);
    }
}
