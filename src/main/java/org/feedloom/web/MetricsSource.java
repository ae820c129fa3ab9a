package org.feedloom.web;

/**
 * What {@code GET /metrics} serves: the current metrics, read at each request. Implementations are thread-safe and
 * must not wait for the store.
 */
@FunctionalInterface
public interface MetricsSource {
    /** The metrics in the format the request's {@code Accept} header ({@code accept}, or null) asks for. */
    Exposition scrape(String accept);

    /** A body and its {@code Content-Type}. */
    record Exposition(String contentType, byte[] body) {}
}
