package org.feedloom.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.feedloom.metrics.Recorder;
import org.feedloom.model.Source;
import org.feedloom.store.Coordination;
import org.feedloom.store.Coordination.Claim;
import org.feedloom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's leases on the sources it fetches, when several instances share the database: a source is claimed
 * before its fetch, renewed every third of the lease while the fetch and its commit are under way, and the commit
 * ends it (the store does that, in the commit's transaction). A claim that fails says when to look again: when the
 * other instance's lease expires, or when the source is due by the state the other instance stored.
 *
 * <p>Thread-safe.
 */
final class SourceLeases implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceLeases.class);

    private final Coordination coordination;
    private final Duration length;
    private final Clock clock;
    private final Recorder recorder;
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService renewer;

    SourceLeases(Coordination coordination, Duration length, Clock clock, Recorder recorder) {
        this.coordination = coordination;
        this.length = length;
        this.clock = clock;
        this.recorder = recorder;
        Duration every = Duration.ofMillis(Math.max(1, length.toMillis() / 3));
        this.renewer = Daemons.every("feedloom-leases", every, every, this::renew);
    }

    /**
     * Claims {@code source}'s lease; {@code asked} for a refresh asked for (the admin route), which claims a source
     * that is not due as well. A store that cannot be reached answers as if another instance held the lease for
     * its whole length, so the source is tried again then.
     */
    Claim claim(Source source, boolean asked) {
        Instant now = clock.instant();
        try {
            Claim claim = coordination.claim(source.id(), source.address(), now, length, !asked);
            recorder.leaseClaimed(claim.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    claim.takenFrom() != null);
            if (claim.takenFrom() != null) {
                LOG.info("source {}: taken over from instance {}, whose lease expired", source.id(),
                        claim.takenFrom());
            }
            return claim;
        } catch (StoreException e) {
            LOG.warn("source {}: cannot claim its lease: {}", source.id(), e.getMessage());
            return new Claim(Claim.Outcome.BUSY, null, now.plus(length), null);
        }
    }

    /**
     * Refreshes a source whose lease this instance claimed, keeping the lease renewed from now (the fetch may wait
     * for its turn under the politeness limits far longer than a lease) until its outcome is committed or dropped.
     */
    SourceRefresher.Refreshed hold(String sourceId, Supplier<SourceRefresher.Refreshed> refresh) {
        held.add(sourceId);
        SourceRefresher.Refreshed refreshed;
        try {
            refreshed = refresh.get();
        } catch (RuntimeException e) {
            held.remove(sourceId);
            throw e;
        }
        refreshed.published().whenComplete((state, error) -> held.remove(sourceId));
        return refreshed;
    }

    /** The sources whose leases are held now. */
    Set<String> held() {
        return Set.copyOf(held);
    }

    private void renew() {
        List<String> ids = List.copyOf(held);
        if (ids.isEmpty()) {
            return;
        }
        try {
            coordination.renew(ids, clock.instant().plus(length));
        } catch (StoreException e) {
            LOG.warn("cannot renew the leases of {} sources: {}", ids.size(), e.getMessage());
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
