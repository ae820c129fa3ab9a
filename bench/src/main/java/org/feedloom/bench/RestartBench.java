package org.feedloom.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.feedloom.app.Main;

/**
 * One restart on a filled store through Feedloom's public entry point {@link Main#embed}: the store read back, the
 * stored archive merged, published and synced, as {@code serve} does in the background once it listens. Prints one
 * JSON line: the seconds {@code Main.embed} took, the process's CPU seconds until then (every thread: the JIT's
 * compilers, the collector, the fold-anchor helpers), and the articles published.
 *
 * <p>Usage: {@code RestartBench CONFIG SEEDS DATA}; DATA is opened in place, so the caller hands it a copy.
 */
public final class RestartBench {
    private RestartBench() {}

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (Main.Embedded feedloom = Main.embed(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]))) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime() / 1e9;
            System.out.printf(Locale.ROOT, "{\"seconds\":%.3f,\"cpu\":%.2f,\"articles\":%d}%n", seconds, cpu,
                    feedloom.catalog().all().size());
        }
    }
}
