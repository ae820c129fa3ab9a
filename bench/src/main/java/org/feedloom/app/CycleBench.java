package org.feedloom.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.ConfigResult;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Catalog;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.model.Topic;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;

/**
 * Refresh cycles inside one running Feedloom, as {@code serve} runs them: the pipeline opened once on the store,
 * then each cycle fetches every enabled source once on a pool of {@code fetch.concurrency} threads (the
 * refresher the scheduler uses), and, when items changed (as serve decides), rebuilds the catalog and renders
 * every topic's Atom feed. Lives in the app
 * package to reach the package-private pipeline; bench code, not part of the product.
 *
 * <p>Usage: {@code CycleBench CONFIG SEEDS DATA CYCLES}; one JSON line per cycle.
 */
public final class CycleBench {
    private CycleBench() {}

    public static void main(String[] args) throws Exception {
        ConfigResult loaded = ConfigLoader.load(Path.of(args[0]));
        if (!loaded.ok()) {
            loaded.problems().forEach(System.err::println);
            System.exit(2);
        }
        FeedloomConfig config = loaded.config();
        int cycles = Integer.parseInt(args[3]);
        long open0 = System.nanoTime();
        try (Pipeline pipeline = Pipeline.open(config, Path.of(args[1]), Path.of(args[2]), Clock.systemUTC(), c -> { },
                false)) {
            pipeline.rebuilder.rebuildNow();
            double openSeconds = (System.nanoTime() - open0) / 1e9;
            for (int cycle = 1; cycle <= cycles; cycle++) {
                long t0 = System.nanoTime();
                java.util.Map<String, List<org.feedloom.model.Item>> before = new java.util.HashMap<>();
                config.sources().forEach(s -> before.put(s.id(), pipeline.aggregator.sourceItems(s.id())));
                List<SourceState> states = fetchAll(pipeline, config);
                // as serve does: the catalog is rebuilt (and its feeds rendered again) only when items changed
                boolean changed = config.sources().stream()
                        .anyMatch(s -> !pipeline.aggregator.sourceItems(s.id()).equals(before.get(s.id())));
                long bytes = 0;
                Catalog catalog = changed ? pipeline.rebuilder.rebuildNow() : pipeline.catalog();
                if (changed) {
                    Publisher publisher = new Publisher(Server.siteInfo(config), new FeedCache(1_000));
                    for (Topic topic : catalog.topics()) {
                        bytes += publisher.atom(catalog, topic.slug(), "http://127.0.0.1/").orElseThrow().body().length;
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long ok = states.stream().filter(s -> s.status() == SourceState.Status.OK
                        || s.status() == SourceState.Status.NOT_MODIFIED).count();
                System.out.printf(Locale.ROOT, "{\"cycle\":%d,\"seconds\":%.4f,\"open_seconds\":%.4f,\"sources\":%d,"
                        + "\"ok\":%d,\"articles\":%d,\"rendered_bytes\":%d}%n", cycle, seconds, openSeconds,
                        states.size(), ok, catalog.all().size(), bytes);
            }
        }
    }

    /** What {@code export} does: every enabled source once, {@code fetch.concurrency} at a time. */
    static List<SourceState> fetchAll(Pipeline pipeline, FeedloomConfig config) throws Exception {
        List<Source> sources = config.sources().stream().filter(Source::enabled).toList();
        ExecutorService pool = Executors.newFixedThreadPool(config.fetch().concurrency());
        try {
            List<Future<SourceState>> running = new ArrayList<>();
            for (Source s : sources) {
                running.add(pool.submit(() -> pipeline.refresher.refresh(s)));
            }
            List<SourceState> states = new ArrayList<>();
            for (Future<SourceState> f : running) {
                states.add(f.get());
            }
            return states;
        } finally {
            pool.shutdownNow();
        }
    }
}
