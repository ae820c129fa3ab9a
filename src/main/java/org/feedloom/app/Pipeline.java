package org.feedloom.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.fetch.HttpFetcher;
import org.feedloom.fetch.Schedule;
import org.feedloom.metrics.Recorder;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.parse.FeedParser;
import org.feedloom.seed.SeedLoader;
import org.feedloom.seed.SeedResult;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.Coordination;
import org.feedloom.store.PostgresStore;
import org.feedloom.store.SqliteStore;
import org.feedloom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stages joined for {@code serve} and {@code export}: the store opened, the sources' states read back, the
 * configured sources and the seeds merged into the merged archive the store keeps ({@link StoreMerger}: what changed
 * since the last run), the first catalog shown from that archive; and the refresher that keeps it fresh, each batch
 * of fetches merged in the transaction that stores it. Knows the order of things, none of their logic.
 *
 * <p>{@code serve} can publish before that is done: {@link #serveStored} publishes the newest stored articles of
 * every topic (the first page of every feed, as the last run left them), then {@link #read()} brings the merged
 * archive up to date and {@link #mergeRead()} shows it and replaces them; sources may be fetched between the two.
 *
 * <p>Thread-safe to use once loaded. {@link #close()} commits the fetches the writer holds, runs a pending rebuild,
 * then closes the fetcher and the store.
 */
final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    static final String DB_FILE = "feedloom.db";

    final Aggregator aggregator;
    final StoreMerger merger;
    final ArticleStore store;
    final HttpFetcher fetcher;
    final SourceRefresher refresher;
    final StoreWriter writer;
    final Rebuilder rebuilder;
    /** The other instances sharing the database, once {@link #share} joined them; null alone. */
    private Peers peers;
    private SourceLeases leases;
    private StoreHostPermits hostPermits;
    private final Clock clock;
    private final Recorder recorder;
    private final FeedloomConfig config;
    private final DataLock lock;
    private final Path seedsDir;
    private final boolean rebuildWhileFetching;
    private volatile SeedResult seeds;
    /**
     * Whether {@link #read()} is bringing the merged archive up to date: from {@link #readInputs()} until
     * {@link #readBack()} has noted the archive (fetches' merges meanwhile ask for no rebuild).
     */
    private volatile boolean reading;
    /** Whether {@link #readInputs()} found a merged archive that {@link #readBack()} has not noted yet. */
    private volatile boolean readBackDue;
    /**
     * Whether {@link #readInputs()} found the showing rule the store's last sync kept ({@link ArticleStore.Unshown#rule})
     * equal to this showing's: {@link #readBack()} then shows only what was merged since.
     */
    private volatile boolean resumable;
    /** Whether {@link #read()} merges what changed since the last run: not for {@code reindex}, which merges all. */
    private boolean mergesChanges = true;
    /**
     * How long the first-seen time and published id of an article that left the archive are remembered
     * ({@code retention.forgetAfterDays}, as last configured; {@link #forgetGone()}).
     */
    private volatile Duration forgetAfter;
    /** Set when a fetch changed a source's items; see {@link #takeItemsChanged()}. */
    private final AtomicBoolean itemsChanged = new AtomicBoolean();

    private Pipeline(FeedloomConfig config, Path seedsDir, DataLock lock, ArticleStore store, Clock clock,
                     Rebuilder.Listener onRebuild, boolean rebuildWhileFetching, Recorder recorder) {
        this.config = config;
        this.forgetAfter = Duration.ofDays(config.retention().forgetAfterDays());
        this.clock = clock;
        this.recorder = recorder;
        this.lock = lock;
        this.seedsDir = seedsDir;
        this.rebuildWhileFetching = rebuildWhileFetching;
        this.store = store;
        this.aggregator = new Aggregator(clock, store, relatedRule(config));
        aggregator.keepCoverageOfAtMost(config.related().memoryEntries());
        this.aggregator.usePageSize(config.site().maxEntries()); // a feed's page: one read of the store
        aggregator.setTopicRules(config.topics());
        aggregator.setHidden(config.hide());
        this.merger = new StoreMerger(store, foldRule(config), Aggregator.EVERY_CORE, clock, this::merged);
        this.fetcher = new HttpFetcher(config.fetch(), Version.userAgent(), clock, recorder::hostWaited);
        this.rebuilder = new Rebuilder(aggregator, store, Rebuilder.REAL_TIME, onRebuild, recorder);
        this.writer = new StoreWriter(merger::commit, recorder);
        this.refresher = new SourceRefresher(fetcher, new FeedParser(clock), writer, store,
                new Schedule(new Random()), clock, retention(config), recorder);
    }

    /** A merge's outcome (the merger tells them in the order committed): shown by the next rebuild. */
    private void merged(StoreMerger.Merged merged) {
        aggregator.noteMerged(merged);
        if (!reading && (!merged.isEmpty() || !merged.dropped().isEmpty())) {
            itemsChanged(); // not while read() brings the archive up to date: the first rebuild shows all of it
        }
    }

    private void itemsChanged() {
        itemsChanged.set(true);
        if (rebuildWhileFetching) {
            rebuilder.request();
        }
    }

    /** Whether a fetch changed any source's stored items since the last call (or since opening); clears it. */
    boolean takeItemsChanged() {
        return itemsChanged.getAndSet(false);
    }

    /**
     * One refresh cycle as {@code export} runs it: every enabled source of the configuration fetched once,
     * {@code fetch.concurrency} at a time (on a store {@link #share shared} with other instances, under its lease: a
     * source another instance is fetching now is left to it); {@code onDone} is told each source's new state once it is committed (from
     * the writer's thread, or a fetching one). Returns, once everything is committed, the states in the
     * configuration's order. Rebuilds nothing itself.
     */
    List<SourceState> refreshAll(Consumer<SourceState> onDone) {
        List<Source> sources = config.sources().stream().filter(Source::enabled).toList();
        ExecutorService pool = Executors.newFixedThreadPool(config.fetch().concurrency());
        try {
            List<Future<CompletableFuture<SourceState>>> running = new ArrayList<>();
            for (Source s : sources) {
                running.add(pool.submit(() -> {
                    if (leases != null && leases.claim(s, true).outcome() != Coordination.Claim.Outcome.CLAIMED) {
                        SourceState current = refresher.stateOf(s); // another instance is fetching it now
                        onDone.accept(current);
                        return CompletableFuture.completedFuture(current);
                    }
                    CompletableFuture<SourceState> published = (leases == null ? refresher.refresh(s)
                            : leases.hold(s.id(), () -> refresher.refresh(s))).published();
                    published.thenAccept(onDone);
                    return published;
                }));
            }
            List<CompletableFuture<SourceState>> published = new ArrayList<>();
            for (Future<CompletableFuture<SourceState>> f : running) {
                published.add(f.get());
            }
            writer.flush();
            return published.stream().map(CompletableFuture::join).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("refresh interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("refresh: a source failed unexpectedly", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Opens the store under {@code dataDir}, loads everything and builds the first catalog.
     *
     * @throws org.feedloom.store.StoreException when the database cannot be opened
     */
    static Pipeline open(FeedloomConfig config, Path seedsDir, Path dataDir, Clock clock,
                         Rebuilder.Listener onRebuild) {
        return open(config, seedsDir, dataDir, clock, onRebuild, true);
    }

    /**
     * As {@link #open(FeedloomConfig, Path, Path, Clock, Rebuilder.Listener)}; with {@code rebuildWhileFetching}
     * false a finished fetch does not ask for a background rebuild (for {@code export}, which rebuilds once at the end:
     * rebuilding the whole catalog after every few sources made a cycle quadratic in its size), and no first
     * catalog is built on opening either: the caller builds it with {@code rebuilder.rebuildNow()}.
     */
    static Pipeline open(FeedloomConfig config, Path seedsDir, Path dataDir, Clock clock, Rebuilder.Listener onRebuild,
                         boolean rebuildWhileFetching) {
        return loaded(openUnloaded(config, seedsDir, dataDir, clock, onRebuild, rebuildWhileFetching));
    }

    /**
     * Opens the store under {@code dataDir} and sets the stages up without reading anything: call
     * {@link #serveStored} and/or {@link #load()} next. Holds the data folder's lock shared until closed.
     *
     * @throws org.feedloom.store.StoreException when the database cannot be opened, or a reindex holds the folder
     */
    static Pipeline openUnloaded(FeedloomConfig config, Path seedsDir, Path dataDir, Clock clock,
                                 Rebuilder.Listener onRebuild, boolean rebuildWhileFetching) {
        return openUnloaded(config, seedsDir, dataDir, clock, onRebuild, rebuildWhileFetching, Recorder.NONE);
    }

    /** As above, the fetches, politeness waits, merges and commits reported to {@code recorder}. */
    static Pipeline openUnloaded(FeedloomConfig config, Path seedsDir, Path dataDir, Clock clock,
                                 Rebuilder.Listener onRebuild, boolean rebuildWhileFetching, Recorder recorder) {
        return openUnloaded(config, seedsDir, dataDir, DataLock.shared(dataDir), clock, onRebuild,
                rebuildWhileFetching, recorder);
    }

    /**
     * For {@code reindex}: opens the store under {@code dataDir} holding the data folder's lock exclusive (no server
     * or export on the folder meanwhile), and {@link #load() loads} it without merging anything: {@link #reindex}
     * does that next.
     *
     * @throws org.feedloom.store.StoreException when the database cannot be opened, or another command holds the folder
     */
    static Pipeline openForReindex(FeedloomConfig config, Path seedsDir, Path dataDir, Clock clock) {
        Pipeline pipeline = openUnloaded(config, seedsDir, dataDir, DataLock.exclusive(dataDir), clock,
                Rebuilder.Listener.NONE, false, Recorder.NONE);
        pipeline.mergesChanges = false;
        return loaded(pipeline);
    }

    private static Pipeline openUnloaded(FeedloomConfig config, Path seedsDir, Path dataDir, DataLock lock, Clock clock,
                                         Rebuilder.Listener onRebuild, boolean rebuildWhileFetching,
                                         Recorder recorder) {
        try {
            ArticleStore store = openStore(config, dataDir, clock);
            try {
                return new Pipeline(config, seedsDir, lock, store, clock, onRebuild, rebuildWhileFetching, recorder);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * The store {@code store.url} names: absent, the SQLite file in the data folder; else that PostgreSQL database,
     * its password from {@code FEEDLOOM_DB_PASSWORD} or else the URL.
     */
    private static ArticleStore openStore(FeedloomConfig config, Path dataDir, Clock clock) {
        String url = config.store().url();
        return url == null ? SqliteStore.open(dataDir.resolve(DB_FILE), clock)
                : PostgresStore.open(url, System.getenv("FEEDLOOM_DB_PASSWORD"), clock);
    }

    /**
     * Joins the other instances sharing the database, if the store is shared (PostgreSQL), before {@link #load()}:
     * from then on this instance merges what they announce, announces what it merges, fetches a source only under
     * its lease, and keeps {@code fetch.perHost} together with them (per-host request slots in the database). Returns the leases {@link LiveSources} must fetch under, or null when the store is this
     * instance's alone.
     *
     * @param role       what this instance does ({@code serve}, {@code serve --no-fetch}, {@code fetch}), for the
     *                   other instances and {@code /status}
     * @param configDir  the configuration folder, hashed with the seeds folder for the other instances to compare
     *                   (only when the store is shared)
     */
    SourceLeases share(String role, Path configDir) {
        if (!store.shared()) {
            return null;
        }
        peers = new Peers(store.coordination(), merger, refresher::restore, rebuilder::request, clock, recorder,
                role, LoadedHash.of(configDir, seedsDir));
        leases = new SourceLeases(store.coordination(), config.store().lease(), clock, recorder);
        hostPermits = new StoreHostPermits(store.coordination(), clock, config.store().lease());
        fetcher.shareHostLimits(hostPermits);
        return leases;
    }

    /** The other instances sharing the database, null when the store is this instance's alone. */
    Peers peers() {
        return peers;
    }

    private static Pipeline loaded(Pipeline pipeline) {
        try {
            pipeline.load();
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    /**
     * Publishes the newest {@code site.maxEntries} stored articles of every topic (with the topics they were
     * published under) until {@link #load()} replaces them: every feed's first page, and every topic page's, is then
     * what the last run published. Returns false, publishing nothing, when the store has no articles.
     */
    boolean serveStored() {
        List<Article> newest = store.newestArticles(config.site().maxEntries());
        if (newest.isEmpty()) {
            return false;
        }
        aggregator.startWith(newest);
        LOG.info("serving the newest {} stored articles until everything stored is merged", newest.size());
        return true;
    }

    /**
     * Reads the store back, loads the seeds, restores the stored items of every configured source and the sources'
     * states, and (unless made for {@code export}) builds the first catalog. Once, before anything is fetched.
     */
    void load() {
        read();
        mergeRead();
    }

    /**
     * The first half of {@link #load()}: {@link #readInputs()}, then {@link #readBack()}. Sources may be fetched from
     * then on.
     */
    void read() {
        readInputs();
        readBack();
    }

    /**
     * Restores the sources' states and what was recorded of folds and coverage, loads the seeds, and brings the
     * merged archive up to date with them: the configured sources (those that came or went, or changed their
     * excludes, since the last run) and the seeds (what changed since) merged, or under a changed fold rule
     * everything merged again from scratch ({@code reindex} does that itself: {@link #reindex}). Sources may be
     * fetched from then on, their merges noted for the showing, but no rebuild may show anything before
     * {@link #readBack()} has noted what it shows: the whole archive, or under the rules the last sync showed by,
     * what was merged since (found here, before the merges of the configuration and seeds are noted too).
     */
    void readInputs() {
        String rule = mergeRule();
        boolean held = !merger.isEmpty();
        boolean sameMergeRule = rule.equals(store.mergeRule());
        resumable = mergesChanges && held && sameMergeRule
                && aggregator.showingRule().equals(store.unshown().rule());
        if (!resumable) { // every merged article is shown again: links made again take their kept evidence
            aggregator.knowStoryLinks(store.storyLinks());
        }
        aggregator.useFolds(store.latestFolds(Aggregator.FOLDS_SHOWN));
        aggregator.useStoryLinks(store.latestStoryLinks(Aggregator.FOLDS_SHOWN));
        seeds = SeedLoader.load(seedsDir);
        seeds.problems().forEach(p -> LOG.warn("{}", p));
        refresher.restore(store.states());
        if (!mergesChanges) {
            return;
        }
        long started = System.nanoTime();
        reading = true;
        try {
            if (held && !sameMergeRule) {
                LOG.info("the fold rule changed since the archive was merged (or its last reindex did not end): "
                        + "merging it again from scratch");
                merger.reindex(config.sources(), seeds.items(), done -> { });
            } else {
                merger.configure(config.sources());
                merger.seeds(seeds.items());
                readBackDue = held; // shown again as the store holds it: readBack()
            }
            merger.countDropped(config.sources());
        } finally {
            reading = readBackDue;
        }
        store.keepMergeRule(rule);
        LOG.info("brought the merged archive up to date in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The second part of {@link #read()}: after {@link #readInputs()} on a store that held a merged archive, notes
     * for the showing every merged article as the store holds it now (what fetches committed since are in it, and
     * noted after it if committed after); or, when the store's articles snapshot was last synced by the showing rule
     * this run shows by, only those that merges changed or took away since that sync (the snapshot shows the others
     * as this run would: {@link Aggregator#resumeShowing}). Nothing to do otherwise, or once done. A failed one may
     * be called again.
     */
    void readBack() {
        if (!readBackDue) {
            return;
        }
        long started = System.nanoTime();
        if (resumable && aggregator.resumeShowing(store.checkShown())) {
            StoreMerger.Merged unshown = merger.rereadUnshown();
            readBackDue = false;
            reading = false;
            LOG.info("the stored articles are shown as this configuration shows them; read back the {} merged and "
                    + "{} taken away since the last sync for the showing in {} ms", unshown.change().changed().size(),
                    unshown.change().removed().size(), (System.nanoTime() - started) / 1_000_000);
            return;
        }
        if (resumable) { // the rules changed meanwhile (a reload), or the snapshot was damaged: all shown again
            resumable = false;
            aggregator.knowStoryLinks(store.storyLinks());
        }
        StoreMerger.Merged all = merger.rereadAll();
        readBackDue = false;
        reading = false;
        LOG.info("read back {} merged articles for the showing in {} ms", all.change().changed().size(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** What the merged archive depends on besides its inputs: the fold rule. */
    private String mergeRule() {
        return config.folding() + " " + foldRule(config).anchoring();
    }

    /**
     * The second half of {@link #load()}: builds the first catalog from what {@link #read()} gave (not for export).
     *
     * @throws StoreException when a stored text cannot be read: what the merge left is merged by a rebuild asked for
     *                        now, and by later ones while the store fails
     */
    void mergeRead() {
        if (rebuildWhileFetching) {
            Catalog first;
            try {
                first = rebuilder.rebuildNow();
            } catch (StoreException e) {
                // what it had not merged waits (Aggregator#rebuild): the rebuilder merges it next, and again later
                // while the store fails, however little is fetched meanwhile
                rebuilder.request();
                throw e;
            }
            ArticleStore.TextsRead texts = store.textsRead();
            LOG.info("loaded {} seed files ({} records); showing {} articles in {} topics ({} texts read back from "
                    + "the store, {} of them one at a time)", seeds.files().size(), seeds.recordCount(),
                    first.all().size(), first.topics().size(), texts.all(), texts.oneByOne());
        } else {
            LOG.info("loaded {} seed files ({} records)", seeds.files().size(), seeds.recordCount());
        }
    }

    /** The configured sources whose stored items {@link #reindex} merges, by id. */
    List<String> sourcesToMerge() {
        return config.sources().stream().map(Source::id).toList();
    }

    /**
     * The work of {@code reindex}, on a pipeline {@link #openForReindex opened for it}: empties the merged archive and
     * merges the stored items of {@link #sourcesToMerge() every configured source} again from scratch, one source at
     * a time ({@code onMerged} told each one's id after it), then the seeds, with the stored ids and first-seen times;
     * assigns topics and applies {@code hide:} by the configuration's rules and rewrites the whole articles snapshot.
     * Returns the catalog, as a start-up from this store would build it.
     *
     * @throws org.feedloom.store.StoreException when the store cannot be written
     */
    Catalog reindex(Consumer<String> onMerged) {
        List<String> ids = sourcesToMerge();
        merger.reindex(config.sources(), seeds.items(), done -> onMerged.accept(ids.get(done - 1)));
        store.keepMergeRule(mergeRule());
        return rebuilder.rebuildAndRewrite();
    }

    /**
     * Forgets the first-seen times and published ids of the articles that left the archive
     * {@code retention.forgetAfterDays} ago or more ({@link Rebuilder#forgetGone}), and logs what it did. Returns how
     * many keys it forgot, -1 when it could not run now (nothing merged yet, changes kept coming, the store failing).
     */
    int forgetGone() {
        long started = System.nanoTime();
        int forgotten;
        try {
            forgotten = rebuilder.forgetGone(forgetAfter);
        } catch (StoreException e) {
            LOG.warn("cannot forget the ids of articles gone for {} days now: {}", forgetAfter.toDays(),
                    e.getMessage());
            return -1;
        }
        if (forgotten > 0) {
            LOG.info("forgot {} keys of first-seen times and ids of articles gone for {} days or more in {} ms "
                    + "(rebuilds waited at most {} ms)", forgotten, forgetAfter.toDays(),
                    (System.nanoTime() - started) / 1_000_000, rebuilder.longestForgetRun().toMillis());
        }
        return forgotten;
    }

    /** What loading the seeds found (after {@link #load()}). */
    SeedResult seeds() {
        return seeds;
    }

    /**
     * Adopts a new configuration's topic rules, source excludes, hidden URLs and retention (the sources themselves
     * are the scheduler's business); the rebuild it asks for applies them to everything, stored items included.
     * What it cannot adopt ({@link org.feedloom.config.ConfigChanges#restartOnly}) the server logs.
     */
    void applyConfig(FeedloomConfig config) {
        aggregator.setTopicRules(config.topics());
        aggregator.setHidden(config.hide());
        refresher.setRetention(retention(config));
        forgetAfter = Duration.ofDays(config.retention().forgetAfterDays());
        merger.configure(config.sources());
        rebuilder.request();
    }

    /** The fold rule of a configuration's {@code folding:} section. */
    static FoldRule foldRule(FeedloomConfig config) {
        FeedloomConfig.Folding f = config.folding();
        return new FoldRule(f.enabled(), f.threshold() / 100.0, java.time.Duration.ofDays(f.windowDays()),
                f.minWords()).pinnedApart(f.neverFold()).pinnedTogether(f.alwaysFold());
    }

    /** The related-coverage rule of a configuration's {@code related:} section. */
    static RelatedRule relatedRule(FeedloomConfig config) {
        FeedloomConfig.Related r = config.related();
        return new RelatedRule(r.enabled(), java.time.Duration.ofHours(r.windowHours()), r.minShared());
    }

    static ArticleStore.Retention retention(FeedloomConfig config) {
        return new ArticleStore.Retention(config.retention().maxAgeDays(), config.retention().maxItemsPerSource());
    }

    Catalog catalog() {
        return aggregator.catalog();
    }

    /**
     * Commits what the writer holds (before the store closes), runs a pending rebuild, closes the fetcher and store,
     * and releases the data folder's lock.
     */
    @Override
    public void close() {
        if (peers != null) {
            peers.close();
        }
        writer.close();
        if (leases != null) {
            leases.close();
            hostPermits.close();
        }
        rebuilder.close();
        fetcher.close();
        try {
            store.close();
        } finally {
            lock.close();
        }
    }
}
