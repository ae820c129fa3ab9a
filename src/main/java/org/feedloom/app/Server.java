package org.feedloom.app;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.ConfigResult;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;
import org.feedloom.publish.SiteInfo;
import org.feedloom.publish.StatusPage;
import org.feedloom.seed.SeedLoader;
import org.feedloom.seed.SeedResult;
import org.feedloom.web.AdminActions;
import org.feedloom.web.WebApp;
import org.feedloom.web.WebSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code serve} command: loads config and seeds, builds the catalog, starts the HTTP server, prints
 * {@code listening on http://HOST:PORT/} once it accepts requests, and stops cleanly on shutdown.
 */
final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final WebApp web;
    private final Aggregator aggregator;
    private final int port;
    private final WebSubNotifier webSub;
    private boolean stopped;

    private Server(WebApp web, Aggregator aggregator, int port, WebSubNotifier webSub) {
        this.web = web;
        this.aggregator = aggregator;
        this.port = port;
        this.webSub = webSub;
    }

    /** Starts serving; returns null (after printing the problems) when the configuration is invalid. */
    static Server start(Options options, PrintStream out, PrintStream err) {
        ConfigResult loaded = ConfigLoader.load(options.config());
        if (!loaded.ok()) {
            loaded.problems().forEach(err::println);
            err.println("feedloom: not starting: the configuration has "
                    + loaded.problems().size() + " problem(s)");
            return null;
        }
        FeedloomConfig config = loaded.config();
        Aggregator aggregator = new Aggregator(Clock.systemUTC());
        aggregator.setTopicRules(config.topics());
        SeedResult seeds = SeedLoader.load(options.seeds());
        seeds.problems().forEach(p -> LOG.warn("{}", p));
        aggregator.setSeeds(seeds.items());
        var catalog = aggregator.rebuild();
        LOG.info("loaded {} seed files ({} records) into {} articles in {} topics", seeds.files().size(),
                seeds.recordCount(), catalog.all().size(), catalog.topics().size());
        Publisher publisher = new Publisher(siteInfo(config), new FeedCache(1_000));
        WebSubNotifier webSub = WebSubNotifier.attach(config, publisher, aggregator);
        WebApp web = new WebApp(aggregator::catalog, publisher, webSettings(config), List::of,
                new StatusPage(siteInfo(config)), AdminActions.NONE, Clock.systemUTC());
        int port = web.start(options.host(), options.port());
        Server server = new Server(web, aggregator, port, webSub);
        server.handleSignals();
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        out.println("listening on http://" + host + ":" + port + "/");
        out.flush();
        return server;
    }

    static SiteInfo siteInfo(FeedloomConfig config) {
        return new SiteInfo(config.site().title(), config.site().author(), Version.get(), config.site().maxEntries(),
                config.websub().hub());
    }

    static WebSettings webSettings(FeedloomConfig config) {
        return new WebSettings(config.site().baseUrl(), config.http().maxAge(), config.admin().token());
    }

    int port() {
        return port;
    }

    Aggregator aggregator() {
        return aggregator;
    }

    /**
     * On SIGTERM or SIGINT: stop cleanly and exit 0 (a plain shutdown hook would leave the JVM's 143 exit code).
     * A shutdown hook still covers other exits.
     */
    private void handleSignals() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    LOG.info("SIG{} received, shutting down", name);
                    stop();
                    System.exit(0);
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "feedloom-shutdown"));
    }

    /** Stops scheduling, lets in-flight work finish, closes the store and the server. Idempotent. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        web.stop();
        webSub.close();
        LOG.info("stopped");
    }
}
