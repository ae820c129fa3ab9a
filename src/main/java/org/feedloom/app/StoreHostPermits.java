package org.feedloom.app;

import java.time.Clock;
import java.time.Duration;
import org.feedloom.fetch.SharedHostPermits;
import org.feedloom.store.Coordination;
import org.feedloom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-host request slots of the instances sharing a database, held in it: each slot taken for at most
 * {@code hold} (a slot whose instance died frees itself then). A database that cannot be reached leaves each
 * instance to its own limits rather than stopping its fetches. Thread-safe.
 */
final class StoreHostPermits implements SharedHostPermits {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHostPermits.class);

    private final Coordination coordination;
    private final Clock clock;
    private final Duration hold;

    StoreHostPermits(Coordination coordination, Clock clock, Duration hold) {
        this.coordination = coordination;
        this.clock = clock;
        this.hold = hold;
    }

    @Override
    public int take(String host, int limit) {
        try {
            return coordination.takeHostSlot(host, limit, clock.instant(), hold);
        } catch (StoreException e) {
            LOG.warn("cannot take a shared request slot of {}; fetching under this instance's own limits: {}", host,
                    e.getMessage());
            return UNSHARED;
        }
    }

    @Override
    public void give(String host, int slot) {
        if (slot == UNSHARED) {
            return;
        }
        try {
            coordination.giveHostSlot(host, slot);
        } catch (StoreException e) {
            LOG.warn("cannot give back request slot {} of {} (it frees itself in {}): {}", slot, host, hold,
                    e.getMessage());
        }
    }
}
