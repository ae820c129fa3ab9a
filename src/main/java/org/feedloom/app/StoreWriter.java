package org.feedloom.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.feedloom.metrics.Recorder;
import org.feedloom.model.Faults;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes fetch outcomes to the store, several sources per transaction (group commit). A fetch
 * worker {@link #hand}s it a source's outcome and goes on with its next source. The writer takes what has queued
 * up, at most {@code maxBatch} outcomes; commits them in one transaction ({@link Commit}: in a server, with the
 * merge of what they changed, {@link StoreMerger#commit}); and only then publishes each (the source's state that
 * {@code /status} reads), in the order they were handed over. So nothing a reader or {@code /status} sees was
 * uncommitted: what they have seen survives a {@code kill -9}.
 *
 * <p><b>Batching.</b> An idle writer commits what it finds queued (usually one outcome) at once: a lone fetch waits
 * for nothing. While outcomes keep coming (some were handed over during the last commit), the writer waits for more
 * before it commits the next batch: until {@code maxBatch} are queued, or {@code maxWait} after the first of them was
 * handed over. So an outcome waits at most {@code maxWait} plus the commits before its own, and a busy cycle is
 * written in a few large transactions rather than one per source.
 *
 * <p><b>Failures stay with their source.</b> When a batch's transaction fails, each of its outcomes is committed
 * alone; one that the store refuses alone is replaced by what its {@link Outcome#ifRefused} says (the source marked
 * failed, with the store's error as its error), saved alone; its neighbours are committed and published as usual.
 *
 * <p><b>Waiting.</b> Handing over never waits for a commit: the writer's monitor guards only its queue, and the
 * writer holds no lock of its own while it commits (it holds the store's and the merge's, which no fetch worker
 * takes). The queue
 * is bounded by {@code capacity}: when the writer falls that far behind, {@link #hand} waits for room. That is
 * backpressure (waiting for the writer to catch up), not waiting on a lock held across another source's commit.
 *
 * <p><b>Closing</b> commits and publishes everything queued, then stops the thread; an outcome handed over after
 * that is refused. Batching is paced by the pacing clock it is given (monotonic real time in production; tests move
 * a clock of their own). Each transaction committed is reported to its {@link Recorder}, with its sources and its
 * duration. Thread-safe.
 */
final class StoreWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    /** The most outcomes committed in one transaction. */
    static final int MAX_BATCH = 64;
    /** While outcomes keep coming, the longest the first of a batch waits for others to join it. */
    static final Duration MAX_WAIT = Duration.ofMillis(50);
    /** The most outcomes queued; a worker handing over one more waits for room. */
    static final int CAPACITY = 4 * MAX_BATCH;
    /** How long {@link #close()} waits for the queue to be committed. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

    /**
     * One source's outcome, as a fetch worker hands it over.
     *
     * @param write     what to commit
     * @param publish   makes the outcome visible once committed
     * @param ifRefused what to save and publish instead when the store refuses {@code write}, given the store's
     *                  error; null to publish {@code write}'s state unsaved (a state alone that itself records a
     *                  failure: nothing better can be said)
     */
    record Outcome(SourceWrite write, Publication publish, Function<String, Outcome> ifRefused) {}

    /** Makes a committed outcome visible; called on the writer's thread once the outcome is committed. */
    @FunctionalInterface
    interface Publication {
        void published();
    }

    /** Commits several sources' writes in one transaction, as {@link ArticleStore#commitBatch(List)} does. */
    @FunctionalInterface
    interface Commit {
        void commit(List<SourceWrite> writes);
    }

    private record Queued(Outcome outcome, Instant handedAt) {}

    private final Commit store;
    private final Recorder recorder;
    private final Clock pacing;
    private final int maxBatch;
    private final Duration maxWait;
    private final int capacity;
    private final Thread thread;
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private boolean closed;
    /** Whether outcomes were handed over while the last batch was committed: the next one waits for more. */
    private boolean busy;
    private long handed;
    private long taken;
    private long published;
    /** Outcomes a {@link #flush()} waits for: the writer does not wait for more before taking them. */
    private long flushTo;
    private long transactions;
    private long committed;

    /**
     * A writer of {@value #MAX_BATCH} outcomes per transaction at most that, while outcomes keep coming, waits
     * {@code MAX_WAIT} at most after the first of a batch for more.
     */
    StoreWriter(Commit store, Recorder recorder) {
        this(store, Rebuilder.REAL_TIME, MAX_BATCH, MAX_WAIT, CAPACITY, recorder);
    }

    /** With other limits and pacing clock, for tests. */
    StoreWriter(Commit store, Clock pacing, int maxBatch, Duration maxWait, int capacity) {
        this(store, pacing, maxBatch, maxWait, capacity, Recorder.NONE);
    }

    private StoreWriter(Commit store, Clock pacing, int maxBatch, Duration maxWait, int capacity,
                        Recorder recorder) {
        this.recorder = recorder;
        this.store = store;
        this.pacing = pacing;
        this.maxBatch = maxBatch;
        this.maxWait = maxWait;
        this.capacity = capacity;
        this.thread = new Thread(this::loop, "feedloom-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues an outcome for the next batch and returns; waits only while the queue is full. Returns false, queueing
     * nothing, once the writer is closing (or when interrupted while waiting for room).
     */
    synchronized boolean hand(Outcome outcome) {
        try {
            while (!closed && queue.size() >= capacity) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (closed) {
            return false;
        }
        queue.add(new Queued(outcome, pacing.instant()));
        handed++;
        notifyAll();
        return true;
    }

    /** Waits until every outcome handed over before the call is committed and published, without waiting for more. */
    synchronized void flush() throws InterruptedException {
        long target = handed;
        flushTo = Math.max(flushTo, target);
        notifyAll();
        while (published < target && thread.isAlive()) {
            wait(100); // the check of the thread covers a writer that died (an Error), which notifies no one
        }
    }

    /** Outcomes handed over so far. */
    synchronized long handed() {
        return handed;
    }

    /** Outcomes handed over that the writer has not taken yet. */
    synchronized int queued() {
        return queue.size();
    }

    /** Transactions committed so far (batches, and outcomes committed alone after a batch failed). */
    synchronized long transactions() {
        return transactions;
    }

    /** Outcomes committed so far (replacements of refused ones included). */
    synchronized long committed() {
        return committed;
    }

    private void loop() {
        List<Outcome> batch;
        while ((batch = take()) != null) {
            List<Outcome> done = commit(batch);
            publish(done);
            synchronized (this) {
                published += batch.size();
                busy = !queue.isEmpty();
                notifyAll();
            }
        }
    }

    /**
     * Waits for an outcome; while busy, waits for more until the batch is full, {@code maxWait} has passed since the
     * first was handed over, a flush asks for them, or the writer is closing; takes them. Null once closed and empty.
     */
    private synchronized List<Outcome> take() {
        try {
            while (queue.isEmpty() && !closed) {
                wait();
            }
            Instant deadline = !busy || queue.isEmpty() ? null : queue.peek().handedAt().plus(maxWait);
            while (deadline != null && queue.size() < maxBatch && !closed && flushTo <= taken
                    && pacing.instant().isBefore(deadline)) {
                wait(Math.max(1, Duration.between(pacing.instant(), deadline).toMillis()));
            }
        } catch (InterruptedException e) {
            closed = true; // nobody interrupts the writer; if something does, it drains what is queued and stops
        }
        if (queue.isEmpty()) {
            return null;
        }
        List<Outcome> batch = new ArrayList<>();
        while (batch.size() < maxBatch && !queue.isEmpty()) {
            batch.add(queue.poll().outcome());
        }
        taken += batch.size();
        notifyAll(); // room for workers waiting to hand over
        return batch;
    }

    /** Commits the batch in one transaction, or each outcome alone when that fails; returns what to publish. */
    private List<Outcome> commit(List<Outcome> batch) {
        long started = System.nanoTime();
        try {
            store.commit(batch.stream().map(Outcome::write).toList());
        } catch (RuntimeException | Error e) { // a fault of the code (Faults) as a store's failure: each alone
            Faults.rethrowIfOfTheJvm(e);
            if (batch.size() == 1) {
                return List.of(refused(batch.get(0), Faults.describe(e)));
            }
            LOG.warn("store: a batch of {} sources failed, committing each alone: {}", batch.size(), Faults.describe(e));
            return batch.stream().map(this::alone).toList();
        }
        counted(batch.size(), started);
        return batch;
    }

    private Outcome alone(Outcome outcome) {
        long started = System.nanoTime();
        try {
            store.commit(List.of(outcome.write()));
            counted(1, started);
            return outcome;
        } catch (RuntimeException | Error e) {
            Faults.rethrowIfOfTheJvm(e);
            return refused(outcome, Faults.describe(e));
        }
    }

    /** What is published for an outcome the store refused: its replacement, saved alone if the store takes it. */
    private Outcome refused(Outcome outcome, String error) {
        Outcome instead = outcome.ifRefused() == null ? null : outcome.ifRefused().apply(error);
        if (instead == null) {
            LOG.warn("source {}: state not saved: {}", outcome.write().sourceId(), error);
            return outcome;
        }
        long started = System.nanoTime();
        try {
            store.commit(List.of(instead.write()));
            counted(1, started);
        } catch (RuntimeException | Error e) {
            Faults.rethrowIfOfTheJvm(e);
            LOG.warn("source {}: state not saved: {}", instead.write().sourceId(), Faults.describe(e));
        }
        return instead;
    }

    /** Counts a transaction of {@code outcomes} that started at {@code started} ({@link System#nanoTime()}). */
    private void counted(int outcomes, long started) {
        recorder.committed(outcomes, System.nanoTime() - started);
        synchronized (this) {
            transactions++;
            committed += outcomes;
        }
    }

    /** Publishes each outcome in order. Never throws. */
    private void publish(List<Outcome> done) {
        for (Outcome o : done) {
            try {
                o.publish().published();
            } catch (RuntimeException | Error e) {
                Faults.rethrowIfOfTheJvm(e);
                LOG.error("source {}: publishing its committed outcome failed", o.write().sourceId(), e);
            }
        }
    }

    /** Refuses further outcomes, commits and publishes everything queued, and stops the thread. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("store: the writer is still committing after {} s; closing anyway", CLOSE_WAIT.toSeconds());
        }
    }
}
