package org.feedloom.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.config.ConfigChanges;
import org.feedloom.fetch.Schedule;
import org.feedloom.fetch.Scheduler;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.model.SourceState.Status;
import org.feedloom.store.Coordination;
import org.feedloom.web.AdminActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured live sources while serving: keeps the scheduler in step with the configuration (a new source is
 * fetched at once, a removed one is forgotten and its items leave the feeds, a changed one starts afresh), runs
 * the refresher when a source is due, and answers the admin and status routes.
 *
 * <p>Thread-safe.
 */
final class LiveSources implements AdminActions, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSources.class);

    private final SourceRefresher refresher;
    private final Runnable onItemsChanged;
    private final Clock clock;
    private final Scheduler scheduler;
    /** Null when this instance fetches alone; else the leases that share the sources with the other instances. */
    private final SourceLeases leases;
    /** The sources whose refresh was asked for (admin), fetched even if another instance fetched them lately. */
    private final java.util.Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Map<String, Source> sources = Map.of();

    private volatile boolean started;
    /** How long after another instance's lease expires this one looks at the source again. */
    private static final long LEASE_GRACE_MS = 250;

    LiveSources(SourceRefresher refresher, Runnable onItemsChanged, int workers, Clock clock) {
        this(refresher, onItemsChanged, workers, clock, null);
    }

    /**
     * Live sources shared with other instances through {@code leases} (null: fetched by this instance alone): a
     * source is fetched only under its lease, and one that another instance holds or fetched since is looked at
     * again when that lease ends or when the source is due by the state the other instance stored.
     */
    LiveSources(SourceRefresher refresher, Runnable onItemsChanged, int workers, Clock clock,
                SourceLeases leases) {
        this.leases = leases;
        this.refresher = refresher;
        this.onItemsChanged = onItemsChanged;
        this.clock = clock;
        this.scheduler = new Scheduler(workers, clock, this::run);
    }

    void start() {
        scheduler.start();
        started = true;
    }

    /** Whether a source is being fetched now, or is due and waiting for a worker. */
    boolean fetching() {
        return scheduler.inFlight() > 0;
    }

    @Override
    public boolean ready() {
        return started;
    }

    /**
     * Makes the configured sources these: a removed one is forgotten and its items leave the feeds; a new or changed
     * one is scheduled as {@link Schedule#dueAfterConfiguring} says.
     */
    synchronized void configure(List<Source> configured) {
        ConfigChanges.Sources changes = ConfigChanges.sources(sources.values(), configured);
        changes.removed().forEach(this::forget);
        for (ConfigChanges.Change change : changes.changed()) {
            SourceState state = refresher.stateOf(change.after());
            scheduler.schedule(change.after().id(), Schedule.dueAfterConfiguring(change, state, clock.instant()));
        }
        Map<String, Source> next = new LinkedHashMap<>(); // keeps the configuration's order
        configured.forEach(s -> next.put(s.id(), s));
        sources = Collections.unmodifiableMap(next);
        if (changes.itemsChanged()) {
            onItemsChanged.run(); // stored items keep the topics they were fetched with until the next fetch
        }
    }

    private void forget(Source old) {
        scheduler.remove(old.id());
        refresher.forget(old.id());
        LOG.info("source {} removed from the configuration", old.id());
    }

    private Instant run(String sourceId) {
        Source source = sources.get(sourceId);
        boolean wasAsked = asked.remove(sourceId);
        if (source == null || !source.enabled()) {
            return null;
        }
        if (leases == null) {
            return refresher.refresh(source).state().nextFetch();
        }
        Coordination.Claim claim = leases.claim(source, wasAsked);
        return switch (claim.outcome()) {
            case BUSY -> claim.busyUntil().plusMillis(LEASE_GRACE_MS);
            case NOT_DUE -> {
                refresher.restore(Map.of(sourceId, claim.stored()));
                yield claim.stored().nextFetch();
            }
            case CLAIMED -> leases.hold(sourceId, () -> refresher.refresh(source)).state().nextFetch();
        };
    }

    /** The state of every configured source, in configuration order. */
    List<SourceState> states() {
        List<SourceState> out = new ArrayList<>();
        Map<String, Instant> due = scheduler.due();
        for (Source s : sources.values()) {
            SourceState st = refresher.stateOf(s);
            if (!s.enabled()) {
                st = st.disabledByConfiguration();
            } else if (st.nextFetch() == null && due.containsKey(s.id()) && st.status() != Status.DISABLED) {
                Instant when = due.get(s.id());
                st = st.withNextFetch(when.equals(Instant.MAX) ? null : when);
            }
            out.add(st);
        }
        return out;
    }

    @Override
    public int refreshAll() {
        asked.addAll(sources.keySet());
        return scheduler.runAllNow();
    }

    @Override
    public boolean refresh(String sourceId) {
        asked.add(sourceId);
        return scheduler.runNow(sourceId);
    }

    /**
     * Stops scheduling and waits up to {@code wait} for fetches in flight to hand their outcome to the writer (which
     * commits it when the pipeline closes, if not before).
     */
    boolean stop(Duration wait) {
        return scheduler.stop(wait);
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
