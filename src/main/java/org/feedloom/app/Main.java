package org.feedloom.app;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.ConfigResult;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Catalog;
import org.feedloom.model.Problem;
import org.feedloom.model.SourceState;
import org.feedloom.publish.SiteInfo;
import org.feedloom.seed.SeedLoader;
import org.feedloom.seed.SeedResult;

/**
 * The command line: {@code serve} (default), {@code fetch}, {@code check}, {@code export}, {@code reindex}, {@code --help},
 * {@code --version}; and {@link #embed}, the same pipeline for a program that runs refresh cycles itself.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int INVALID = 2;

    private Main() {}

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != OK || !isServe(args)) {
            System.exit(code);
        }
    }

    private static boolean isServe(String[] args) {
        try {
            String command = Options.parse(args).command();
            return command.equals("serve") || command.equals("fetch");
        } catch (Options.UsageException e) {
            return false;
        }
    }

    /** Runs a command; returns the exit code. {@code serve} returns once the server is up (it keeps running). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            err.println("feedloom: " + e.getMessage() + " (try --help)");
            return INVALID;
        }
        return switch (options.command()) {
            case "help" -> { out.print(Options.USAGE); yield OK; }
            case "version" -> { out.println("feedloom " + Version.get()); yield OK; }
            case "check" -> check(options, out, err);
            case "export" -> Export.run(options, out, err);
            case "reindex" -> Reindex.run(options, out, err);
            case "warmup" -> Warmup.run(options, out, err);
            default -> Server.start(options, out, err) != null ? OK : INVALID; // serve, fetch
        };
    }

    /**
     * Feedloom inside another program, without its HTTP server or scheduler (a job that keeps its JVM between
     * refreshes, a test, a benchmark): opens the store under {@code data} (creating it if needed), reads it back
     * with the seeds and builds the first catalog, as {@code export} does. Each {@link Embedded#refreshAll()} is then
     * one refresh cycle of every enabled source, committed to the store as {@code serve} commits them. On a
     * PostgreSQL store shared with other instances it fetches under leases and within the shared per-host limits,
     * and announces its merges, as {@code serve} does; it does not merge what the others announce (it reads their
     * stored items when it opens).
     *
     * @param config the configuration folder (as {@code --config})
     * @param seeds  the seeds folder (as {@code --seeds})
     * @param data   the data folder holding the store (as {@code --data})
     * @throws IllegalArgumentException when the configuration is invalid; the message lists its problems, one
     *                                  {@code file:line: message} a line
     * @throws org.feedloom.store.StoreException when the store cannot be opened
     */
    public static Embedded embed(Path config, Path seeds, Path data) {
        ConfigResult loaded = ConfigLoader.load(config);
        if (!loaded.ok()) {
            throw new IllegalArgumentException(loaded.problems().stream().map(Problem::toString)
                    .collect(Collectors.joining("\n")));
        }
        Pipeline pipeline = Pipeline.openUnloaded(loaded.config(), seeds, data, Clock.systemUTC(),
                Rebuilder.Listener.NONE, false);
        try {
            pipeline.share("embedded", config); // on a shared store, fetch as serve does
            pipeline.load();
            pipeline.rebuilder.rebuildNow();
            return new Embedded(loaded.config(), pipeline);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    /**
     * An open Feedloom made by {@link #embed}. {@link #refreshAll()} must not run twice at a time (a source is
     * never fetched twice at once); {@link #catalog()} may be read from any thread. {@link #close()} closes the
     * HTTP client and the store.
     */
    public static final class Embedded implements AutoCloseable {
        private final FeedloomConfig config;
        private final Pipeline pipeline;
        private volatile HeapFit heap;

        private Embedded(FeedloomConfig config, Pipeline pipeline) {
            this.config = config;
            this.pipeline = pipeline;
        }

        /**
         * One refresh cycle: every enabled source fetched once, {@code fetch.concurrency} at a time, with the
         * validators and schedule state of the last fetch (so an unchanged feed costs a 304); a failing source
         * becomes its state, never an exception. When any source's items changed, the catalog is rebuilt and saved
         * to the store, as {@code serve} does; otherwise it stays as it was.
         */
        public Cycle refreshAll() {
            List<SourceState> states = pipeline.refreshAll(s -> { });
            boolean changed = pipeline.takeItemsChanged();
            Catalog catalog = changed ? pipeline.rebuilder.rebuildNow() : pipeline.catalog();
            return new Cycle(states, changed, catalog);
        }

        /**
         * Has the store give back what it keeps for writing if nothing was written since the last call, as
         * {@code serve} does every few seconds (see {@code ArticleStore.releaseIdleMemory}): an embedder that stays
         * open between cycles calls it every few seconds too.
         */
        public void releaseIdleMemory() {
            pipeline.store.releaseIdleMemory();
            if (heap != null) {
                heap.fitIfIdle();
            }
        }

        /**
         * Has the JVM's heap managed as {@code serve} has it, for the whole process: grown in the JVM's default steps
         * while Feedloom works, and fitted to the JVM options' {@code -XX:MinHeapFreeRatio} and
         * {@code -XX:MaxHeapFreeRatio} by {@link #releaseIdleMemory()} once no collection was needed since its last
         * call. Not done unless asked: the ratios are the embedding application's too.
         */
        public void manageHeap() {
            heap = HeapFit.process();
        }

        /** The current catalog: every article, grouped by topic. */
        public Catalog catalog() {
            return pipeline.catalog();
        }

        /**
         * A forgetting pass, as {@code serve} runs one a day: the first-seen times and entry ids of articles that
         * left the archive {@code retention.forgetAfterDays} ago or more are forgotten, in the store and in memory.
         * Returns how many keys it forgot, or -1 when it could not run (nothing merged yet, changes kept coming, the
         * store failing).
         */
        public int forgetGone() {
            return pipeline.forgetGone();
        }

        /** What published documents say about the site, from the configuration (for a {@code Publisher}). */
        public SiteInfo siteInfo() {
            return Server.siteInfo(config);
        }

        @Override
        public void close() {
            pipeline.close();
        }
    }

    /**
     * What one {@link Embedded#refreshAll()} did.
     *
     * @param states  every enabled source's state after its fetch, in the configuration's order
     * @param changed whether any source's items changed, so the catalog was rebuilt
     * @param catalog the catalog after the cycle
     */
    public record Cycle(List<SourceState> states, boolean changed, Catalog catalog) {
        public Cycle {
            states = List.copyOf(states);
        }
    }

    private static int check(Options options, PrintStream out, PrintStream err) {
        ConfigResult config = ConfigLoader.load(options.config());
        SeedResult seeds = SeedLoader.load(options.seeds());
        List<Problem> problems = new ArrayList<>(config.problems());
        problems.addAll(seeds.problems());
        problems.forEach(err::println);
        if (!problems.isEmpty()) {
            err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found");
            return INVALID;
        }
        out.println("ok: " + seeds.files().size() + " seed files (" + seeds.recordCount() + " records), "
                + config.config().sources().size() + " sources, " + config.config().topics().size()
                + " configured topics");
        return OK;
    }
}
