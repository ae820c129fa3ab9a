package org.feedloom.web;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.feedloom.model.Catalog;
import org.feedloom.model.Explanation;
import org.feedloom.model.InstanceStatus;
import org.feedloom.model.RebuildFailure;
import org.feedloom.model.Removals;
import org.feedloom.model.SourceState;
import org.feedloom.model.Topic;
import org.feedloom.model.Unavailable;
import org.feedloom.publish.Publisher;
import org.feedloom.publish.RenderedFeed;
import org.feedloom.publish.StatusPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: every route declared in {@link #routes}, handlers thin, errors mapped centrally. Feeds are
 * served from the publisher's pre-rendered, pre-compressed bytes; the documents under {@code /feeds/} are
 * {@link FeedFiles}', which {@link FeedFastPath}, in front of Javalin, serves from too. Javalin's own
 * per-response compression and ETags are off. Counts the requests it answers by route template and status
 * ({@link #traffic}), and serves {@code /metrics} when given a {@link MetricsSource}. Built from its collaborators;
 * no static state.
 */
public final class WebApp {
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    /** What a 503 for a store that cannot be read asks clients to wait before trying again. */
    static final java.time.Duration RETRY_AFTER = java.time.Duration.ofSeconds(30);

    /** Request line plus headers; larger requests get 431 (or 414 for a long request line). */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    /** The path parameter of a document under {@code /feeds/}. */
    private static final String FILE = "{file}";

    private final Supplier<Catalog> catalog;
    private final Publisher publisher;
    private final WebSettings settings;
    private final AdminActions admin;
    private final Supplier<List<SourceState>> sources;
    private final Supplier<Removals> removals;
    private final StatusPage statusPage;
    private final Clock clock;
    private final String cacheControl;
    private final FeedFiles files;
    private final MetricsSource metrics;
    /** A fetch worker's app: health and metrics only. */
    private boolean worker;
    private Supplier<List<InstanceStatus>> instances = List::of;
    private BooleanSupplier merging = () -> false;
    private Supplier<RebuildFailure> rebuildFailing = () -> null;
    private Function<String, Optional<Explanation>> explain;
    private final RequestCounts requests = new RequestCounts();
    private Javalin javalin;

    /** Requests answered with one status on one route (its template; {@code other} when none matched). */
    public record RequestCount(String route, int status, long count) {}

    /**
     * What was served so far.
     *
     * @param requests     requests answered, by route and status
     * @param answerHits   feed requests answered from the answers cached per path (each the whole work of serving)
     * @param answerMisses feed answers made anew, for want of a cached one
     */
    public record Traffic(List<RequestCount> requests, long answerHits, long answerMisses) {}

    /**
     * @param catalog   the catalog to serve (read on every request; swapped atomically by the caller)
     * @param publisher renders and caches documents
     * @param settings  base URL, caching, admin token
     * @param sources   the state of every live source, for {@code /status} and {@code /status.html}
     * @param removals  what the configuration keeps out of the feeds ({@code exclude:}, {@code hide:}), counted on
     *                  {@code /status} and {@code /status.html}
     * @param admin     what the admin routes trigger (they exist only when the settings have a token)
     */
    public WebApp(Supplier<Catalog> catalog, Publisher publisher, WebSettings settings,
                  Supplier<List<SourceState>> sources, Supplier<Removals> removals, StatusPage statusPage,
                  AdminActions admin, Clock clock) {
        this(catalog, publisher, settings, sources, removals, statusPage, admin, clock, null);
    }

    /** As above, serving {@code GET /metrics} from {@code metrics} (null: no such route). */
    public WebApp(Supplier<Catalog> catalog, Publisher publisher, WebSettings settings,
                  Supplier<List<SourceState>> sources, Supplier<Removals> removals, StatusPage statusPage,
                  AdminActions admin, Clock clock, MetricsSource metrics) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.removals = removals;
        this.publisher = publisher;
        this.settings = settings;
        this.admin = admin;
        this.sources = sources;
        this.statusPage = statusPage;
        this.clock = clock;
        this.cacheControl = settings.cacheControl();
        this.files = new FeedFiles(publisher);
    }

    /**
     * Makes this app a fetch worker's: it serves {@code /healthz} and {@code /metrics} only, no feed, page or status.
     * Before {@link #start}.
     */
    public WebApp workerOnly() {
        worker = true;
        return this;
    }

    /** Has {@code /status} and {@code /status.html} list the instances sharing the database. Before {@link #start}. */
    public WebApp showInstances(Supplier<List<InstanceStatus>> instances) {
        this.instances = instances;
        return this;
    }

    /**
     * Has {@code /healthz}, {@code /status} and {@code /status.html} say whether a restart is still merging its stored
     * archive ({@code merging}: the counts are partial meanwhile). Before {@link #start}.
     */
    public WebApp mergingWhile(BooleanSupplier merging) {
        this.merging = merging;
        return this;
    }

    /**
     * Has {@code /healthz}, {@code /status} and {@code /status.html} say whether rebuilds are failing
     * ({@code failing} gives them, or null while they pass): what was fetched since is not published meanwhile.
     */
    public WebApp rebuildFailuresFrom(Supplier<RebuildFailure> failing) {
        this.rebuildFailing = failing;
        return this;
    }

    /**
     * Serves {@code /articles?url=<one of an article's URLs>}: the page that says how the article's entry was made,
     * from {@code explain} (empty: no published article has that URL). Before {@link #start}.
     */
    public WebApp explainArticles(Function<String, Optional<Explanation>> explain) {
        this.explain = explain;
        return this;
    }

    /** Starts the server and returns the port it listens on (useful with port 0). */
    public int start(String host, int port) {
        javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.generateEtags = false;
            config.http.prefer405over404 = true;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(MAX_HEADER_BYTES);
                http.setSendServerVersion(false);
                // let path tricks (encoded slashes, dot segments) reach the router, which answers 404
                http.setUriCompliance(org.eclipse.jetty.http.UriCompliance.LEGACY);
            });
            // cached feeds skip the servlet and routing layers; Javalin nests its handler inside the innermost
            // wrapper; every response, the fast path's too, gets the security headers first
            RequestCounts.Route feeds = requests.route(FeedFiles.PREFIX + FILE);
            config.jetty.modifyServer(server -> SecurityHeaders.install(server,
                    worker ? null : new FeedFastPath(files, catalog, settings, feeds)));
            config.requestLogger.http((ctx, ms) -> requests.route(routeOf(ctx)).count(ctx.statusCode()));
            routes(config.routes);
        });
        javalin.start();
        return javalin.port();
    }

    /** The requests answered so far, and how the feeds' answer cache did; a snapshot, thread-safe. */
    public Traffic traffic() {
        return new Traffic(requests.counts(), files.hits(), files.misses());
    }

    /** The template of the route that answered, or {@link RequestCounts#OTHER} when none matched. */
    private static String routeOf(Context ctx) {
        io.javalin.router.Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        return endpoint == null ? RequestCounts.OTHER : endpoint.path;
    }

    public void stop() {
        if (javalin != null) {
            javalin.stop();
        }
    }

    private void routes(io.javalin.config.RoutesConfig routes) {
        for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.HEAD}) {
            if (worker) {
                routes.addHttpHandler(method, "/healthz", this::health);
                if (metrics != null) {
                    routes.addHttpHandler(method, "/metrics", this::metrics);
                }
                continue;
            }
            routes.addHttpHandler(method, "/", this::index);
            routes.addHttpHandler(method, FeedFiles.PREFIX + FILE, this::feed);
            routes.addHttpHandler(method, "/topics/{slug}", this::topicPage);
            routes.addHttpHandler(method, "/healthz", this::health);
            routes.addHttpHandler(method, "/status", this::status);
            routes.addHttpHandler(method, "/status.html", this::statusHtml);
            if (explain != null) {
                routes.addHttpHandler(method, "/articles", this::article);
            }
            if (metrics != null) {
                routes.addHttpHandler(method, "/metrics", this::metrics);
            }
        }
        if (settings.adminToken() != null && !worker) {
            routes.addHttpHandler(HandlerType.POST, "/admin/refresh", this::refreshAll);
            routes.addHttpHandler(HandlerType.POST, "/admin/refresh/{source}", this::refreshOne);
        }
        routes.exception(Unavailable.class, (e, ctx) -> { // the store failed: feed readers come back later
            LOG.warn("web: {} {} answered 503: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.status(503).header("Retry-After", Long.toString(RETRY_AFTER.toSeconds()))
                    .contentType("text/plain; charset=utf-8").result("unavailable just now; try again later\n");
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("web: {} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).contentType("text/plain; charset=utf-8").result("internal error\n");
        });
        routes.error(404, "*", ctx -> {
            if (ctx.result() == null) {
                ctx.contentType("text/plain; charset=utf-8").result("not found\n");
            }
        });
    }

    private void index(Context ctx) {
        send(ctx, publisher.indexPage(catalog.get(), base(ctx)));
    }

    private void send(Context ctx, RenderedFeed doc) {
        ctx.header("Cache-Control", cacheControl);
        HttpCaching.send(ctx, doc);
    }

    private void refreshAll(Context ctx) {
        if (authorized(ctx) && ready(ctx)) {
            sendUncached(ctx, "application/json; charset=utf-8",
                    ("{\"scheduled\":" + admin.refreshAll() + "}\n").getBytes(StandardCharsets.UTF_8));
            ctx.status(202);
        }
    }

    private void refreshOne(Context ctx) {
        if (!authorized(ctx) || !ready(ctx)) {
            return;
        }
        if (admin.refresh(ctx.pathParam("source"))) {
            ctx.status(202);
            sendUncached(ctx, "application/json; charset=utf-8", "{\"scheduled\":1}\n".getBytes(StandardCharsets.UTF_8));
        } else {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such source\n");
        }
    }

    /** Whether the sources are scheduled; answers 503 with {@code Retry-After} itself while they are not. */
    private boolean ready(Context ctx) {
        if (admin.ready()) {
            return true;
        }
        ctx.header("Retry-After", "1");
        ctx.status(503);
        sendUncached(ctx, "application/json; charset=utf-8",
                "{\"error\":\"starting: the stored articles are being merged\"}\n".getBytes(StandardCharsets.UTF_8));
        return false;
    }

    /** Checks {@code Authorization: Bearer <token>} in constant time; answers 401 itself when it fails. */
    private boolean authorized(Context ctx) {
        String header = ctx.header("Authorization");
        byte[] given = (header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : "")
                .getBytes(StandardCharsets.UTF_8);
        byte[] expected = settings.adminToken().getBytes(StandardCharsets.UTF_8);
        if (java.security.MessageDigest.isEqual(given, expected)) {
            return true;
        }
        ctx.status(401).header("WWW-Authenticate", "Bearer realm=\"feedloom-admin\"")
                .contentType("text/plain; charset=utf-8").result("unauthorized\n");
        return false;
    }

    private void feed(Context ctx) {
        Catalog current = catalog.get();
        String file = ctx.pathParam("file");
        String page = ctx.queryParam("page");
        RenderedFeed doc = page != null ? files.document(current, file, page, base(ctx)) : answer(ctx, current, file);
        if (doc != null) {
            send(ctx, doc);
            return;
        }
        FeedFiles.Feed feed = FeedFiles.Feed.of(file).orElse(null);
        if (feed != null && redirect(ctx, current, feed.slug(), to -> "feeds/" + to + "." + feed.format())) {
            return;
        }
        String known = current.topics().stream().map(t -> FeedFiles.PREFIX + t.slug() + ".xml")
                .collect(Collectors.joining("\n"));
        ctx.status(404).contentType("text/plain; charset=utf-8")
                .result("no such feed; the feeds are:\n" + known + "\n/feeds/index.opml\n");
    }

    /** The document at {@code /feeds/<file>}, from the answers the fast path serves too; null if there is none. */
    private RenderedFeed answer(Context ctx, Catalog current, String file) {
        String path = FeedFiles.PREFIX + file;
        String host = ctx.header("Host");
        FeedFiles.Answer answer = files.cached(current, path, host, ctx.scheme());
        if (answer == null) {
            answer = files.answer(current, path, host, ctx.scheme(), base(ctx));
        }
        return answer == null ? null : answer.doc();
    }

    private void topicPage(Context ctx) {
        Catalog current = catalog.get();
        String slug = ctx.pathParam("slug");
        String page = ctx.queryParam("page");
        RenderedFeed doc = publisher.topicPage(current, slug, page == null ? 1 : FeedFiles.pageNumber(page), base(ctx))
                .orElse(null);
        if (doc == null) {
            if (redirect(ctx, current, slug, to -> "topics/" + to)) {
                return;
            }
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such topic or page\n");
            return;
        }
        send(ctx, doc);
    }

    /**
     * When {@code slug} is a former slug of one of the catalog's topics (its name's or an alias's slug, where another
     * slug is configured), answers {@code 301 Moved Permanently} to the same document of the topic's slug, the query
     * (a {@code ?page=}) kept, and returns true; else does nothing and returns false. Asked only when nothing is
     * published at {@code slug}, so serving a feed never costs this lookup.
     *
     * @param path the site-relative path of the document of a slug
     */
    private boolean redirect(Context ctx, Catalog current, String slug, UnaryOperator<String> path) {
        String to = current.movedTo(slug).filter(s -> current.topic(s).isPresent()).orElse(null);
        if (to == null) {
            return false;
        }
        String query = ctx.queryString();
        ctx.status(301).header("Location", base(ctx) + path.apply(to) + (query == null ? "" : "?" + query))
                .header("Cache-Control", cacheControl);
        return true;
    }

    /** {@code /healthz}: 200, or 503 once the rebuilds stopped until a restart (for a supervisor to restart it). */
    private void health(Context ctx) {
        Catalog current = catalog.get();
        RebuildFailure failing = rebuildFailing.get();
        if (failing != null && failing.stopped()) {
            ctx.status(503);
        }
        sendUncached(ctx, "application/json; charset=utf-8", statusPage.health(
                publisher.countOf(current, Topic.ALL_SLUG), current.topics().size(), current.version(),
                merging.getAsBoolean(), failing));
    }

    private void status(Context ctx) {
        sendUncached(ctx, "application/json; charset=utf-8",
                statusPage.json(sources.get(), publisher.countOf(catalog.get(), Topic.ALL_SLUG), removals.get(),
                        instances.get(), clock.instant(), merging.getAsBoolean(), rebuildFailing.get()));
    }

    private void statusHtml(Context ctx) {
        sendUncached(ctx, "text/html; charset=utf-8",
                statusPage.html(sources.get(), publisher.countOf(catalog.get(), Topic.ALL_SLUG), removals.get(),
                        instances.get(), clock.instant(), base(ctx), merging.getAsBoolean(),
                        rebuildFailing.get()));
    }

    private void article(Context ctx) {
        String url = ctx.queryParam("url");
        if (url == null || url.isBlank()) {
            ctx.status(400).contentType("text/plain; charset=utf-8")
                    .result("give one of the article's URLs: /articles?url=<URL>\n");
            return;
        }
        Optional<Explanation> why = explain.apply(url.strip());
        if (why.isEmpty()) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no published article has this URL\n");
            return;
        }
        sendUncached(ctx, "text/html; charset=utf-8", publisher.articlePage(catalog.get(), why.get(), base(ctx)));
    }

    private void metrics(Context ctx) {
        MetricsSource.Exposition page = metrics.scrape(ctx.header("Accept"));
        sendUncached(ctx, page.contentType(), page.body());
    }

    private static void sendUncached(Context ctx, String contentType, byte[] body) {
        ctx.contentType(contentType).header("Cache-Control", "no-store");
        ctx.header("Content-Length", Integer.toString(body.length));
        if (ctx.method() != HandlerType.HEAD) {
            ctx.result(body);
        }
    }

    /** The base URL of the request (see {@link WebSettings#baseFor}). */
    private String base(Context ctx) {
        return settings.baseFor(ctx.header("Host"), ctx.scheme(), ctx.req().getLocalAddr(), ctx.req().getLocalPort());
    }
}
