package org.feedloom.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.feedloom.app.Main;

/**
 * A restart on a filled store through {@link Main#embed} (read back, merged, published and synced), the heap after a
 * full collection then, and with {@code forget} as a fourth argument a forgetting pass ({@link
 * Main.Embedded#forgetGone}) and the heap after it. Prints one JSON line: the seconds to merged, the heap in MB after
 * it, the keys the pass forgot, its seconds and the heap after it (each -1 without it), and the articles published.
 *
 * <p>Usage: {@code HistoryBench CONFIG SEEDS DATA [forget]}; DATA is opened in place, so the caller hands it a copy.
 */
public final class HistoryBench {
    private HistoryBench() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (Main.Embedded feedloom = Main.embed(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]))) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            double heap = heapAfterFullCollection();
            int forgotten = -1;
            double pass = -1;
            double heapAfter = -1;
            if (args.length > 3 && args[3].equals("forget")) {
                long started = System.nanoTime();
                forgotten = feedloom.forgetGone();
                pass = (System.nanoTime() - started) / 1e9;
                heapAfter = heapAfterFullCollection();
            }
            System.out.printf(Locale.ROOT, "{\"seconds\":%.3f,\"heap_mb\":%.1f,\"forgotten\":%d,\"pass\":%.3f,"
                    + "\"heap_after_mb\":%.1f,\"articles\":%d}%n", seconds, heap, forgotten, pass, heapAfter,
                    feedloom.catalog().all().size());
        }
    }

    /** The heap in use after two full collections (the serial collector's {@code System.gc()} is one), in MB. */
    private static double heapAfterFullCollection() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }
}
