package org.feedloom.store;

import java.time.Instant;
import java.util.List;
import org.feedloom.model.Body;
import org.feedloom.model.Checks;
import org.feedloom.model.Item;
import org.feedloom.model.SourceState;

/**
 * One source's part of an {@link ArticleStore#commitBatch batch}: its new state, with the items of a fetch that
 * returned a feed ({@link #fetched}) or alone ({@link #stateOnly}: a 304, an error, a backoff, a discovery).
 *
 * <p>The canonical keys of a fetch's items are computed when it is made, on the caller's thread (a fetch worker), so
 * that the one thread that writes does not spend its time on them. Immutable; safe to hand to another thread.
 */
public final class SourceWrite {
    private final SourceState state;
    private final ArticleStore.Retention retention;
    private final Instant now;
    private final ItemKeys keys;

    private SourceWrite(SourceState state, List<Item> items, ArticleStore.Retention retention, Instant now) {
        this.state = Checks.notNull(state, "state");
        this.retention = retention;
        this.now = now;
        this.keys = items == null ? null : new ItemKeys(items);
    }

    /**
     * A fetch that returned {@code items} at {@code now}: they are stored under {@code retention} and {@code state}
     * is saved with them (see {@link ArticleStore#commitBatch}).
     *
     * @throws IllegalArgumentException when an item's excerpt or content is not held ({@link Body#held}): an item read
     *                                  back from a store, whose text is read from its row once let go, and that row
     *                                  may hold another version of it by now; a fetch's items are parsed anew
     */
    public static SourceWrite fetched(SourceState state, List<Item> items, ArticleStore.Retention retention,
                                      Instant now) {
        Checks.notNull(items, "items");
        Checks.notNull(retention, "retention");
        Checks.notNull(now, "now");
        for (Item item : items) {
            Checks.argument(held(item.excerptBody()) && held(item.body()), "an item to store must hold its texts; "
                    + item.preferredUrl() + "'s were let go to a store's row, which may hold another version by now");
        }
        return new SourceWrite(state, items, retention, now);
    }

    private static boolean held(Body body) {
        return body == null || body.held();
    }

    /** A new state alone; the source's items stay as they are. */
    public static SourceWrite stateOnly(SourceState state) {
        return new SourceWrite(state, null, null, null);
    }

    public SourceState state() {
        return state;
    }

    public String sourceId() {
        return state.sourceId();
    }

    /** Whether this write carries a fetch's items (false for a state alone). */
    public boolean hasItems() {
        return keys != null;
    }

    ItemKeys keys() {
        return keys;
    }

    ArticleStore.Retention retention() {
        return retention;
    }

    Instant now() {
        return now;
    }

    @Override
    public String toString() {
        return (hasItems() ? "fetch of source " : "state of source ") + sourceId();
    }
}
