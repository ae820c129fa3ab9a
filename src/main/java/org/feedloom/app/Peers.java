package org.feedloom.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Keeps this instance in step with the others sharing its database. Every instance merges into the one merged
 * archive the database keeps, and each merge announces the articles it changed or took away in its own transaction
 * ({@link org.feedloom.store.StoreMerge#announce}); this instance reads what the others announce, and shows those
 * articles as the archive holds them ({@link StoreMerger#reread}), and the states of the sources they committed. So
 * every instance shows the same articles with the same ids and times, and serves the same bytes under the same
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
    private static final int READ = 100;
    /** How many times an announcement whose merge fails on a fault of the code is tried before it is skipped. */
    static final int TRIES = 3;

    private final Coordination coordination;
    private final StoreMerger merger;
    /** Adopts stored source states (what {@code /status} shows and the next fetch starts from). */
    private final java.util.function.Consumer<Map<String, SourceState>> restoreStates;
    private final Runnable onChanged;
    private final Clock clock;
    private final Recorder recorder;
    private final String role;
    private volatile String loadedHash;
    private volatile Set<String> configured = Set.of();
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
     * Peers that will take every announcement after the log's latest now: make them before the store is read, so
     * that nothing announced between the read and {@link #start()} is missed.
     */
    Peers(Coordination coordination, StoreMerger merger,
          java.util.function.Consumer<Map<String, SourceState>> restoreStates, Runnable onChanged, Clock clock,
          Recorder recorder, String role, String loadedHash) {
        this.coordination = coordination;
        this.merger = merger;
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

    /** The configured live sources: only their announced states are adopted here. */
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
     * Shows what every announcement of the others since the last one read named; returns how many it took. Each is
     * taken whole before the next is read.
     */
    int mergeAnnounced() {
        int merged = 0;
        List<Announcement> read;
        do {
            read = coordination.announcements(seen, READ);
            for (Announcement a : read) {
                // this instance's own are shown here already
                if (!a.instance().equals(instance()) && mergeOrSkip(a)) {
                    merged++;
                }
                seen = a.seq();
            }
        } while (read.size() == READ);
        if (merged > 0) {
            onChanged.run();
        }
        return merged;
    }

    /**
     * Takes {@code a}; returns true. When that fails on a fault of the code (not the store's: that is tried again for
     * as long as it fails), it is thrown for the loop to try again, {@link #TRIES} times in all; then it is logged
     * and skipped (false), so that the announcements after it are taken: its articles are shown here when they
     * change next, or at a restart, which shows the whole archive.
     */
    private boolean mergeOrSkip(Announcement a) {
        try {
            take(a);
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
            LOG.error("skipping what instance {} announced (#{}, {} articles) after {} failed tries: they are shown "
                    + "when they change next, or at a restart", a.instance(), a.seq(), a.articles().size(), TRIES, e);
            failedSeq = -1;
            return false;
        }
    }

    /** Shows the articles {@code a} names as the archive holds them now, and the states of its sources here. */
    private void take(Announcement a) {
        if (!a.articles().isEmpty()) {
            merger.reread(a.articles());
        }
        Set<String> mine = configured;
        List<String> sources = a.sources().stream().filter(mine::contains).toList();
        if (!sources.isEmpty()) {
            restoreStates.accept(coordination.states(sources));
        }
        recorder.peerChangeApplied(sources.size());
    }

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
