package org.feedloom.metrics;

/**
 * What the stages report as it happens, for the metrics. Every method has a default that ignores it;
 * {@link #NONE} ignores everything (commands that serve no {@code /metrics}, and tests). Implementations are
 * thread-safe, never block and never throw.
 */
public interface Recorder {
    /**
     * A live source's refresh ended with a fetch outcome.
     *
     * @param outcome {@code ok}, {@code not-modified}, {@code gone} or {@code error}
     * @param nanos   how long it took, from the start of the refresh (feed discovery and the wait for its turn
     *                under the politeness limits included) to the response read
     * @param bytes   the body's bytes after decompression (0 when there was no body)
     */
    default void fetched(String outcome, long nanos, long bytes) {
    }

    /**
     * A request waited for its turn under a politeness limit.
     *
     * @param limit {@code host} (requests in flight to one host) or {@code overall}
     */
    default void hostWaited(String limit, long nanos) {
    }

    /** The articles were merged into a new catalog (a rebuild), in {@code nanos}. */
    default void merged(long nanos) {
    }

    /**
     * A document was rendered (a miss of the rendered-bytes cache), in {@code nanos}.
     *
     * @param document its kind: {@code atom}, {@code rss}, {@code json}, {@code opml}, {@code index} or {@code page}
     */
    default void rendered(String document, long nanos) {
    }

    /** The store committed the outcomes of {@code sources} sources in one transaction, in {@code nanos}. */
    default void committed(int sources, long nanos) {
    }

    /**
     * This instance tried to take a source's lease before fetching it (on a database shared by several instances).
     *
     * @param outcome   {@code claimed}, {@code busy} (another instance holds it) or {@code not-due} (another instance
     *                  fetched the source since)
     * @param takenOver whether it was claimed from another instance whose lease had expired
     */
    default void leaseClaimed(String outcome, boolean takenOver) {
    }

    /** This instance merged what another instance sharing the database announced, {@code sources} sources. */
    default void peerChangeApplied(int sources) {
    }

    /** Ignores everything. */
    Recorder NONE = new Recorder() { };
}
