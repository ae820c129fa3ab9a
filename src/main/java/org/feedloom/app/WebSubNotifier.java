package org.feedloom.app;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.fetch.WebSubPublisher;
import org.feedloom.model.Catalog;
import org.feedloom.publish.FeedChanges;
import org.feedloom.publish.Publisher;
import org.feedloom.store.Coordination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires WebSub: after each rebuild, asks {@link FeedChanges} which feeds changed and has the
 * {@link WebSubPublisher} ping the hub once for each. Without {@code websub.hub} it does nothing. The rebuilder's
 * listener: told of every rebuild but the first, in order (the start-up catalog itself is not announced); never
 * throws into it.
 */
final class WebSubNotifier implements Rebuilder.Listener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebSubNotifier.class);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(10);

    private final FeedChanges changes;
    private final WebSubPublisher publisher;
    private final String baseUrl;
    /** The store shared with other instances, which records the feeds' contents pinged; null alone. */
    private volatile Coordination shared;

    private WebSubNotifier(FeedChanges changes, WebSubPublisher publisher, String baseUrl) {
        this.changes = changes;
        this.publisher = publisher;
        this.baseUrl = baseUrl;
    }

    /**
     * The notifier that pings the configured hub after each rebuild that changes a feed, or, with no hub
     * configured, one that does nothing; to close on shutdown. The configuration has been validated, so a hub comes
     * with a {@code site.baseUrl}.
     */
    static WebSubNotifier of(FeedloomConfig config, Publisher publisher) {
        String hub = config.websub().hub();
        if (hub == null) {
            return new WebSubNotifier(null, null, null);
        }
        LOG.info("websub: announcing hub {}; pinging it when a feed changes", hub);
        return new WebSubNotifier(new FeedChanges(publisher),
                new WebSubPublisher(hub, Version.userAgent(), PING_TIMEOUT), config.site().baseUrl());
    }

    /**
     * Has the instances sharing the store ping once per change between them: a changed feed is pinged only by the
     * first instance to record its new content's ETag in {@code coordination}.
     */
    void shareWith(Coordination coordination) {
        this.shared = coordination;
    }

    /** One ping per feed whose content differs between the two catalogs (once among instances sharing a store). */
    @Override
    public void rebuilt(Catalog before, Catalog after) {
        if (publisher == null) {
            return;
        }
        try {
            Map<String, String> tags = changes.changedFeedTags(before, after, baseUrl);
            Coordination ledger = shared;
            List<String> changed = tags.entrySet().stream()
                    .filter(e -> ledger == null || ledger.firstToPing(e.getKey(), e.getValue()))
                    .map(Map.Entry::getKey).toList();
            if (!changed.isEmpty()) {
                LOG.info("websub: {} feed(s) changed in catalog version {}, pinging {}", changed.size(),
                        after.version(), publisher.hub());
            }
            changed.forEach(publisher::publish);
        } catch (RuntimeException e) { // a store that cannot record the pings among them
            LOG.warn("websub: cannot work out the changed feeds of catalog version {}", after.version(), e);
        }
    }

    /** Sends the pings still queued (for at most the ping timeout), then stops. */
    @Override
    public void close() {
        if (publisher != null) {
            publisher.close();
        }
    }
}
