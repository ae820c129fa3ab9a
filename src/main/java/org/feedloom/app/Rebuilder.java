package org.feedloom.app;

import java.util.function.Consumer;
import org.feedloom.model.Catalog;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the catalog when the inputs changed, on one background thread, coalescing bursts: a thousand sources
 * finishing within a second cause a handful of rebuilds, not a thousand. After each rebuild it saves the new
 * first-seen times and the articles snapshot to the store and tells the listener (which may render or ping hubs).
 * Readers keep the last complete catalog meanwhile.
 *
 * <p>Thread-safe. {@link #close()} runs a pending rebuild before it returns, so nothing requested is lost.
 */
final class Rebuilder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Rebuilder.class);
    /**
     * The shortest time between two background rebuilds; at least twice the last rebuild's duration, so that
     * rebuilding a large catalog during a burst of fetches takes at most a third of one core.
     */
    static final long MIN_GAP_MILLIS = 200;

    private final Aggregator aggregator;
    private final ArticleStore store;
    private final Consumer<Catalog> listener;
    private final Thread thread;
    private final Object rebuildLock = new Object();
    private boolean dirty;
    private boolean closed;

    Rebuilder(Aggregator aggregator, ArticleStore store, Consumer<Catalog> listener) {
        this.aggregator = aggregator;
        this.store = store;
        this.listener = listener;
        this.thread = new Thread(this::loop, "feedloom-rebuilder");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Asks for a rebuild soon; returns at once. */
    synchronized void request() {
        dirty = true;
        notifyAll();
    }

    /** Rebuilds now on the calling thread and returns the new catalog. */
    Catalog rebuildNow() {
        synchronized (this) {
            dirty = false;
        }
        return rebuild();
    }

    private void loop() {
        while (true) {
            synchronized (this) {
                while (!dirty && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!dirty) {
                    return;
                }
                dirty = false;
            }
            long start = System.nanoTime();
            rebuild();
            long took = (System.nanoTime() - start) / 1_000_000;
            try {
                Thread.sleep(Math.max(MIN_GAP_MILLIS, 2 * took));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Catalog rebuild() {
        synchronized (rebuildLock) {
            Catalog catalog = aggregator.rebuild();
            try {
                store.savePublishedIds(aggregator.drainNewPublishedIds());
                store.saveFirstSeen(aggregator.drainNewFirstSeen());
                store.syncArticles(catalog.all());
            } catch (StoreException e) {
                LOG.warn("{}", e.getMessage());
            }
            try {
                listener.accept(catalog);
            } catch (RuntimeException e) {
                LOG.warn("rebuild listener failed: {}", e.toString());
            }
            return catalog;
        }
    }

    /** Runs a pending rebuild, then stops the thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
