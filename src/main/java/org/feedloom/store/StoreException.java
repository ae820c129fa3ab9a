package org.feedloom.store;

/** The store could not read or write; the message starts {@code store: } and the cause is kept. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
