package org.feedloom.parse;

/** A document that is not a usable feed; the message is one line starting {@code parse: }. */
public final class FeedParseException extends Exception {
    public FeedParseException(String message) {
        super(message);
    }

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
