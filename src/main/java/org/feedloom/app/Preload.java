package org.feedloom.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and initialises, on a second thread, the slow-to-initialise classes {@code serve} needs after reading its
 * configuration: SQLite's native library, Jetty and Javalin; then starts and stops a bare HTTP server on a free
 * loopback port, so that the real one starts with Jetty's and Javalin's start-up code run once (cold, it took a
 * quarter of a second of the start's critical path; run again, a twentieth of that). Reading a large configuration
 * takes about as long, so on two cores start-up waits for whichever is slower instead of both. Nothing is created that
 * outlives the thread; a class that fails here fails again, with its real error, where it is used.
 *
 * <p>Not the TLS context: no request needs it (the first HTTPS fetch makes it, in the background), and made here it
 * ran beside the first requests, 0.15-0.2 s of CPU on a machine of two cores: without it the first feed of a
 * 100,000-article store was served 1.44 s after {@code java -jar} against 1.51 s (medians of eight alternated starts,
 * 2026-12-07).
 */
final class Preload {
    private static final Logger LOG = LoggerFactory.getLogger(Preload.class);
    private static final String[] CLASSES = {
        "org.sqlite.JDBC", "io.javalin.Javalin", "org.eclipse.jetty.server.Server",
        "org.eclipse.jetty.server.ServerConnector", "com.rometools.rome.io.WireFeedOutput",
    };

    private Preload() {}

    /** Starts the preloading thread (a daemon) and returns it. */
    static Thread start() {
        Thread thread = new Thread(Preload::run, "feedloom-preload");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void run() {
        ClassLoader loader = Preload.class.getClassLoader();
        try {
            org.feedloom.store.SqliteStore.prepareNativeLibrary(); // before the driver's class unpacks its library
            for (String name : CLASSES) {
                Class.forName(name, true, loader);
            }
            org.sqlite.SQLiteJDBCLoader.initialize();
            startAndStopAServer();
        } catch (Exception | LinkageError e) {
            LOG.debug("preloading stopped: {}", e.toString());
        }
    }

    /** A server with no routes, on a free port of the loopback interface, started and stopped at once. */
    private static void startAndStopAServer() {
        io.javalin.Javalin server = io.javalin.Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
        });
        try {
            server.start();
        } finally {
            server.stop();
        }
    }
}
