package org.feedloom.store;

/**
 * The store could not read or write; the message starts {@code store: } and the cause is kept. Unavailable: what
 * needed it may be tried again later.
 */
public final class StoreException extends org.feedloom.model.Unavailable {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
