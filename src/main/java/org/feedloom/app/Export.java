package org.feedloom.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.ConfigResult;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Catalog;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.model.SourceState.Status;
import org.feedloom.model.Topic;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;
import org.feedloom.store.StoreException;

/**
 * The {@code export} command: one fetch cycle over every enabled source (shown as a progress bar on a terminal,
 * else one line per source), then the static site ({@code feeds/<slug>.xml}, {@code feeds/index.opml},
 * {@code index.html}) written to the output folder, and a summary. Uses the same store as {@code serve}, so the
 * export carries the history kept there. Exit 0 even when sources fail; 2 for an invalid configuration; 1 when
 * the store or the output folder cannot be used.
 */
final class Export {
    private Export() {}

    static int run(Options options, PrintStream out, PrintStream err) {
        ConfigResult loaded = ConfigLoader.load(options.config());
        if (!loaded.ok()) {
            loaded.problems().forEach(err::println);
            return Main.INVALID;
        }
        FeedloomConfig config = loaded.config();
        HeapFit.process(); // a first export is one large change: the heap grows in large steps
        try (Pipeline pipeline = Pipeline.open(config, options.seeds(), options.data(), Clock.systemUTC(),
                Rebuilder.Listener.NONE, false)) {
            pipeline.seeds().problems().forEach(err::println);
            List<SourceState> states = fetchAll(pipeline, config, out);
            Catalog catalog = pipeline.rebuilder.rebuildNow();
            write(catalog, config, options.out());
            pipeline.forgetGone(); // an export run now and then (from cron) keeps the store's history bounded too
            long ok = states.stream().filter(s -> s.status() == Status.OK || s.status() == Status.NOT_MODIFIED).count();
            out.println("sources: " + ok + " ok, " + (states.size() - ok) + " failed; " + catalog.all().size()
                    + " articles in " + catalog.topics().size() + " topics; written to " + options.out());
            return Main.OK;
        } catch (StoreException e) {
            err.println("export: " + e.getMessage());
            return Main.FAILURE;
        } catch (IOException e) {
            err.println("export: cannot write to " + options.out() + ": " + e.getMessage());
            return Main.FAILURE;
        }
    }

    private static List<SourceState> fetchAll(Pipeline pipeline, FeedloomConfig config, PrintStream out) {
        long enabled = config.sources().stream().filter(Source::enabled).count();
        Progress progress = new Progress(out, System.console() != null, (int) enabled);
        return pipeline.refreshAll(progress::sourceDone);
    }

    private static void write(Catalog catalog, FeedloomConfig config, Path outDir) throws IOException {
        String base = config.site().baseUrl() != null ? config.site().baseUrl() : "./";
        Publisher publisher = new Publisher(Server.siteInfo(config), new FeedCache(config.http().cacheBytes()));
        Path feeds = Files.createDirectories(outDir.resolve("feeds"));
        for (Topic topic : catalog.topics()) {
            Files.write(feeds.resolve(topic.slug() + ".xml"), publisher.atom(catalog, topic.slug(), base).orElseThrow().body());
        }
        Files.write(feeds.resolve("index.opml"), publisher.opml(catalog, base).body());
        Files.write(outDir.resolve("index.html"), publisher.indexPage(catalog, base).body());
    }
}
