package org.feedloom.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the heap grows while Feedloom works, and what it is fitted to once Feedloom is idle.
 *
 * <p>The JVM options' {@code -XX:MinHeapFreeRatio} and {@code -XX:MaxHeapFreeRatio} (10 and 20 in the README's
 * command) say how much of the heap may stay free after a full collection: a small server at rest should hold
 * little more than what is live. Followed while a large change builds up, the same rule is slow: a first fetch
 * cycle of 1,000 sources holds 150 MB more for a few seconds, and growing the heap 10% at a time cost a full
 * collection every half second of it (20-30 collections, 2-3 s of a 12-18 s cycle on two cores; the serial
 * collector also collects in full when the old generation's free room is less than what a young collection may
 * promote). So while Feedloom works the heap grows in the JVM's default steps ({@link #WORKING_MIN_FREE}% free
 * after a collection, at most {@link #WORKING_MAX_FREE}%), and once a check period has passed without any
 * collection (little allocated, so it will not grow back soon) and the heap has more free room than the options
 * allow by at least {@link #SLACK_BYTES}, one full collection under the options' ratios fits it again. Options at
 * least as loose as the working ratios (the JVM's defaults) leave everything as the JVM does it;
 * {@code -XX:+DisableExplicitGC} leaves the fitting to the next full collection the JVM makes by itself.
 *
 * <p>The ratios are manageable flags, set for the whole JVM: {@code serve} and {@code export}, which own their
 * process, use this ({@code serve} once it listens and has rendered its first pages: reading the flags the first
 * time sets up the JVM's management beans, 40-60 ms of a start's CPU); an embedder chooses
 * ({@link Main.Embedded#manageHeap()}). Thread-safe.
 */
final class HeapFit {
    private static final Logger LOG = LoggerFactory.getLogger(HeapFit.class);
    static final String MIN_FREE = "MinHeapFreeRatio";
    static final String MAX_FREE = "MaxHeapFreeRatio";
    /** The JVM's own defaults: the heap's growth steps while Feedloom works. */
    static final int WORKING_MIN_FREE = 40;
    static final int WORKING_MAX_FREE = 70;
    /** Less free room than this beyond what the options allow is not worth a full collection. */
    static final long SLACK_BYTES = 16L << 20;

    /** What this class needs of the JVM: its flags, its collections and its heap. */
    interface Jvm {
        int flag(String name);

        void setFlag(String name, int value);

        /** Collections of any kind so far. */
        long collections();

        /** The generation that outlives young collections (or the whole heap when it has no such pool). */
        MemoryUsage oldGeneration();

        /** A full collection ({@link System#gc()}). */
        void collect();
    }

    private final Jvm jvm;
    private final int idleMin;
    private final int idleMax;
    private final boolean active;
    private long collectionsSeen = -1;
    /**
     * The old generation's committed size after the last fit: a fit that gave nothing back (explicit collections
     * disabled, or a collector that shrinks only later) is not tried again until the heap has changed size.
     */
    private long committedAfterFit = -1;

    private HeapFit(Jvm jvm) {
        this.jvm = jvm;
        this.idleMin = jvm.flag(MIN_FREE);
        this.idleMax = jvm.flag(MAX_FREE);
        this.active = idleMin < WORKING_MIN_FREE || idleMax < WORKING_MAX_FREE;
    }

    private static HeapFit process;

    /**
     * The process's one: made by the first call, which takes the JVM's free ratios as what an idle heap is fitted to
     * and has the heap grow by the working ratios from then on (later calls, such as a second server started in the
     * same JVM, get the same one). Without the JVM's management interface (a runtime without
     * {@code jdk.management}), one that changes nothing and collects on {@link #fit()} only.
     */
    static synchronized HeapFit process() {
        if (process == null) {
            Jvm jvm;
            try {
                jvm = running();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("heap: its free ratios cannot be read ({}); the JVM sizes it alone", e.toString());
                jvm = new Unmanaged();
            }
            process = start(jvm);
        }
        return process;
    }

    /**
     * The running JVM, through its management beans.
     *
     * @throws RuntimeException or {@link LinkageError} when they cannot be used
     */
    static Jvm running() {
        return new Hotspot();
    }

    /** One on {@code jvm}, its ratios taken as the idle fit and the working ones set at once (if they differ). */
    static HeapFit start(Jvm jvm) {
        HeapFit fit = new HeapFit(jvm);
        if (fit.active) {
            fit.working();
        }
        return fit;
    }

    /**
     * Called every few seconds: fits the heap ({@link #fit()}) if no collection ran since the last call, it has
     * more than {@link #SLACK_BYTES} of free room beyond what the JVM options allow, and its size changed since the
     * last fit. Returns whether it did.
     */
    synchronized boolean fitIfIdle() {
        long collections = jvm.collections();
        boolean idle = collections == collectionsSeen;
        collectionsSeen = collections;
        if (!active || !idle || !loose() || jvm.oldGeneration().getCommitted() == committedAfterFit) {
            return false;
        }
        fit();
        return true;
    }

    /**
     * One full collection under the JVM options' free ratios, so the heap keeps at most the free room they allow;
     * then the working ratios again. Also when a large piece of work has just ended (the start-up merge).
     */
    synchronized void fit() {
        if (!active) {
            jvm.collect();
            return;
        }
        jvm.setFlag(MIN_FREE, idleMin); // lowered first: the JVM refuses a minimum above the maximum
        jvm.setFlag(MAX_FREE, idleMax);
        try {
            jvm.collect();
        } finally {
            working();
            collectionsSeen = jvm.collections();
            committedAfterFit = jvm.oldGeneration().getCommitted();
        }
    }

    /** Whether the old generation's free room exceeds what the options' maximum free ratio allows, by the slack. */
    private boolean loose() {
        MemoryUsage old = jvm.oldGeneration();
        long fitted = (long) (old.getUsed() / (1 - idleMax / 100.0));
        return old.getCommitted() - fitted > SLACK_BYTES;
    }

    private void working() {
        jvm.setFlag(MAX_FREE, Math.max(idleMax, WORKING_MAX_FREE)); // raised first, for the same reason
        jvm.setFlag(MIN_FREE, Math.max(idleMin, WORKING_MIN_FREE));
    }

    /** The running JVM, through its management beans. */
    private static final class Hotspot implements Jvm {
        private final HotSpotDiagnosticMXBean flags =
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        private final MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                .findFirst().orElse(null);

        Hotspot() {
            flag(MIN_FREE); // fails here, not later, where the flags cannot be read
        }

        @Override
        public int flag(String name) {
            return Integer.parseInt(flags.getVMOption(name).getValue());
        }

        @Override
        public void setFlag(String name, int value) {
            flags.setVMOption(name, Integer.toString(value));
        }

        @Override
        public long collections() {
            return collectors.stream().mapToLong(c -> Math.max(0, c.getCollectionCount())).sum();
        }

        @Override
        public MemoryUsage oldGeneration() {
            return old != null ? old.getUsage() : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        }

        @Override
        public void collect() {
            System.gc();
        }
    }

    /** A JVM whose flags cannot be read: the JVM's defaults are taken as its ratios, so nothing is changed. */
    private static final class Unmanaged implements Jvm {
        @Override
        public int flag(String name) {
            return MIN_FREE.equals(name) ? WORKING_MIN_FREE : WORKING_MAX_FREE;
        }

        @Override
        public void setFlag(String name, int value) {
            throw new IllegalStateException("no flag is set on an unmanaged JVM");
        }

        @Override
        public long collections() {
            return 0;
        }

        @Override
        public MemoryUsage oldGeneration() {
            return new MemoryUsage(0, 0, 0, -1);
        }

        @Override
        public void collect() {
            System.gc();
        }
    }
}
