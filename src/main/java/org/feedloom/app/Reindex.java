package org.feedloom.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.ConfigResult;
import org.feedloom.model.Catalog;
import org.feedloom.store.StoreException;

/**
 * The {@code reindex} command, the one full re-merge (normal operation merges incrementally): on an existing store,
 * with no other Feedloom on its data folder, merges the seeds and every configured source's stored items from
 * scratch with the stored ids and first-seen times (so no published id changes), assigns topics by the current
 * configuration, and rewrites the articles snapshot ({@link Pipeline#reindex}). Shows the sources merged on stderr
 * (a progress bar on a terminal, a few plain lines otherwise) and ends with a one-line summary on stdout. Exit 0
 * when done; 2 for an invalid configuration; 1 when the store does not exist, is in use or cannot be written.
 */
final class Reindex {
    private Reindex() {}

    static int run(Options options, PrintStream out, PrintStream err) {
        return run(options, out, err, Clock.systemUTC(), stderrIsTerminal());
    }

    /**
     * Whether stderr, where the progress goes, is a terminal: on Linux what {@code /proc} says file descriptor 2 is
     * (so {@code reindex 2>log} writes plain lines to the log); elsewhere whether the JVM has a console, as for
     * {@code export}.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** {@link #run(Options, PrintStream, PrintStream)} on {@code clock}, drawing a bar when {@code terminal}. */
    static int run(Options options, PrintStream out, PrintStream err, Clock clock, boolean terminal) {
        ConfigResult loaded = ConfigLoader.load(options.config());
        if (!loaded.ok()) {
            loaded.problems().forEach(err::println);
            return Main.INVALID;
        }
        Path db = options.data().resolve(Pipeline.DB_FILE);
        if (loaded.config().store().url() == null && !Files.isRegularFile(db)) {
            err.println("reindex: no store in the data folder " + options.data() + " (" + db
                    + " does not exist): nothing to reindex");
            return Main.FAILURE;
        }
        long started = System.nanoTime();
        try (Pipeline pipeline = Pipeline.openForReindex(loaded.config(), options.seeds(), options.data(), clock)) {
            pipeline.seeds().problems().forEach(err::println);
            int sources = pipeline.sourcesToMerge().size();
            Progress progress = new Progress(err, terminal, sources);
            Catalog catalog = pipeline.reindex(progress::merged);
            double seconds = (System.nanoTime() - started) / 1e9;
            out.println(String.format(Locale.ROOT, "reindexed %d articles in %d topics (%d seed records, %d sources) "
                    + "in %.1f s", catalog.all().size(), catalog.topics().size(), pipeline.seeds().recordCount(),
                    sources, seconds));
            return Main.OK;
        } catch (StoreException e) {
            err.println("reindex: " + e.getMessage());
            return Main.FAILURE;
        }
    }
}
