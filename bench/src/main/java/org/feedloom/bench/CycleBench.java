package org.feedloom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
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
 * <p>With {@code UPDATES FEEDS FROM} it also runs cycles in which some sources have something new, as a running
 * server's cycles mostly are: before cycle {@code FROM + u - 1} (u from 1), untimed, the files of {@code UPDATES/u}
 * (what {@code bench/lib/gen_feeds.py} writes for its UPDATES and CHANGED) are copied over those of the folder nginx
 * serves the feeds from, {@code FEEDS}.
 *
 * <p>Usage: {@code CycleBench CONFIG SEEDS DATA CYCLES [UPDATES FEEDS FROM]}; one JSON line per cycle.
 */
public final class CycleBench {
    private CycleBench() {}

    /** Copies the files of {@code updates/u} over those of {@code feeds} (none for u below 1); returns how many. */
    private static int publish(Path updates, Path feeds, int u) throws IOException {
        Path dir = updates.resolve(Integer.toString(u));
        if (u < 1 || !Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            for (Path f : all) {
                Files.copy(f, feeds.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return all.size();
        }
    }

    /**
     * With {@code -Dfeedloom.bench.releaseBetweenCycles=true}, the store gives back its caches before each cycle, as
     * a server's does when idle for a few seconds between cycles: what a cycle costs starting from released caches.
     */
    private static final boolean RELEASE_BETWEEN_CYCLES = Boolean.getBoolean("feedloom.bench.releaseBetweenCycles");

    /**
     * The heap managed as serve manages it ({@link Main.Embedded#manageHeap()}); with
     * {@code -Dfeedloom.bench.manageHeap=false}, sized by the JVM options alone, to compare the two.
     */
    private static final boolean MANAGE_HEAP = !"false".equals(System.getProperty("feedloom.bench.manageHeap"));

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
            if (MANAGE_HEAP) {
                feedloom.manageHeap();
            }
            double openSeconds = (System.nanoTime() - open0) / 1e9;
            for (int cycle = 1; cycle <= cycles; cycle++) {
                if (RELEASE_BETWEEN_CYCLES) { // the store idle between cycles, its caches given back as serve does:
                    feedloom.releaseIdleMemory(); // the first call notes how far the store was written,
                    feedloom.releaseIdleMemory(); // the second, with nothing written since, releases
                }
                int published = args.length > 6 ? publish(Path.of(args[4]), Path.of(args[5]),
                        cycle - Integer.parseInt(args[6]) + 1) : 0;
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
                        + "\"ok\":%d,\"articles\":%d,\"rendered_bytes\":%d,\"feeds_changed\":%d}%n", cycle, seconds,
                        openSeconds, done.states().size(), ok, done.catalog().all().size(), bytes, published);
            }
        }
    }
}
