package org.feedloom.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and initialises, on a second thread, the slow-to-initialise classes {@code serve} needs after reading its
 * configuration: SQLite's native library, the TLS context of the HTTP client, Jetty and Javalin. Reading a large
 * configuration takes about as long, so on two cores start-up waits for whichever is slower instead of both.
 * Nothing is created that outlives the thread; a class that fails here fails again, with its real error, where
 * it is used.
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
            for (String name : CLASSES) {
                Class.forName(name, true, loader);
            }
            org.sqlite.SQLiteJDBCLoader.initialize();
            javax.net.ssl.SSLContext.getDefault();
        } catch (Exception | LinkageError e) {
            LOG.debug("preloading stopped: {}", e.toString());
        }
    }
}
