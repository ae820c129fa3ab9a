package org.feedloom.canonical;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/**
 * How many threads a large merge may read texts on: the calling thread and {@code threads - 1} tasks on
 * {@code helpers}. Reading each group's fold anchors is independent of every other group's and most of what a
 * merge of many new items costs, so a merge of thousands (a first fetch of many sources, a stored archive merged at
 * start-up, a re-index) reads them on all of its threads; the result does not depend on how many there are.
 *
 * @param helpers runs the tasks besides the calling thread's share
 * @param threads the threads in all, the calling one included; 1 reads everything on the calling thread
 */
public record Parallelism(Executor helpers, int threads) {
    /** Everything on the calling thread. */
    public static final Parallelism NONE = new Parallelism(Runnable::run, 1);
    /** The fewest texts worth handing out: below it, the tasks cost more than they save. */
    static final int MIN_SHARED = 512;

    public Parallelism {
        if (helpers == null || threads < 1) {
            throw new IllegalArgumentException("a helpers' executor and at least one thread");
        }
    }

    /**
     * Runs {@code each} for every index below {@code n}, each exactly once: on the calling thread alone when
     * {@code n} is small or there is one thread, else in {@link #threads} contiguous shares, the first on the calling
     * thread. Returns when all have run; what a share throws is thrown here.
     */
    void forEach(int n, IntConsumer each) {
        forEachShare(n, (from, to) -> {
            for (int i = from; i < to; i++) {
                each.accept(i);
            }
        });
    }

    /** A contiguous share of the indices, from {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    interface Share {
        void run(int from, int to);
    }

    /**
     * {@link #forEach}, each share handed over whole: for work that does something once per run of indices (reads
     * what a run needs at once).
     */
    void forEachShare(int n, Share each) {
        if (threads == 1 || n < MIN_SHARED) {
            each.run(0, n);
            return;
        }
        int share = (n + threads - 1) / threads;
        List<CompletableFuture<Void>> others = new ArrayList<>(threads - 1);
        for (int from = share; from < n; from += share) {
            int start = from;
            int end = Math.min(n, from + share);
            others.add(CompletableFuture.runAsync(() -> each.run(start, end), helpers));
        }
        each.run(0, Math.min(n, share));
        try {
            CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }
}
