package org.feedloom.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.feedloom.app.Main;
import org.feedloom.model.SourceState;
import org.feedloom.model.Topic;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;

/**
 * Refresh cycles inside one running Feedloom, through its public entry point {@link Main#embed}: the pipeline
 * opened once on the store (the first catalog built), then each cycle fetches every enabled source once,
 * {@code fetch.concurrency} at a time, and, when items changed (as serve decides), rebuilds the catalog and this
 * driver renders every topic's Atom feed, as serve would on the next requests.
 *
 * <p>Usage: {@code CycleBench CONFIG SEEDS DATA CYCLES}; one JSON line per cycle.
 */
public final class CycleBench {
    private CycleBench() {}

    public static void main(String[] args) throws Exception {
        int cycles = Integer.parseInt(args[3]);
        long open0 = System.nanoTime();
        Main.Embedded feedloom;
        try {
            feedloom = Main.embed(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try (feedloom) {
            double openSeconds = (System.nanoTime() - open0) / 1e9;
            for (int cycle = 1; cycle <= cycles; cycle++) {
                long t0 = System.nanoTime();
                Main.Cycle done = feedloom.refreshAll();
                long bytes = 0;
                if (done.changed()) {
                    Publisher publisher = new Publisher(feedloom.siteInfo(), new FeedCache(1_000));
                    for (Topic topic : done.catalog().topics()) {
                        bytes += publisher.atom(done.catalog(), topic.slug(), "http://127.0.0.1/").orElseThrow().body().length;
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long ok = done.states().stream().filter(s -> s.status() == SourceState.Status.OK
                        || s.status() == SourceState.Status.NOT_MODIFIED).count();
                System.out.printf(Locale.ROOT, "{\"cycle\":%d,\"seconds\":%.4f,\"open_seconds\":%.4f,\"sources\":%d,"
                        + "\"ok\":%d,\"articles\":%d,\"rendered_bytes\":%d}%n", cycle, seconds, openSeconds,
                        done.states().size(), ok, done.catalog().all().size(), bytes);
            }
        }
    }
}
