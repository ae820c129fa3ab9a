package org.feedloom.config;

import java.time.Duration;
import java.util.List;
import org.feedloom.model.Checks;
import org.feedloom.model.Source;
import org.feedloom.model.TopicRule;

/**
 * The whole configuration, merged from every file in the config folder. Immutable; a reload builds a new one.
 * Every section has defaults, so {@link #defaults()} is a working configuration (the embedded one).
 *
 * <p>{@code hide} lists URLs of articles never published: an article is hidden when any of its URLs is the same
 * article URL as one of them (compared by canonical key, so any variant of the URL will do).
 */
public record FeedloomConfig(Site site, List<Source> sources, List<TopicRule> topics, List<String> hide, Fetch fetch,
                             Retention retention, Admin admin, Http http, WebSub websub, Store store,
                             Folding folding) {

    public FeedloomConfig {
        site = site == null ? Site.DEFAULT : site;
        sources = sources == null ? List.of() : List.copyOf(sources);
        topics = topics == null ? List.of() : List.copyOf(topics);
        hide = hide == null ? List.of() : List.copyOf(hide);
        fetch = fetch == null ? Fetch.DEFAULT : fetch;
        retention = retention == null ? Retention.DEFAULT : retention;
        admin = admin == null ? Admin.NONE : admin;
        http = http == null ? Http.DEFAULT : http;
        websub = websub == null ? WebSub.NONE : websub;
        store = store == null ? Store.EMBEDDED : store;
        folding = folding == null ? Folding.DEFAULT : folding;
    }

    /** A configuration with the default folding. */
    public FeedloomConfig(Site site, List<Source> sources, List<TopicRule> topics, List<String> hide, Fetch fetch,
                          Retention retention, Admin admin, Http http, WebSub websub, Store store) {
        this(site, sources, topics, hide, fetch, retention, admin, http, websub, store, null);
    }

    /** A configuration with the embedded store. */
    public FeedloomConfig(Site site, List<Source> sources, List<TopicRule> topics, List<String> hide, Fetch fetch,
                          Retention retention, Admin admin, Http http, WebSub websub) {
        this(site, sources, topics, hide, fetch, retention, admin, http, websub, null, null);
    }

    public static FeedloomConfig defaults() {
        return new FeedloomConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * {@code site:} what the published feeds and pages say about themselves.
     *
     * @param title      site title, used in feed titles ({@code <title> — <topic>})
     * @param baseUrl    absolute URL the site is served at (for self links); null: taken from each request
     * @param author     feed-level author name
     * @param maxEntries newest entries per topic feed
     */
    public record Site(String title, String baseUrl, String author, int maxEntries) {
        public static final Site DEFAULT = new Site("Feedloom", null, "Feedloom", 50);

        public Site {
            title = title == null ? "Feedloom" : title;
            author = author == null ? title : author;
            Checks.argument(maxEntries > 0, "maxEntries must be positive");
            if (baseUrl != null && !baseUrl.endsWith("/")) {
                baseUrl = baseUrl + "/";
            }
        }
    }

    /**
     * {@code fetch:} how live sources are fetched.
     *
     * @param concurrency     requests in flight at once, over all hosts
     * @param perHost         requests in flight at once to one host
     * @param connectTimeout  TCP/TLS connect timeout
     * @param timeout         total time for one request, body included
     * @param maxBodyBytes    body cap after decompression
     * @param maxRedirects    redirects followed per request
     * @param allowPrivateNetworks whether every source may reach loopback, private, link-local and other non-public
     *                        addresses; when false (the default) only a source configured on such a host may
     */
    public record Fetch(int concurrency, int perHost, Duration connectTimeout, Duration timeout,
                        long maxBodyBytes, int maxRedirects, boolean allowPrivateNetworks) {
        public static final Fetch DEFAULT =
                new Fetch(8, 2, Duration.ofSeconds(10), Duration.ofSeconds(30), 10L * 1024 * 1024, 5);

        /** Settings that keep public sources off private networks. */
        public Fetch(int concurrency, int perHost, Duration connectTimeout, Duration timeout, long maxBodyBytes,
                     int maxRedirects) {
            this(concurrency, perHost, connectTimeout, timeout, maxBodyBytes, maxRedirects, false);
        }

        public Fetch {
            Checks.argument(concurrency > 0 && perHost > 0, "concurrency must be positive");
            Checks.argument(maxBodyBytes > 0, "maxBodyBytes must be positive");
            Checks.argument(maxRedirects >= 0, "maxRedirects must be >= 0");
        }
    }

    /** {@code retention:} how long live articles are kept; seeds are never expired. */
    public record Retention(int maxAgeDays, int maxItemsPerSource) {
        public static final Retention DEFAULT = new Retention(90, 500);
    }

    /** {@code http:} caching of feeds and pages by clients and proxies. */
    /**
     * {@code http:} {@code maxAge}, the Cache-Control max-age of feeds and pages; {@code cacheSize}, the bytes of
     * rendered documents (identity and gzip) kept in memory, least recently used out first.
     */
    public record Http(Duration maxAge, long cacheBytes) {
        public static final Http DEFAULT = new Http(Duration.ofMinutes(5), 64L * 1024 * 1024);
    }

    /** {@code websub:} the hub announced in every feed and pinged when a feed changes; null: none. */
    /**
     * {@code folding:} when two articles on different hosts are one piece republished (a syndicated copy) and are
     * published as one entry.
     *
     * @param enabled    whether copies are folded at all
     * @param threshold  the least share of the shorter text's five-word runs found in the other, in percent
     * @param windowDays the most days between the two publications
     * @param minWords   the least number of five-word runs each text needs (about its words, less four)
     */
    public record Folding(boolean enabled, int threshold, int windowDays, int minWords) {
        public static final Folding DEFAULT = new Folding(true, 80, 14, 20);

        public Folding {
            Checks.argument(threshold > 0 && threshold <= 100, "folding threshold must be in 1..100");
            Checks.argument(windowDays >= 0 && minWords > 0, "folding windowDays and minWords must be positive");
        }
    }

    public record WebSub(String hub) {
        public static final WebSub NONE = new WebSub(null);
    }

    /**
     * {@code store:} where the store lives. {@code url} null: the embedded SQLite file in the data folder; else a
     * {@code postgresql://user@host:5432/database} URL (its password, if any, is not shown by {@link #toString()}).
     */
    public record Store(String url) {
        public static final Store EMBEDDED = new Store(null);

        @Override
        public String toString() {
            return "Store[url=" + (url == null ? null : url.replaceFirst("(//[^/@:]*):[^/@]*@", "$1:***@")) + "]";
        }
    }

    /** {@code admin:} admin routes exist only when a token is set. */
    public record Admin(String token) {
        public static final Admin NONE = new Admin(null);
    }
}
