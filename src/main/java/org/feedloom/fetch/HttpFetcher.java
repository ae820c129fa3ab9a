package org.feedloom.fetch;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ObjLongConsumer;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.fetch.CappedBody.Received;
import org.feedloom.fetch.FetchResult.Outcome;
import org.feedloom.fetch.VettingResolver.Reach;
import org.feedloom.fetch.VettingResolver.Refused;
import org.feedloom.fetch.VettingResolver.TestHosts;

/**
 * Fetches feeds over HTTP(S) with Jetty's client: conditional GET, gzip and deflate, redirects followed by hand
 * (at most {@code maxRedirects}, http and https only, a permanent chain reported), a connect timeout and a total
 * deadline that covers the body too (a server trickling bytes cannot hold a fetch longer) and every hop, counted
 * from when each request is let through politeness (a source queued behind its host's slow ones is not timed out
 * for their slowness), a body cap counted after decompression, and politeness (bounded concurrency overall and per
 * host). Every reading of the time (the deadline, a Retry-After date, freshness) is taken from the clock it is given;
 * the waits themselves are real time.
 *
 * <p>A fetch reaches only public addresses, checked on the address each connection is made to (so a redirect, a
 * discovered feed URL or a name that resolves or is rebound to this machine, a private network, a link-local
 * address such as a cloud metadata service, or a multicast group is refused), unless its source is configured on a
 * private network ({@link AddressClass#namesPrivateHost}) or {@code fetch.allowPrivateNetworks} is set. Jetty's
 * client is used for its resolver hook, which the JDK's client lacks ({@link VettingResolver}).
 *
 * <p>Thread-safe. The client and its threads (daemons) start with the first fetch and stop at {@link #close}; a
 * fetch after that is an error. {@link #fetch} never throws for network or HTTP trouble: it returns an ERROR result
 * with a one-line message starting {@code fetch: }.
 */
public final class HttpFetcher implements AutoCloseable {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String ACCEPT = "application/atom+xml, application/rss+xml, application/feed+json, "
            + "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    private final FeedloomConfig.Fetch settings;
    private final FetchClient client;
    private final HostLimiter limiter;
    private final Clock clock;

    /** A fetcher on the system clock. */
    public HttpFetcher(FeedloomConfig.Fetch settings, String userAgent) {
        this(settings, userAgent, Clock.systemUTC());
    }

    /** A fetcher that takes the time from {@code clock} (tests move it instead of waiting). */
    public HttpFetcher(FeedloomConfig.Fetch settings, String userAgent, Clock clock) {
        this(settings, userAgent, clock, (limit, nanos) -> { });
    }

    /**
     * As above, telling {@code hostWaits} how long each request waited for its turn under each politeness limit
     * ({@code host}, then {@code overall}), in nanoseconds (for the metrics; quick, never throws).
     */
    public HttpFetcher(FeedloomConfig.Fetch settings, String userAgent, Clock clock,
                       ObjLongConsumer<String> hostWaits) {
        this(settings, userAgent, clock, hostWaits, TestHosts.NONE);
    }

    /** A fetcher that answers some names without DNS (tests stand for public hosts with loopback servers). */
    HttpFetcher(FeedloomConfig.Fetch settings, String userAgent, Clock clock, TestHosts hosts) {
        this(settings, userAgent, clock, (limit, nanos) -> { }, hosts);
    }

    private HttpFetcher(FeedloomConfig.Fetch settings, String userAgent, Clock clock,
                        ObjLongConsumer<String> hostWaits, TestHosts hosts) {
        this.settings = settings;
        this.clock = clock;
        this.client = new FetchClient(settings, userAgent, hosts);
        this.limiter = new HostLimiter(settings, hostWaits);
    }

    /**
     * Shares the per-host limits with the other processes that take {@code permits}' slots (instances sharing a
     * database): from now on {@code fetch.perHost} holds for all of them together.
     */
    public void shareHostLimits(SharedHostPermits permits) {
        limiter.share(permits);
    }

    /** The User-Agent Feedloom sends: its name, version and project URL. */
    public static String userAgent(String version) {
        return "Feedloom/" + version + " (+https://github.com/feedloom/feedloom)";
    }

    /**
     * Fetches {@code request.url()}, following redirects. Private networks are reachable when the request's
     * configured URL names a host on one or the settings allow them.
     */
    public FetchResult fetch(FetchRequest request) {
        HttpClient http;
        try {
            http = client.get(); // started before the deadline runs: starting is not the source's time
        } catch (IllegalStateException e) {
            return FetchResult.error(request.url(), 0, e.getMessage(), null);
        }
        Duration left = settings.timeout(); // spent by the hops, from when each is let through politeness
        Reach reach = settings.allowPrivateNetworks() || AddressClass.namesPrivateHost(request.configured())
                ? Reach.ANY : Reach.PUBLIC_ONLY;
        String url = request.url();
        boolean allPermanent = true;
        Set<String> visited = new HashSet<>();
        for (int hop = 0; ; hop++) {
            URI uri;
            try {
                uri = httpUri(url);
            } catch (IllegalArgumentException e) {
                return FetchResult.error(request.url(), 0, e.getMessage(), null);
            }
            if (!visited.add(uri.toString())) {
                return FetchResult.error(request.url(), 0, "fetch: redirect loop at " + url, null);
            }
            Hop result = hop(http, uri, request, reach, left);
            if (result.error != null) {
                return result.error;
            }
            left = left.minus(result.spent);
            Received r = result.response;
            int status = r.status();
            if (REDIRECTS.contains(status)) {
                String location = r.headers().get(HttpHeader.LOCATION);
                if (location == null) {
                    return FetchResult.error(request.url(), status, "fetch: HTTP " + status + " without a Location", null);
                }
                if (hop + 1 > settings.maxRedirects()) {
                    return FetchResult.error(request.url(), status, "fetch: too many redirects (more than "
                            + settings.maxRedirects() + ")", null);
                }
                allPermanent &= status == 301 || status == 308;
                try {
                    url = uri.resolve(location.strip().replace(" ", "%20")).toString();
                } catch (IllegalArgumentException e) {
                    return FetchResult.error(request.url(), status, "fetch: bad redirect Location '" + location + "'", null);
                }
                continue;
            }
            String permanent = hop > 0 && allPermanent ? url : null;
            return outcome(request.url(), url, permanent, r);
        }
    }

    /** Requests waiting for their turn under the politeness limits (see {@link HostLimiter#waiting()}). */
    int waiting() {
        return limiter.waiting();
    }

    private FetchResult outcome(String requested, String finalUrl, String permanent, Received r) {
        int status = r.status();
        HttpFields h = r.headers();
        Instant now = clock.instant();
        Instant fresh = HttpDates.freshUntil(first(h, HttpHeader.CACHE_CONTROL), first(h, HttpHeader.EXPIRES), now);
        if (status == 304) {
            return new FetchResult(Outcome.NOT_MODIFIED, status, requested, finalUrl, permanent, null,
                    null, null, null, null, fresh, null);
        }
        if (status == 410) {
            return new FetchResult(Outcome.GONE, status, requested, finalUrl, permanent, null, null, null, null,
                    null, null, "fetch: HTTP 410 Gone");
        }
        if (status < 200 || status > 299) {
            Duration retry = status == 429 || status == 503 ? HttpDates.retryAfter(first(h, HttpHeader.RETRY_AFTER), now)
                    : null;
            return new FetchResult(Outcome.ERROR, status, requested, finalUrl, permanent, null, null, null, null,
                    retry, null, "fetch: HTTP " + status);
        }
        byte[] body;
        try {
            body = Decompression.decode(r.body(), first(h, HttpHeader.CONTENT_ENCODING).orElse("identity"),
                    settings.maxBodyBytes());
        } catch (IOException e) {
            return FetchResult.error(requested, status, e.getMessage().startsWith("fetch: ") ? e.getMessage()
                    : "fetch: cannot decompress the body (" + e.getMessage() + ")", null);
        }
        return new FetchResult(Outcome.OK, status, requested, finalUrl, permanent, body,
                h.get(HttpHeader.CONTENT_TYPE), h.get(HttpHeader.ETAG), h.get(HttpHeader.LAST_MODIFIED), null, fresh, null);
    }

    private static Optional<String> first(HttpFields headers, HttpHeader name) {
        return Optional.ofNullable(headers.get(name));
    }

    /**
     * One request, its body read completely (up to the cap) within {@code left} of the fetch's total time. The time
     * counts from when the request is let through the politeness limits: waiting for a host's turn behind other
     * sources' requests is not this source's time.
     */
    private Hop hop(HttpClient http, URI uri, FetchRequest request, Reach reach, Duration left) {
        if (left.isNegative() || left.isZero()) {
            return Hop.failed(timedOut(request.url()));
        }
        try (HostLimiter.Permit permit = limiter.acquire(uri.getHost())) {
            Instant start = clock.instant();
            long millis = Math.max(1, left.toMillis());
            Request get = get(http, uri, request).tag(reach).timeout(millis, TimeUnit.MILLISECONDS);
            try {
                return exchange(get, millis, request.url()).took(Duration.between(start, clock.instant()));
            } catch (ExecutionException e) {
                return Hop.failed(FetchResult.error(request.url(), 0, message(e.getCause(), uri), null));
            } catch (InterruptedException e) {
                get.abort(e);
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Hop.failed(FetchResult.error(request.url(), 0, "fetch: interrupted", null));
        }
    }

    /**
     * Sends {@code get} and waits for its response: the connection (resolving, connecting and negotiating TLS, until
     * the request's headers are written) within the connect timeout, the whole response within {@code millis}.
     */
    private Hop exchange(Request get, long millis, String url) throws ExecutionException, InterruptedException {
        CappedBody body = CappedBody.of(settings.maxBodyBytes());
        CompletableFuture<Void> connected = new CompletableFuture<>();
        get.onRequestCommit(sent -> connected.complete(null)); // its headers went out: after any TLS handshake
        get.send(body);
        long connectMillis = Math.min(millis, settings.connectTimeout().toMillis());
        try {
            CompletableFuture.anyOf(connected, body.received()).get(connectMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            get.abort(e);
            return Hop.failed(connectMillis < millis ? FetchResult.error(url, 0, connectTimedOut(), null) : timedOut(url));
        }
        try {
            return new Hop(body.received().get(millis, TimeUnit.MILLISECONDS), null, Duration.ZERO);
        } catch (TimeoutException e) {
            get.abort(e);
            return Hop.failed(timedOut(url));
        }
    }

    /**
     * A GET of {@code uri} with the request's validators, and the User-Agent {@code fetch.hosts:} gives its host, if
     * any; the tag says which addresses it may connect to.
     */
    private Request get(HttpClient http, URI uri, FetchRequest request) {
        String agent = settings.host(uri.getHost()).userAgent();
        return http.newRequest(uri).headers(h -> {
            h.put(HttpHeader.ACCEPT, ACCEPT).put(HttpHeader.ACCEPT_ENCODING, "gzip, deflate");
            if (agent != null) {
                h.put(HttpHeader.USER_AGENT, agent);
            }
            if (request.etag() != null) {
                h.put(HttpHeader.IF_NONE_MATCH, request.etag());
            }
            if (request.lastModified() != null) {
                h.put(HttpHeader.IF_MODIFIED_SINCE, request.lastModified());
            }
        });
    }

    private String connectTimedOut() {
        return "fetch: connect timed out after " + settings.connectTimeout().toSeconds() + "s";
    }

    private FetchResult timedOut(String url) {
        return FetchResult.error(url, 0, "fetch: timed out after " + settings.timeout().toSeconds() + "s", null);
    }

    private String message(Throwable e, URI uri) {
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refused r) {
                return refused(r, uri);
            }
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "fetch: unknown host " + uri.getHost();
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CappedBody.TooLarge) {
                return "fetch: body exceeds " + CappedBody.human(settings.maxBodyBytes());
            }
            if (t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).contains("Connect")) {
                return connectTimedOut();
            }
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return "fetch: timed out after " + settings.timeout().toSeconds() + "s";
            }
            if (t instanceof ConnectException) {
                return "fetch: connection refused by " + uri.getHost() + port;
            }
            if (t instanceof SSLException) {
                return "fetch: TLS failure: " + oneLine(t.getMessage());
            }
            if (t instanceof EOFException) {
                return "fetch: connection failed: closed by " + uri.getHost() + port + " before the response was complete";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "fetch: connection failed: " + oneLine(root.getMessage() != null ? root.getMessage() : root.toString());
    }

    /** {@code fetch: refused to connect to HOST [at ADDRESS] (KIND) for URL; ...}: the address is named when a name gave it. */
    private static String refused(Refused r, URI uri) {
        String address = r.address.getHostAddress();
        String who = AddressClass.literal(r.host) != null ? r.host : r.host + " at " + address;
        return "fetch: refused to connect to " + who + " (" + r.kind.description + ") for " + uri
                + "; set fetch.allowPrivateNetworks: true to allow";
    }

    /** A message on one line, cut at 300 characters (some libraries put whole object dumps in theirs). */
    private static String oneLine(String s) {
        String line = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** Parses and checks an absolute http(s) URL; the message of the exception is the error line. */
    static URI httpUri(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("fetch: not a valid URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("fetch: unsupported scheme '" + scheme + "' in " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("fetch: no host in " + url);
        }
        return uri;
    }

    /** Stops the client and its threads; a fetch after this is an error. */
    @Override
    public void close() {
        client.close();
    }

    /** A hop's response or error, and the time it took once let through politeness. */
    private record Hop(Received response, FetchResult error, Duration spent) {
        static Hop failed(FetchResult error) {
            return new Hop(null, error, Duration.ZERO);
        }

        Hop took(Duration time) {
            return new Hop(response, error, time);
        }
    }
}
