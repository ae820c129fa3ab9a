package org.feedloom.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and initialises, on a second thread, the slow-to-initialise classes {@code serve} needs after reading its
 * configuration: SQLite's native library, the TLS context of the HTTP client, Jetty and Javalin; then starts and
 * stops a bare HTTP server on a free loopback port, so that the real one starts with Jetty's and Javalin's start-up
 * code run once (cold, it took a quarter of a second of the start's critical path; run again, a twentieth of that).
 * Reading a large configuration takes about as long, so on two cores start-up waits for whichever is slower instead
 * of both. Nothing is created that outlives the thread; a class that fails here fails again, with its real error,
 * where it is used.
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
            javax.net.ssl.SSLContext.getDefault();
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
