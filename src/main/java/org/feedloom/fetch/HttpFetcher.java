package org.feedloom.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLException;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.fetch.FetchResult.Outcome;

/**
 * Fetches feeds over HTTP(S) with the JDK's client: conditional GET, gzip and deflate, redirects followed by hand
 * (at most {@code maxRedirects}, http and https only, a permanent chain reported), a connect timeout and a total
 * deadline that covers the body too (a server trickling bytes cannot hold a fetch longer), a body cap counted
 * after decompression, and politeness (bounded concurrency overall and per host). Every reading of the time (the
 * deadline, a Retry-After date, freshness) is taken from the clock it is given; the waits themselves are real time.
 *
 * <p>Thread-safe. {@link #fetch} never throws for network or HTTP trouble: it returns an ERROR result with a
 * one-line message starting {@code fetch: }.
 */
public final class HttpFetcher implements AutoCloseable {
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String ACCEPT = "application/atom+xml, application/rss+xml, application/feed+json, "
            + "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    private final FeedloomConfig.Fetch settings;
    private final String userAgent;
    private final HttpClient client;
    private final HostLimiter limiter;
    private final Clock clock;

    /** A fetcher on the system clock. */
    public HttpFetcher(FeedloomConfig.Fetch settings, String userAgent) {
        this(settings, userAgent, Clock.systemUTC());
    }

    /** A fetcher that takes the time from {@code clock} (tests move it instead of waiting). */
    public HttpFetcher(FeedloomConfig.Fetch settings, String userAgent, Clock clock) {
        this.settings = settings;
        this.userAgent = userAgent;
        this.clock = clock;
        // the client's own tasks (reading a response, completing its future) run on its selector thread instead of
        // being handed to a pool: every request here is a small bounded read (CappedBody only copies bytes), and
        // the hand-offs were a quarter of a 304 refresh cycle
        this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .executor(Runnable::run).build();
        this.limiter = new HostLimiter(settings);
    }

    /** The User-Agent Feedloom sends: its name, version and project URL. */
    public static String userAgent(String version) {
        return "Feedloom/" + version + " (+https://github.com/feedloom/feedloom)";
    }

    public FetchResult fetch(FetchRequest request) {
        Instant deadline = clock.instant().plus(settings.timeout());
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
            Hop result = hop(uri, request, deadline);
            if (result.error != null) {
                return result.error;
            }
            HttpResponse<byte[]> r = result.response;
            int status = r.statusCode();
            if (REDIRECTS.contains(status)) {
                String location = r.headers().firstValue("Location").orElse(null);
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

    private FetchResult outcome(String requested, String finalUrl, String permanent, HttpResponse<byte[]> r) {
        int status = r.statusCode();
        HttpHeaders h = r.headers();
        Instant now = clock.instant();
        Instant fresh = HttpDates.freshUntil(h.firstValue("Cache-Control"), h.firstValue("Expires"), now);
        if (status == 304) {
            return new FetchResult(Outcome.NOT_MODIFIED, status, requested, finalUrl, permanent, null,
                    null, null, null, null, fresh, null);
        }
        if (status == 410) {
            return new FetchResult(Outcome.GONE, status, requested, finalUrl, permanent, null, null, null, null,
                    null, null, "fetch: HTTP 410 Gone");
        }
        if (status < 200 || status > 299) {
            Duration retry = status == 429 || status == 503 ? HttpDates.retryAfter(h.firstValue("Retry-After"), now) : null;
            return new FetchResult(Outcome.ERROR, status, requested, finalUrl, permanent, null, null, null, null,
                    retry, null, "fetch: HTTP " + status);
        }
        byte[] body;
        try {
            body = decode(r.body(), h.firstValue("Content-Encoding").orElse("identity"));
        } catch (IOException e) {
            return FetchResult.error(requested, status, e.getMessage().startsWith("fetch: ") ? e.getMessage()
                    : "fetch: cannot decompress the body (" + e.getMessage() + ")", null);
        }
        return new FetchResult(Outcome.OK, status, requested, finalUrl, permanent, body,
                h.firstValue("Content-Type").orElse(null), h.firstValue("ETag").orElse(null),
                h.firstValue("Last-Modified").orElse(null), null, fresh, null);
    }

    /** One request; the body is read completely (up to the cap) before the deadline. */
    private Hop hop(URI uri, FetchRequest request, Instant deadline) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET()
                .header("User-Agent", settings.userAgentFor(uri.getHost(), userAgent))
                .header("Accept", ACCEPT).header("Accept-Encoding", "gzip, deflate");
        if (request.etag() != null) {
            b.header("If-None-Match", request.etag());
        }
        if (request.lastModified() != null) {
            b.header("If-Modified-Since", request.lastModified());
        }
        try (HostLimiter.Permit permit = limiter.acquire(uri.getHost())) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return Hop.failed(timedOut(request.url()));
            }
            CompletableFuture<HttpResponse<byte[]>> future =
                    client.sendAsync(b.timeout(left).build(), info -> CappedBody.of(settings.maxBodyBytes()));
            try {
                return new Hop(future.get(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS), null);
            } catch (TimeoutException e) {
                future.cancel(true);
                return Hop.failed(timedOut(request.url()));
            } catch (ExecutionException e) {
                return Hop.failed(FetchResult.error(request.url(), 0, message(e.getCause(), uri), null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Hop.failed(FetchResult.error(request.url(), 0, "fetch: interrupted", null));
        }
    }

    private FetchResult timedOut(String url) {
        return FetchResult.error(url, 0, "fetch: timed out after " + settings.timeout().toSeconds() + "s", null);
    }

    private String message(Throwable e, URI uri) {
        String port = uri.getPort() > 0 ? ":" + uri.getPort() : "";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return "fetch: unknown host " + uri.getHost();
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CappedBody.TooLarge) {
                return "fetch: body exceeds " + CappedBody.human(settings.maxBodyBytes());
            }
            if (t instanceof HttpConnectTimeoutException) {
                return "fetch: connect timed out after " + settings.connectTimeout().toSeconds() + "s";
            }
            if (t instanceof HttpTimeoutException) {
                return "fetch: timed out after " + settings.timeout().toSeconds() + "s";
            }
            if (t instanceof ConnectException) {
                return "fetch: connection refused by " + uri.getHost() + port;
            }
            if (t instanceof SSLException) {
                return "fetch: TLS failure: " + oneLine(t.getMessage());
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "fetch: connection failed: " + oneLine(root.getMessage() != null ? root.getMessage() : root.toString());
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
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

    /** Decompresses gzip or deflate (zlib or raw) bodies, stopping at the cap. */
    private byte[] decode(byte[] body, String encoding) throws IOException {
        String e = encoding.strip().toLowerCase(Locale.ROOT);
        if (e.equals("identity") || e.isEmpty() || body.length == 0) {
            return body;
        }
        if (e.equals("gzip") || e.equals("x-gzip")) {
            return readCapped(new GZIPInputStream(new ByteArrayInputStream(body)));
        }
        if (e.equals("deflate")) {
            boolean zlib = body.length > 1 && (body[0] & 0x0f) == 8 && (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % 31 == 0;
            return readCapped(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(!zlib)));
        }
        throw new IOException("fetch: unsupported Content-Encoding '" + encoding + "'");
    }

    private byte[] readCapped(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > settings.maxBodyBytes()) {
                    throw new IOException("fetch: body exceeds " + CappedBody.human(settings.maxBodyBytes())
                            + " after decompression");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    @Override
    public void close() {
        // the JDK 17 client has no close(); its threads are daemons and end with the JVM
    }

    private record Hop(HttpResponse<byte[]> response, FetchResult error) {
        static Hop failed(FetchResult error) {
            return new Hop(null, error);
        }
    }
}
