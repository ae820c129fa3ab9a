package org.feedloom.model;

/**
 * What an answer needs cannot be read just now (the store failed: a lost connection, a failing disk, a busy
 * database): a failure to try again later, not a fault of the code nor of the request. The HTTP layer answers 503.
 */
public class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
