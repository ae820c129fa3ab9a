package org.feedloom.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a WebSub hub that a feed changed: {@code POST <hub>} with the form {@code hub.mode=publish&hub.url=<feed>}
 * (the publish ping of PubSubHubbub 0.4, which WebSub hubs accept). A 2xx answer is success.
 *
 * <p>Asynchronous and never throwing: {@link #publish} queues the ping and returns; pings go out one at a time, in
 * the order queued, from one daemon thread. A failure (refused connection, timeout, non-2xx) is logged once at WARN
 * with the hub and feed URL; further failures are logged at DEBUG until the hub answers again, which is logged at
 * INFO. Thread-safe.
 */
public final class WebSubPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebSubPublisher.class);

    private final URI hub;
    private final String userAgent;
    private final Duration timeout;
    private final HttpClient client;
    private final ExecutorService sender;
    private boolean failing;

    /**
     * @param hub       absolute http(s) URL of the hub
     * @param userAgent the {@code User-Agent} of the pings: Feedloom's one, {@link HttpFetcher#userAgent}
     * @param timeout   connect timeout, and the limit of each ping as a whole
     */
    public WebSubPublisher(String hub, String userAgent, Duration timeout) {
        this.hub = URI.create(hub);
        this.userAgent = userAgent;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.sender = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "websub-publish");
            t.setDaemon(true);
            return t;
        });
    }

    /** The hub's URL. */
    public String hub() {
        return hub.toString();
    }

    /**
     * Queues one publish ping for {@code feedUrl}. The future completes with true when the hub accepted it, false
     * when it failed or the publisher was closed; it never completes exceptionally.
     */
    public CompletableFuture<Boolean> publish(String feedUrl) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        try {
            sender.execute(() -> done.complete(send(feedUrl)));
        } catch (RejectedExecutionException e) {
            LOG.debug("websub: closed, not pinging {} for {}", hub, feedUrl);
            done.complete(false);
        }
        return done;
    }

    private boolean send(String feedUrl) {
        String form = "hub.mode=publish&hub.url=" + URLEncoder.encode(feedUrl, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(hub).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                succeeded(feedUrl);
                return true;
            }
            failed(feedUrl, "HTTP " + response.statusCode());
        } catch (IOException | RuntimeException e) {
            failed(feedUrl, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(feedUrl, "interrupted");
        }
        return false;
    }

    private void succeeded(String feedUrl) {
        if (failing) {
            failing = false;
            LOG.info("websub: hub {} accepts pings again (ping for {})", hub, feedUrl);
        } else {
            LOG.debug("websub: pinged {} for {}", hub, feedUrl);
        }
    }

    private void failed(String feedUrl, String why) {
        if (failing) {
            LOG.debug("websub: ping to {} for {} failed: {}", hub, feedUrl, why);
        } else {
            failing = true;
            LOG.warn("websub: ping to {} for {} failed: {} (further failures are logged at DEBUG until it succeeds)",
                    hub, feedUrl, why);
        }
    }

    /**
     * Stops taking pings and sends those already queued, waiting at most {@code grace} for them; the ones left then
     * are dropped. Idempotent.
     */
    public void close(Duration grace) {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("websub: {} ping(s) to {} dropped at shutdown", sender.shutdownNow().size(), hub);
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #close(Duration)} with a grace of the ping timeout. */
    @Override
    public void close() {
        close(timeout);
    }
}
