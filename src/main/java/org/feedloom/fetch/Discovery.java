package org.feedloom.fetch;

/** The feed found for a site ({@code feedUrl}), or why none was ({@code error}, starting {@code discover: }). */
public record Discovery(String feedUrl, String error) {
    static Discovery found(String url) {
        return new Discovery(url, null);
    }

    static Discovery failed(String error) {
        return new Discovery(null, error);
    }
}
