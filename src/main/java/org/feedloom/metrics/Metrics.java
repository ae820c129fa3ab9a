package org.feedloom.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feedloom's metrics, named by the Prometheus conventions (a {@code feedloom_} prefix, base units, {@code _total}
 * on counters), in a registry of its own, and the JVM's (memory, GC, threads, classes, process CPU and file
 * descriptors), from the one registry of them the process has (see {@link Jvm}): what {@link Recorder} is told is counted as it happens; what a gauge or a callback counter shows is
 * read from the callbacks registered with {@link #sources}, {@link #articles}, {@link #cacheRequests},
 * {@link #cacheBytes}, {@link #cacheEvictions}, {@link #httpRequests}, {@link #storeQueue}, {@link #merging} and {@link #rebuildsFailing} at each {@link #scrape}. A callback that
 * throws is logged and shows nothing for that scrape; the others still do.
 *
 * <p>Thread-safe. Recording costs a lookup of the label values and an atomic add (no exemplars are sampled); a
 * scrape costs what its callbacks cost, and takes no lock of Feedloom's.
 */
public final class Metrics implements Recorder {
    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
    /** Fetches: from a loopback answer in milliseconds to the default 30 s timeout. */
    private static final double[] FETCH_SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** Waits for a politeness permit: none, mostly; up to a slow fetch of the same host. */
    private static final double[] WAIT_SECONDS = {0.0001, 0.001, 0.01, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** Merges, renders and commits: from a fraction of a millisecond to seconds on a large catalog. */
    private static final double[] WORK_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5, 5, 10};
    /** Sources per commit: the writer commits 64 at most. */
    private static final double[] BATCH_SOURCES = {1, 2, 4, 8, 16, 32, 64, 128};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final Counter fetches;
    private final Histogram fetchSeconds;
    private final Counter fetchedBytes;
    private final Histogram hostWaitSeconds;
    private final Histogram mergeSeconds;
    private final Histogram renderSeconds;
    private final Histogram commitSeconds;
    private final Histogram commitSources;
    private final Counter leaseClaims;
    private final Counter leaseTakeovers;
    private final Counter peerChanges;

    /** What a scrape gave: the body in the format asked for, and its {@code Content-Type}. */
    public record Scrape(String contentType, byte[] body) {}

    /** The current values of a gauge or callback counter, read at each scrape. */
    @FunctionalInterface
    public interface Reading {
        /** Reports every current value, each with its label values in the order the metric names its labels. */
        void read(Sample sample);
    }

    /** Takes one value of a {@link Reading}. */
    @FunctionalInterface
    public interface Sample {
        void of(double value, String... labelValues);
    }

    /** A registry of Feedloom's metrics and the JVM's, nothing counted yet, no callbacks registered. */
    public Metrics() {
        fetches = Counter.builder().name("feedloom_fetches_total").labelNames("outcome").withoutExemplars()
                .help("Refreshes of live sources by fetch outcome (ok, not-modified, gone, error)")
                .register(registry);
        fetchSeconds = seconds("feedloom_fetch_duration_seconds",
                "Time a refresh took to get its feed's response, discovery and politeness waits included",
                FETCH_SECONDS);
        fetchedBytes = Counter.builder().name("feedloom_fetched_bytes_total").unit(Unit.BYTES).withoutExemplars()
                .help("Bytes of feed bodies fetched, after decompression").register(registry);
        hostWaitSeconds = seconds("feedloom_host_wait_seconds",
                "Time a request waited for its turn under a politeness limit (host: per host, overall: in total)",
                WAIT_SECONDS, "limit");
        mergeSeconds = seconds("feedloom_merge_duration_seconds", "Time a rebuild took to merge the articles",
                WORK_SECONDS);
        renderSeconds = seconds("feedloom_render_duration_seconds",
                "Time a document took to render and compress, by kind (atom, rss, json, opml, index, page)",
                WORK_SECONDS, "document");
        commitSeconds = seconds("feedloom_store_commit_duration_seconds",
                "Time the store took to commit a batch of fetch outcomes", WORK_SECONDS);
        commitSources = Histogram.builder().name("feedloom_store_commit_sources").classicOnly().withoutExemplars()
                .classicUpperBounds(BATCH_SOURCES).help("Sources whose fetch outcomes one store commit wrote")
                .register(registry);
        leaseClaims = Counter.builder().name("feedloom_lease_claims_total").labelNames("outcome").withoutExemplars()
                .help("Tries to take a source's lease before fetching it, by outcome (claimed, busy, not-due)")
                .register(registry);
        leaseTakeovers = Counter.builder().name("feedloom_lease_takeovers_total").withoutExemplars()
                .help("Sources claimed from another instance whose lease had expired").register(registry);
        peerChanges = Counter.builder().name("feedloom_peer_changes_total").withoutExemplars()
                .help("Changes announced by other instances sharing the database and merged here").register(registry);
        for (String outcome : new String[] {"claimed", "busy", "not-due"}) {
            leaseClaims.initLabelValues(outcome);
        }
        for (String outcome : new String[] {"ok", "not-modified", "gone", "error"}) {
            fetches.initLabelValues(outcome); // each shown from the start, at 0
        }
        hostWaitSeconds.initLabelValues("host");
        hostWaitSeconds.initLabelValues("overall");
    }

    /**
     * The JVM's metrics, registered once per process: they are the process's, and the client keeps every registry
     * it registers them with for good, which would keep each server's registry, and all its callbacks reach, alive.
     */
    private static final class Jvm {
        static final PrometheusRegistry REGISTRY = new PrometheusRegistry();

        static {
            JvmMetrics.builder().register(REGISTRY);
        }
    }

    private Histogram seconds(String name, String help, double[] bounds, String... labels) {
        return Histogram.builder().name(name).unit(Unit.SECONDS).help(help).labelNames(labels).classicOnly()
                .withoutExemplars().classicUpperBounds(bounds).register(registry);
    }

    @Override
    public void fetched(String outcome, long nanos, long bytes) {
        fetches.labelValues(outcome).inc();
        fetchSeconds.observe(Unit.nanosToSeconds(nanos));
        if (bytes > 0) {
            fetchedBytes.inc(bytes);
        }
    }

    @Override
    public void hostWaited(String limit, long nanos) {
        hostWaitSeconds.labelValues(limit).observe(Unit.nanosToSeconds(nanos));
    }

    @Override
    public void merged(long nanos) {
        mergeSeconds.observe(Unit.nanosToSeconds(nanos));
    }

    @Override
    public void rendered(String document, long nanos) {
        renderSeconds.labelValues(document).observe(Unit.nanosToSeconds(nanos));
    }

    @Override
    public void committed(int sources, long nanos) {
        commitSeconds.observe(Unit.nanosToSeconds(nanos));
        commitSources.observe(sources);
    }

    @Override
    public void leaseClaimed(String outcome, boolean takenOver) {
        leaseClaims.labelValues(outcome).inc();
        if (takenOver) {
            leaseTakeovers.inc();
        }
    }

    @Override
    public void peerChangeApplied(int sources) {
        peerChanges.inc();
    }

    /** {@code feedloom_sources{state}}: live sources by state (as {@code /status} names them), one value each. */
    public void sources(Reading reading) {
        gauge("feedloom_sources", "Configured live sources by state", reading, "state");
    }

    /** {@code feedloom_articles{topic}}: articles published under each topic (by slug). */
    public void articles(Reading reading) {
        gauge("feedloom_articles", "Articles in the served catalog by topic slug", reading, "topic");
    }

    /** {@code feedloom_cache_requests_total{cache, result}}: cache lookups, {@code result} hit or miss. */
    public void cacheRequests(Reading reading) {
        counter("feedloom_cache_requests_total",
                "Lookups of the rendered-documents cache and of the answers cached per feed path, by result",
                reading, "cache", "result");
    }

    /** {@code feedloom_cache_evictions_total{cache}}: documents a cache dropped to keep within its budget. */
    public void cacheEvictions(Reading reading) {
        counter("feedloom_cache_evictions_total", "Documents dropped to keep the cache within its byte budget",
                reading, "cache");
    }

    /** {@code feedloom_cache_bytes{cache}}: the bytes a cache holds. */
    public void cacheBytes(Reading reading) {
        gauge("feedloom_cache_bytes", "Bytes the rendered-documents cache holds, bodies and overhead", reading,
                "cache");
    }

    /** {@code feedloom_http_requests_total{route, status}}: requests answered, by route template and status. */
    public void httpRequests(Reading reading) {
        counter("feedloom_http_requests_total",
                "HTTP requests answered, by route template (other: none matched) and status code", reading,
                "route", "status");
    }

    /** {@code feedloom_store_queued_outcomes}: fetch outcomes waiting for the store's writer. */
    public void storeQueue(Reading reading) {
        gauge("feedloom_store_queued_outcomes", "Fetch outcomes handed to the store's writer, not taken yet",
                reading);
    }

    /** {@code feedloom_merging}: 1 while a restart merges its stored archive (the served counts partial), else 0. */
    public void merging(Reading reading) {
        gauge("feedloom_merging", "1 while a restarted server merges its stored archive (its counts partial), else 0",
                reading);
    }

    /**
     * {@code feedloom_rebuilds_failing}: rebuilds failed in a row since the last that published its catalog (what was
     * fetched since is not published yet), 0 while they pass.
     */
    public void rebuildsFailing(Reading reading) {
        gauge("feedloom_rebuilds_failing", "Rebuilds failed in a row since the last that published its catalog, 0 "
                + "while they pass", reading);
    }

    /**
     * {@code feedloom_coverage_entries}: the articles that may be linked as coverage of one story whose entries memory
     * holds after the last sync (those of the newest days).
     */
    public void coverageEntries(Reading reading) {
        gauge("feedloom_coverage_entries", "Entries of the related coverage memory holds after the last sync (the "
                + "newest days' articles that may be linked)", reading);
    }

    /**
     * {@code feedloom_coverage_days_read_total}: days of articles the related coverage read again from the store, a
     * change needing days it had let go (counted as of the last sync).
     */
    public void coverageDaysRead(Reading reading) {
        counter("feedloom_coverage_days_read_total", "Days of articles the related coverage read again from the "
                + "store for changes on days it had let go", reading);
    }

    private void counter(String name, String help, Reading reading, String... labels) {
        CounterWithCallback.builder().name(name).help(help).labelNames(labels)
                .callback(callback -> read(name, reading, callback::call)).register(registry);
    }

    private void gauge(String name, String help, Reading reading, String... labels) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(labels)
                .callback(callback -> read(name, reading, callback::call)).register(registry);
    }

    private static void read(String name, Reading reading, Sample sample) {
        try {
            reading.read(sample);
        } catch (RuntimeException e) {
            LOG.warn("metrics: reading {} failed: {}", name, e.toString());
        }
    }

    /**
     * Every metric now, in the format the {@code Accept} header asks for: the Prometheus text format 0.0.4 unless
     * it asks for OpenMetrics.
     *
     * @param accept the request's {@code Accept} header, or null
     */
    public Scrape scrape(String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        if (!writer.isAvailable()) {
            writer = formats.getPrometheusTextFormatWriter();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            MetricSnapshots.Builder all = MetricSnapshots.builder();
            registry.scrape().forEach(all::metricSnapshot);
            Jvm.REGISTRY.scrape().forEach(all::metricSnapshot);
            writer.write(out, all.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return new Scrape(writer.getContentType(), out.toByteArray());
    }
}
