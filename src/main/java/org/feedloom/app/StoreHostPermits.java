package org.feedloom.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.feedloom.fetch.SharedHostPermits;
import org.feedloom.store.Coordination;
import org.feedloom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-host request slots of the instances sharing a database, held in it. A slot this instance took stays its
 * own while it keeps using it: a request given back leaves the slot with the instance for the next request to that
 * host, without a round trip to the database, and the slot goes back to the database once it has been idle for
 * {@link #IDLE}. Held slots are renewed every third of {@code hold}, so a slot whose instance died frees itself
 * within {@code hold}. So one instance fetching alone pays a round trip per slot, not per request; instances
 * sharing a host take turns as each one's requests to it pause. A database that cannot be reached leaves each
 * instance to its own limits rather than stopping its fetches. Thread-safe.
 */
final class StoreHostPermits implements SharedHostPermits, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHostPermits.class);
    /** How long a slot this instance holds may go unused before it is given back to the database. */
    static final Duration IDLE = Duration.ofMillis(250);

    private final Coordination coordination;
    private final Clock clock;
    private final Duration hold;
    private final Map<String, Held> hosts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService keeper;
    /** When the held slots were last renewed (on the keeper's thread only). */
    private Instant renewed = Instant.MIN;

    /** The slots of one host this instance holds in the database: those free here, and how many are in use. */
    private static final class Held {
        final Deque<Integer> free = new ArrayDeque<>();
        final Set<Integer> all = new HashSet<>();
        Instant lastGiven = Instant.MIN;
    }

    StoreHostPermits(Coordination coordination, Clock clock, Duration hold) {
        this.coordination = coordination;
        this.clock = clock;
        this.hold = hold;
        this.keeper = Daemons.every("feedloom-host-slots", IDLE, IDLE, this::keep);
    }

    @Override
    public int take(String host, int limit) {
        Held held = hosts.computeIfAbsent(host, h -> new Held());
        synchronized (held) {
            Integer mine = held.free.poll();
            if (mine != null) {
                return mine;
            }
        }
        int slot;
        try {
            slot = coordination.takeHostSlot(host, limit, clock.instant(), hold);
        } catch (StoreException e) {
            LOG.warn("cannot take a shared request slot of {}; fetching under this instance's own limits: {}", host,
                    e.getMessage());
            return UNSHARED;
        }
        if (slot >= 0) {
            synchronized (held) {
                held.all.add(slot);
            }
        }
        return slot;
    }

    @Override
    public void give(String host, int slot) {
        if (slot == UNSHARED) {
            return;
        }
        Held held = hosts.get(host);
        synchronized (held) {
            held.free.push(slot); // the most recent first: the others go idle and back to the database
            held.lastGiven = clock.instant();
        }
    }

    /** Gives back the slots idle for {@link #IDLE}, and renews the others once a third of {@code hold} has passed. */
    private void keep() {
        Instant now = clock.instant();
        for (Map.Entry<String, Held> e : hosts.entrySet()) {
            List<Integer> idle = new ArrayList<>();
            Held held = e.getValue();
            synchronized (held) {
                if (!now.isBefore(held.lastGiven.plus(IDLE))) {
                    idle.addAll(held.free);
                    held.free.clear();
                    held.all.removeAll(idle);
                }
            }
            for (int slot : idle) {
                try {
                    coordination.giveHostSlot(e.getKey(), slot);
                } catch (StoreException ex) {
                    LOG.warn("cannot give back request slot {} of {} (it frees itself in {}): {}", slot, e.getKey(),
                            hold, ex.getMessage());
                }
            }
        }
        if (now.isAfter(renewed.plus(hold.dividedBy(3)))) {
            renewed = now;
            for (Map.Entry<String, Held> e : hosts.entrySet()) {
                List<Integer> slots;
                synchronized (e.getValue()) {
                    slots = List.copyOf(e.getValue().all);
                }
                try {
                    coordination.renewHostSlots(e.getKey(), slots, now.plus(hold));
                } catch (StoreException ex) {
                    LOG.warn("cannot renew the request slots of {}: {}", e.getKey(), ex.getMessage());
                }
            }
        }
    }

    /** Stops keeping the slots (the store closes next; what is held frees itself within {@code hold}). */
    @Override
    public void close() {
        keeper.shutdownNow();
    }
}
