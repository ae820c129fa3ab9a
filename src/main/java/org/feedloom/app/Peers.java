package org.feedloom.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.feedloom.metrics.Recorder;
import org.feedloom.model.Faults;
import org.feedloom.model.InstanceStatus;
import org.feedloom.model.SourceState;
import org.feedloom.store.Coordination;
import org.feedloom.store.Coordination.Announcement;
import org.feedloom.store.Coordination.Peer;
import org.feedloom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance in step with the others sharing its database. After each of its rebuilds it announces the
 * sources it merged, with the first-seen times and entry ids that merge recorded; and it merges what the others
 * announce: their ids and first-seen times first, then the sources' stored items and states, then a rebuild. So
 * every instance merges the same items with the same ids and times, and serves the same bytes under the same
 * ETags. It also checks in every {@link #CHECK_IN} with its role and the hash of the configuration and seeds it
 * loaded, and warns when another instance running now loaded something else.
 *
 * <p>One thread of its own reads the change log, woken by the database when it can ({@code NOTIFY}), else every
 * {@link #WAIT}; another checks in, so that however long a merge waits, the others see this instance running.
 * Thread-safe.
 */
final class Peers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Peers.class);
    /** The longest time between two reads of the change log. */
    static final Duration WAIT = Duration.ofMillis(500);
    static final Duration CHECK_IN = Duration.ofSeconds(5);
    /** An instance that has not checked in for this long is not counted as running. */
    static final Duration ALIVE = Duration.ofSeconds(15);
    /** A source committed and not announced merged for this long is merged here all the same. */
    static final Duration ORPHANED = Duration.ofMinutes(5);
    private static final int READ = 100;
    /** How many times an announcement whose merge fails on a fault of the code is tried before it is skipped. */
    static final int TRIES = 3;

    private final Coordination coordination;
    private final Aggregator aggregator;
    /** Adopts stored source states (what {@code /status} shows and the next fetch starts from). */
    private final java.util.function.Consumer<Map<String, SourceState>> restoreStates;
    private final Runnable onChanged;
    private final Clock clock;
    private final Recorder recorder;
    private final String role;
    private volatile String loadedHash;
    private volatile Set<String> configured = Set.of();
    /** The sources merged from others' announcements, not to be announced again when this instance merges them. */
    private final Set<String> foreign = ConcurrentHashMap.newKeySet();
    /** Sources other instances committed whose merge they have not announced yet, by source id. */
    private final Map<String, Committed> committed = new ConcurrentHashMap<>();
    private volatile long seen;
    private volatile List<Peer> peers = List.of();
    /** The announcement whose merge failed on a fault of the code, and how many times in a row (this thread's). */
    private long failedSeq = -1;
    private int failedTries;
    private volatile Set<String> warnedAbout = Set.of();
    private volatile boolean closed;
    private Thread thread;
    private java.util.concurrent.ScheduledExecutorService heartbeat;

    /**
     * Peers that will merge every announcement after the log's latest now: make them before the store is read, so
     * that nothing announced between the read and {@link #start()} is missed.
     */
    Peers(Coordination coordination, Aggregator aggregator,
          java.util.function.Consumer<Map<String, SourceState>> restoreStates, Runnable onChanged, Clock clock,
          Recorder recorder, String role, String loadedHash) {
        this.coordination = coordination;
        this.aggregator = aggregator;
        this.restoreStates = restoreStates;
        this.onChanged = onChanged;
        this.clock = clock;
        this.recorder = recorder;
        this.role = role;
        this.loadedHash = loadedHash;
        this.seen = coordination.lastAnnouncement();
    }

    /** This instance's id in the database. */
    String instance() {
        return coordination.instance();
    }

    /** Starts reading the change log and checking in, on a thread of its own. */
    synchronized void start() {
        // on a thread of its own: a merge that waits for a long rebuild must not make this instance look stopped
        heartbeat = Daemons.every("feedloom-check-in", Duration.ZERO, CHECK_IN, this::checkInLogged);
        thread = new Thread(this::loop, "feedloom-peers");
        thread.setDaemon(true);
        thread.start();
    }

    private void checkInLogged() {
        try {
            checkIn();
        } catch (StoreException e) {
            if (!closed) {
                LOG.warn("cannot check in with the other instances: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warn("checking in with the other instances failed: {}", e.toString());
        }
    }

    /** The configured live sources: only their announced items are merged here. */
    void configure(Set<String> sourceIds) {
        configured = Set.copyOf(sourceIds);
    }

    /** The hash of the configuration and seeds this instance loaded, after a reload. */
    void loaded(String hash) {
        loadedHash = hash;
    }

    /** The instances that checked in lately, this one included, as last read. */
    List<Peer> peers() {
        return peers;
    }

    /** Announces what a rebuild of this instance merged and saved; called on the rebuilding thread. */
    void saved(Rebuilder.Saved saved) {
        List<String> sources = new ArrayList<>();
        for (String id : saved.sources()) {
            if (!foreign.remove(id)) {
                sources.add(id);
            }
        }
        if (sources.isEmpty()) {
            return;
        }
        try {
            coordination.announce(Announcement.merged(sources, saved.firstSeen(), saved.publishedIds()),
                    clock.instant());
        } catch (StoreException e) {
            LOG.warn("cannot announce {} merged sources to the other instances: {}", sources.size(), e.getMessage());
        }
    }

    /**
     * Announces the keys a forgetting pass of this instance forgot, for the others to forget them too (each also
     * finds them without a record at its own next pass); in announcements of {@link #FORGOTTEN_AT_ONCE} keys.
     */
    void forgot(Set<String> keys) {
        List<String> all = keys.stream().sorted().toList();
        try {
            for (int from = 0; from < all.size(); from += FORGOTTEN_AT_ONCE) {
                coordination.announce(Announcement.forgotten(all.subList(from,
                        Math.min(all.size(), from + FORGOTTEN_AT_ONCE))), clock.instant());
            }
        } catch (StoreException e) {
            LOG.warn("cannot announce {} forgotten keys to the other instances (they find them at their next pass): "
                    + "{}", keys.size(), e.getMessage());
        }
    }

    /** How many forgotten keys one announcement names. */
    static final int FORGOTTEN_AT_ONCE = 10_000;

    private void loop() {
        while (!closed) {
            try {
                mergeAnnounced();
                coordination.awaitAnnouncement(WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (StoreException e) {
                if (!closed) {
                    LOG.warn("cannot read what the other instances changed: {}", e.getMessage());
                    sleep();
                }
            } catch (RuntimeException | Error e) {
                Faults.rethrowIfOfTheJvm(e);
                LOG.warn("merging what another instance changed failed: {}", e.toString());
                sleep();
            }
        }
    }

    /**
     * Merges every announcement of the others since the last one merged; returns how many it merged. Each is merged
     * whole before the next is read: ids and first-seen times first, so the merge of its sources' items gives
     * what it gave the announcer.
     */
    int mergeAnnounced() {
        int merged = 0;
        List<Announcement> read;
        do {
            read = coordination.announcements(seen, READ);
            for (Announcement a : read) {
                boolean others = !a.instance().equals(instance()); // this instance's own are merged here already
                if (others && a.committed()) {
                    Instant now = clock.instant();
                    a.sources().forEach(id -> committed.putIfAbsent(id, new Committed(a.instance(), now)));
                } else if (others && mergeOrSkip(a)) {
                    merged++;
                }
                seen = a.seq();
            }
        } while (read.size() == READ);
        merged += mergeOrphans();
        if (merged > 0) {
            onChanged.run();
        }
        return merged;
    }

    /**
     * Merges {@code a}; returns true. When the merge fails on a fault of the code (not the store's: that is tried
     * again for as long as it fails), it is thrown for the loop to try again, {@link #TRIES} times in all; then it is
     * logged and skipped (false), so that the announcements after it are merged: its sources are merged here when
     * they are announced next, or at a restart, which merges everything stored.
     */
    private boolean mergeOrSkip(Announcement a) {
        try {
            merge(a);
            failedSeq = -1;
            return true;
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            Faults.rethrowIfOfTheJvm(e);
            failedTries = failedSeq == a.seq() ? failedTries + 1 : 1;
            failedSeq = a.seq();
            if (failedTries < TRIES) {
                throw e;
            }
            LOG.error("skipping what instance {} announced (#{}, sources {}) after {} failed merges: they are merged "
                    + "when announced next, or at a restart", a.instance(), a.seq(), a.sources(), TRIES, e);
            failedSeq = -1;
            return false;
        }
    }

    /**
     * Merges, without the announcer's first-seen times and ids, the sources another instance committed and never
     * announced a merge of: it stopped running ({@link #ALIVE} has passed since the commit and it is not among the
     * instances that checked in within {@code ALIVE}), or {@link #ORPHANED} passed. They are merged as one
     * announcement; returns 1 if there was one, else 0.
     */
    private int mergeOrphans() {
        if (committed.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        Set<String> running = new HashSet<>();
        peers.forEach(p -> running.add(p.id()));
        List<String> orphans = new ArrayList<>();
        committed.forEach((id, c) -> {
            // it ran when it committed: only once it has missed its check-ins since can it have stopped (the list of
            // instances running is read every CHECK_IN, so one that started since may not be on it yet)
            boolean stopped = !now.isBefore(c.at().plus(ALIVE)) && !running.contains(c.instance());
            if (stopped || !now.isBefore(c.at().plus(ORPHANED))) {
                orphans.add(id);
            }
        });
        if (orphans.isEmpty()) {
            return 0;
        }
        LOG.info("merging {} sources that instances no longer running committed without announcing their merge",
                orphans.size());
        // dated as their items were first seen, as stored: every instance merging them alone agrees
        Map<String, Instant> firstSeen = new java.util.HashMap<>();
        orphans.forEach(id -> firstSeen.putAll(coordination.sourceFirstSeen(id)));
        merge(Announcement.merged(orphans, firstSeen, List.of()));
        return 1;
    }

    private void merge(Announcement a) {
        int held = aggregator.forget(a.forgotten());
        if (held > 0) {
            LOG.info("{} of the {} keys instance {} forgot are held by articles here: their ids and first-seen times "
                    + "are recorded again", held, a.forgotten().size(), a.instance());
        }
        aggregator.adoptPublishedIds(a.publishedIds());
        aggregator.addFirstSeen(a.firstSeen());
        Set<String> mine = configured;
        a.sources().forEach(committed::remove);
        List<String> sources = a.sources().stream().filter(mine::contains).toList();
        for (String id : sources) {
            foreign.add(id);
            aggregator.setSourceItems(id, coordination.sourceItems(id));
        }
        restoreStates.accept(coordination.states(sources));
        recorder.peerChangeApplied(sources.size());
    }

    /** A source another instance committed at {@code at} (by this instance's clock), its merge not announced yet. */
    private record Committed(String instance, Instant at) {}

    private void checkIn() {
        Instant now = clock.instant();
        coordination.checkIn(role, loadedHash, now);
        List<Peer> running = coordination.peers(now, ALIVE);
        peers = running;
        Set<String> differing = new HashSet<>();
        for (Peer p : running) {
            if (!p.loadedHash().equals(loadedHash)) {
                differing.add(p.id());
            }
        }
        Set<String> fresh = new HashSet<>(differing);
        fresh.removeAll(warnedAbout);
        if (!fresh.isEmpty()) {
            LOG.warn("instances {} loaded another configuration or other seeds than this one ({}): instances sharing "
                    + "a database must share both", String.join(", ", fresh), instance());
        }
        warnedAbout = differing;
    }

    /** The instances that checked in lately, for {@code /status}: this one and whether each loaded what it did. */
    List<InstanceStatus> statuses() {
        String mine = loadedHash;
        return peers.stream().map(p -> new InstanceStatus(p.id(), p.role(), p.started(), p.seen(),
                p.id().equals(instance()), p.loadedHash().equals(mine))).toList();
    }

    private void sleep() {
        try {
            Thread.sleep(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
            if (heartbeat != null) {
                heartbeat.shutdownNow();
            }
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
