package org.feedloom.app;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.feedloom.config.ConfigChanges;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.ConfigResult;
import org.feedloom.config.ConfigWatcher;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.metrics.Metrics;
import org.feedloom.model.Catalog;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;
import org.feedloom.publish.SiteInfo;
import org.feedloom.publish.StatusPage;
import org.feedloom.store.StoreException;
import org.feedloom.web.WebApp;
import org.feedloom.web.WebSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code serve} and {@code fetch} commands ({@code fetch}: the same without feeds, pages or status, for a worker
 * of instances sharing a PostgreSQL store; {@code serve --no-fetch}: the same without fetching). {@code serve} loads config and seeds, builds the catalog, starts the HTTP server, prints
 * {@code listening on http://HOST:PORT/} once it accepts requests, and stops cleanly on shutdown.
 *
 * <p>With articles stored by an earlier run it listens first, serving the newest stored articles of every topic
 * (each feed's first page as that run left it), and on a background thread reads everything stored back, starts
 * fetching and merges what it read ({@link #merging()} until then): a restart serves within a second however large
 * the store, and fetches while it merges. On a new store it loads the seeds before listening.
 *
 * <p>It serves {@code /metrics}: its own {@link Metrics}, which the stages report to as they work and which read
 * the current values from them ({@link ServedMetrics}) at each scrape, and the JVM's.
 *
 * <p>The steps of {@link #start} assign the fields once each, before anything else can see the server.
 */
final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    /** Renders of each feed format at start-up, for the JIT: enough for its first tier to compile the renderers. */
    static final int WARM_UP_RENDERS = 15;
    /**
     * How often the store is asked to give back its writer's cache if not written since the last time: 2 to 4 s after
     * its last write. Asking costs a counter's read; what a write after a release costs is reading pages back from
     * the operating system's file cache.
     */
    static final Duration STORE_IDLE_CHECK = Duration.ofSeconds(2);

    private final Options options;
    private final Clock clock;
    /** Set once stopping; the start-up thread schedules nothing after it (checked and set under its monitor). */
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Metrics metrics = new Metrics();
    private FeedCache cache;
    private ConfigWatcher.Seen seen;
    private FeedloomConfig config;
    private Publisher publisher;
    /** The start-up catalog's deeper pages, read from the store until everything stored is merged. */
    private final StoredPages storedPages = new StoredPages();
    private WebSubNotifier webSub;
    private Pipeline pipeline;
    /** The leases this instance fetches under when it shares its database with others; null alone. */
    private SourceLeases leases;
    private boolean servingStored;
    /** See {@link #merging()}. */
    private volatile boolean merging;
    private LiveSources live;
    private WebApp web;
    private int port;
    private ConfigWatcher watcher;
    private Thread starter;
    private ScheduledExecutorService storeIdle;
    /** The forgetting passes ({@link Pipeline#forgetGone()}), from the first merge on. */
    private ScheduledExecutorService forgetting;
    /** When the first forgetting pass runs after the sources are scheduled, and the time between two. */
    static final Duration FORGET_FIRST = Duration.ofMinutes(10);
    static final Duration FORGET_EVERY = Duration.ofDays(1);

    private Server(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /**
     * Starts serving on the seeds and whatever is stored, then fetches the live sources in the background; returns
     * null (after printing the problems) when the configuration is invalid or the store cannot be opened.
     */
    static Server start(Options options, PrintStream out, PrintStream err) {
        return start(options, out, err, Clock.systemUTC());
    }

    /** {@link #start(Options, PrintStream, PrintStream)} on {@code clock} (tests move time with it). */
    static Server start(Options options, PrintStream out, PrintStream err, Clock clock) {
        Preload.start();
        Server server = new Server(options, clock);
        try {
            server.readConfiguration();
            server.openStore();
            server.listen();
            server.startFetching();
            server.releaseMemoryWhenIdle();
        } catch (NotStarting e) {
            e.lines.forEach(err::println);
            server.close();
            return null;
        }
        server.handleSignals();
        server.announce(out);
        return server;
    }

    /** Reads the configuration, having noted what its folder holds first: no edit made meanwhile goes unnoticed. */
    private void readConfiguration() {
        seen = ConfigWatcher.seen(options.config());
        ConfigResult loaded = ConfigLoader.load(options.config());
        if (!loaded.ok()) {
            List<String> lines = new ArrayList<>();
            loaded.problems().forEach(p -> lines.add(p.toString()));
            lines.add("feedloom: not starting: the configuration has " + loaded.problems().size() + " problem(s)");
            throw new NotStarting(lines);
        }
        config = loaded.config();
        cache = new FeedCache(config.http().cacheBytes(), metrics::rendered);
        publisher = new Publisher(siteInfo(config), cache, storedPages);
        webSub = WebSubNotifier.of(config, publisher);
    }

    /** Opens the store: serves what the last run published, if anything, else loads everything before listening. */
    private void openStore() {
        try {
            pipeline = Pipeline.openUnloaded(config, options.seeds(), options.data(), clock, webSub, true, metrics);
            leases = pipeline.share(options.role(), options.config());
            if (leases != null) {
                webSub.shareWith(pipeline.store.coordination());
            }
            servingStored = pipeline.serveStored();
            merging = servingStored;
            if (servingStored) {
                storedPages.serve(pipeline.store, pipeline.aggregator, pipeline.catalog());
            } else {
                pipeline.load();
            }
        } catch (StoreException e) {
            throw new NotStarting(List.of("feedloom: not starting: " + e.getMessage()));
        }
    }

    /** Starts the HTTP server; the sources are not scheduled yet (the admin routes say so). */
    private void listen() {
        live = new LiveSources(pipeline.refresher, pipeline.rebuilder::request,
                config.fetch().concurrency(), clock, leases);
        // a burst's last articles are shown once it is committed, not a rebuild's gap later
        pipeline.rebuilder.pacedWhile(() -> live.fetching() || pipeline.writer.queued() > 0);
        WebApp app = new WebApp(pipeline::catalog, publisher, webSettings(config), live::states,
                pipeline.aggregator::removals, new StatusPage(siteInfo(config)), live, clock,
                ServedMetrics.source(metrics));
        if (options.command().equals("fetch")) {
            app.workerOnly();
        }
        if (pipeline.peers() != null) {
            app.showInstances(pipeline.peers()::statuses);
        }
        app.explainArticles(new ArticleExplainer(pipeline.store));
        app.mergingWhile(this::merging);
        app.rebuildFailuresFrom(pipeline.rebuilder::failing);
        ServedMetrics.register(metrics, live, pipeline::catalog, cache, pipeline.writer, app, this::merging,
                pipeline.rebuilder::failing, pipeline.aggregator);
        try {
            port = app.start(options.host(), options.port());
        } catch (RuntimeException e) {
            throw new NotStarting(List.of("feedloom: cannot listen on " + options.host() + ":" + options.port() + ": "
                    + whyNotListening(e)));
        }
        web = app;
        watcher = new ConfigWatcher(options.config(), this::reload);
    }

    /**
     * Schedules the sources: at once on a new store; else, on a thread of its own, once the merged archive is up to
     * date with the configuration and the seeds, while what the stored snapshot does not show yet is read back and
     * shown ({@link #merging} until it is; {@link #readStoredThenFetch}).
     */
    private void startFetching() {
        if (!servingStored) {
            Daemons.once("feedloom-heap", HeapFit::process); // its first fetches grow the heap in large steps
            scheduleSources();
            return;
        }
        starter = new Thread(this::readStoredThenFetch, "feedloom-start");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * A restart on a filled store: brings the merged archive up to date with the configuration and the seeds, then
     * schedules the sources while it reads back for the showing what the stored snapshot does not show (what was
     * merged since the last run's last sync; under rules changed while stopped the whole archive, which takes seconds
     * on a large one, that the first fetches need not wait for), background rebuilds held back until the first
     * rebuild has shown it.
     */
    private void readStoredThenFetch() {
        publisher.warmUp(pipeline.catalog(), WARM_UP_RENDERS);
        HeapFit.process(); // after the renders a first request needs, before the merge it lets grow in large steps
        if (!readStored(pipeline::readInputs)) {
            merging = false;
            return;
        }
        pipeline.rebuilder.hold(); // no rebuild shows, or syncs over the stored snapshot, the fetched articles alone
        scheduleSources();
        if (!readStored(pipeline::readBack)) {
            merging = false;
            return; // stopping: the rebuilds stay held, the store has every commit for the next start
        }
        try {
            pipeline.mergeRead();
            compactHeap();
        } catch (StoreException e) {
            if (!stopping.get()) {
                LOG.warn("the start-up merge stopped: {}; the rebuilds merge what it left, while the last run's "
                        + "articles are served", e.getMessage());
            }
        } finally {
            pipeline.rebuilder.release();
            merging = false;
        }
    }

    /**
     * Runs {@code step} of reading what the store holds for the start-up merge; while the store cannot be read (a
     * lost connection, a failing disk), tries again after the waits {@link StoreRetry} gives, the last run's articles
     * served meanwhile. False when stopping first.
     */
    private boolean readStored(Runnable step) {
        Duration wait = StoreRetry.FIRST;
        while (!stopping.get()) {
            try {
                step.run(); // each part of it takes what it reads as a whole: a second run repeats none of it
                return true;
            } catch (StoreException e) {
                if (stopping.get()) {
                    return false;
                }
                LOG.error("cannot read the store: {}; serving what the last run published, and reading it again in "
                        + "{} s", e.getMessage(), wait.toSeconds());
            }
            for (long waited = 0; waited < wait.toMillis() && !stopping.get(); waited += 100) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            wait = StoreRetry.after(wait);
        }
        return false;
    }

    /**
     * Collects once after the start-up merge: what it read back from the store (every stored text, a run at a time)
     * and its working state are garbage that a server's young collections never reach, and with the README's
     * {@code -XX:-ShrinkHeapInSteps} the heap shrinks to the live set at once (measured when the merge still held
     * every text: on 52,213 full posts 1,006 MB resident before the collection, 527 MB after), fitted by the JVM
     * options' free ratios ({@link HeapFit#fit()}). One full collection, on this thread, while pages are served;
     * {@code -XX:+DisableExplicitGC} turns it off.
     */
    private static void compactHeap() {
        long started = System.nanoTime();
        HeapFit.process().fit();
        LOG.info("heap compacted after the start-up merge in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Checks every {@link #STORE_IDLE_CHECK} whether the store was written since, and if not has it give back what it
     * keeps for writing ({@link org.feedloom.store.ArticleStore#releaseIdleMemory}); and whether the heap needed no
     * collection since, and if so fits it to the JVM options ({@link HeapFit#fitIfIdle()}): a few seconds after a
     * fetch cycle, a server holds only what it serves.
     */
    private void releaseMemoryWhenIdle() {
        storeIdle = Daemons.every("feedloom-idle", STORE_IDLE_CHECK, STORE_IDLE_CHECK, () -> {
            try {
                pipeline.store.releaseIdleMemory();
            } catch (RuntimeException e) {
                LOG.warn("store: freeing its caches failed: {}", e.getMessage());
            }
            long started = System.nanoTime();
            try {
                if (HeapFit.process().fitIfIdle()) {
                    LOG.debug("heap fitted to the JVM options in {} ms", (System.nanoTime() - started) / 1_000_000);
                }
            } catch (RuntimeException e) { // the heap's fitting is tried again at the next run
                LOG.warn("heap: fitting it to the JVM options failed: {}", e.toString());
            }
        });
    }

    /**
     * Why binding failed, in a person's words: the web server's own message says "Port already in use" whatever the
     * reason, so the reason is taken from the failure it wraps (an address this machine does not have, a port in use,
     * a port below 1024 without the right to it).
     */
    static String whyNotListening(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        if (root instanceof java.nio.channels.UnresolvedAddressException || root instanceof java.net.UnknownHostException
                || message.contains("Cannot assign requested address")) {
            return "not an address of this machine (--host takes one, such as 127.0.0.1 or 0.0.0.0)";
        }
        if (message.contains("Address already in use")) {
            return "the port is in use by another program (--port takes another, 0 for any free one)";
        }
        if (message.contains("Permission denied")) {
            return "no permission to listen on that port (ports below 1024 need it; --port takes another)";
        }
        return root == e ? message : message + " (" + e.getMessage() + ")";
    }

    /**
     * Whether the catalog served is still the newest stored articles only, the stored archive being merged: its
     * counts are partial until then ({@code "merging": true} on {@code /status} and {@code /healthz}).
     */
    boolean merging() {
        return merging;
    }

    /**
     * Schedules the sources and starts merging what the other instances sharing the database announce; with
     * {@code --no-fetch}, only the latter.
     */
    private void scheduleSources() {
        synchronized (stopping) {
            if (!stopping.get()) {
                live.configure(config.sources());
                watcher.startFrom(seen); // an edit made while the store was merged is applied now
                forgetting = Daemons.every("feedloom-forget", FORGET_FIRST, FORGET_EVERY, pipeline::forgetGone);
                if (pipeline.peers() != null) {
                    configurePeers(config);
                    pipeline.peers().start();
                }
                if (!options.noFetch()) {
                    live.start();
                }
            }
        }
    }

    private void configurePeers(FeedloomConfig configured) {
        pipeline.peers().configure(configured.sources().stream().map(org.feedloom.model.Source::id)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /** Applies a changed configuration; what only a restart can apply is logged. */
    private void reload(FeedloomConfig next) {
        pipeline.applyConfig(next);
        live.configure(next.sources());
        if (pipeline.peers() != null) {
            configurePeers(next);
            pipeline.peers().loaded(LoadedHash.of(options.config(), options.seeds())); // the files changed
        }
        LOG.info("configuration reloaded: {} sources, {} topics", next.sources().size(), next.topics().size());
        List<String> pending = ConfigChanges.restartOnly(config, next);
        if (!pending.isEmpty()) {
            LOG.warn("configuration: changes to {} take effect after a restart", String.join(", ", pending));
        }
    }

    private void announce(PrintStream out) {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        out.println("listening on http://" + host + ":" + port + "/");
        out.flush();
    }

    /**
     * Waits until everything stored is merged and the sources are scheduled (at once on a new store): tests and
     * tools that must see the merged catalog, not the newest stored articles served meanwhile.
     */
    void awaitLoaded() throws InterruptedException {
        if (starter != null) {
            starter.join();
        }
    }

    static SiteInfo siteInfo(FeedloomConfig config) {
        return new SiteInfo(config.site().title(), config.site().author(), Version.get(), config.site().maxEntries(),
                config.websub().hub());
    }

    static WebSettings webSettings(FeedloomConfig config) {
        return new WebSettings(config.site().baseUrl(), config.http().maxAge(), config.admin().token());
    }

    int port() {
        return port;
    }

    Aggregator aggregator() {
        return pipeline.aggregator;
    }

    /** The merge kept in the store, which the configured sources, the seeds and the fetches go through. */
    StoreMerger merger() {
        return pipeline.merger;
    }

    LiveSources live() {
        return live;
    }

    /** The one writer of fetch outcomes (its counters, for tests and metrics). */
    StoreWriter writer() {
        return pipeline.writer;
    }

    ConfigWatcher watcher() {
        return watcher;
    }

    /** Rebuilds the catalog at once, as a finished fetch has it rebuilt (the rebuild listener is told). */
    Catalog rebuildNow() {
        return pipeline.rebuilder.rebuildNow();
    }

    /**
     * On SIGTERM or SIGINT: stop cleanly and exit 0 (a plain shutdown hook would leave the JVM's 143 exit code).
     * A shutdown hook still covers other exits.
     */
    private void handleSignals() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    LOG.info("SIG{} received, shutting down", name);
                    stop();
                    System.exit(0);
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "feedloom-shutdown"));
    }

    /** Stops scheduling, lets in-flight work finish, closes the store and the server. Idempotent. */
    synchronized void stop() {
        synchronized (stopping) { // a merge still running at start-up is abandoned: closing the store ends it
            if (stopping.getAndSet(true)) {
                return;
            }
        }
        close();
        LOG.info("stopped");
    }

    /**
     * Closes whatever the start-up steps opened, in order: the watcher, the fetches, the HTTP server, the store (with
     * the last commits and rebuild), WebSub. The HTTP server stops before the store closes: a page not in the cache
     * reads its articles' texts from the store, and one asked for in between had failed.
     */
    private void close() {
        if (watcher != null) {
            watcher.close();
        }
        if (live != null) {
            if (!live.stop(Duration.ofSeconds(5))) {
                LOG.warn("fetches still running after 5 s; their results are dropped");
            }
            live.close();
        }
        if (web != null) {
            web.stop();
        }
        if (storeIdle != null) {
            storeIdle.shutdownNow();
        }
        if (forgetting != null) {
            forgetting.shutdownNow();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (webSub != null) {
            webSub.close();
        }
    }

    /** Why start-up stopped: the lines to print. */
    private static final class NotStarting extends RuntimeException {
        private final transient List<String> lines;

        NotStarting(List<String> lines) {
            super(String.join("; ", lines), null, false, false);
            this.lines = lines;
        }
    }
}
