package org.feedloom.fetch;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.fetch.VettingResolver.TestHosts;

/**
 * The Jetty client of one {@link HttpFetcher}, started on first use and stopped once: redirects, cookies,
 * authentication and content decoding off (the fetcher does them, or nothing does), no more connections to a host
 * than requests to it, every new connection's addresses vetted ({@link VettingResolver}), daemon threads that
 * end when idle. Thread-safe.
 */
final class FetchClient implements AutoCloseable {
    private final FeedloomConfig.Fetch settings;
    private final String userAgent;
    private final TestHosts hosts;
    private volatile HttpClient client;
    private boolean closed; // guarded by this

    FetchClient(FeedloomConfig.Fetch settings, String userAgent, TestHosts hosts) {
        this.settings = settings;
        this.userAgent = userAgent;
        this.hosts = hosts;
    }

    /**
     * The started client.
     *
     * @throws IllegalStateException after {@link #close}, or if it cannot start; the message is the error line
     */
    HttpClient get() {
        HttpClient c = client;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("fetch: the fetcher is closed");
            }
            if (client == null) {
                client = started(newClient());
            }
            return client;
        }
    }

    private static HttpClient started(HttpClient c) {
        try {
            c.start();
        } catch (Exception e) {
            throw new IllegalStateException("fetch: cannot start the HTTP client: "
                    + e.toString().replaceAll("\\s+", " ").strip(), e);
        }
        // installed by start: redirects, authentication, 100-continue and decoding are not Jetty's here
        c.getProtocolHandlers().clear();
        c.getContentDecoderFactories().clear();
        return c;
    }

    private HttpClient newClient() {
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(8, settings.concurrency() + 4), 2, 60_000);
        threads.setName("feedloom-http");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("feedloom-http-scheduler", true);
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(1);
        HttpClient c = new HttpClient(new HttpClientTransportOverHTTP(connector));
        c.setExecutor(threads);
        c.setScheduler(scheduler);
        c.setName("feedloom-http");
        c.setFollowRedirects(false);
        c.setHttpCookieStore(new HttpCookieStore.Empty());
        c.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent));
        c.setConnectTimeout(settings.connectTimeout().toMillis());
        c.setAddressResolutionTimeout(settings.connectTimeout().toMillis());
        c.setIdleTimeout(settings.timeout().toMillis());
        c.setMaxConnectionsPerDestination(settings.maxPerHost()); // the limiter caps each host at its own
        c.setSocketAddressResolver(new VettingResolver(
                new SocketAddressResolver.Async(threads, scheduler, settings.connectTimeout().toMillis()), hosts));
        return c;
    }

    /** Stops the client and its threads, if it started; {@link #get} fails from now on. */
    @Override
    public void close() {
        HttpClient c;
        synchronized (this) {
            closed = true;
            c = client;
            client = null;
        }
        if (c != null) {
            try {
                c.stop();
            } catch (Exception e) {
                // best effort: its threads are daemons
            }
        }
    }
}
