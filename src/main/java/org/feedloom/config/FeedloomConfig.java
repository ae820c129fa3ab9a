package org.feedloom.config;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
                             Folding folding, Related related) {

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
        related = related == null ? Related.DEFAULT : related;
    }

    /** A configuration with the default folding and related coverage. */
    public FeedloomConfig(Site site, List<Source> sources, List<TopicRule> topics, List<String> hide, Fetch fetch,
                          Retention retention, Admin admin, Http http, WebSub websub, Store store) {
        this(site, sources, topics, hide, fetch, retention, admin, http, websub, store, null, null);
    }

    /** A configuration with the embedded store. */
    public FeedloomConfig(Site site, List<Source> sources, List<TopicRule> topics, List<String> hide, Fetch fetch,
                          Retention retention, Admin admin, Http http, WebSub websub) {
        this(site, sources, topics, hide, fetch, retention, admin, http, websub, null, null, null);
    }

    public static FeedloomConfig defaults() {
        return new FeedloomConfig(null, null, null, null, null, null, null, null, null, null, null, null);
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
     * @param hosts           per-host overrides, by lower-case host name (as in a URL, without port)
     */
    public record Fetch(int concurrency, int perHost, Duration connectTimeout, Duration timeout,
                        long maxBodyBytes, int maxRedirects, boolean allowPrivateNetworks, Map<String, Host> hosts) {
        public static final Fetch DEFAULT =
                new Fetch(8, 2, Duration.ofSeconds(10), Duration.ofSeconds(30), 10L * 1024 * 1024, 5);

        /** Settings that keep public sources off private networks, without per-host overrides. */
        public Fetch(int concurrency, int perHost, Duration connectTimeout, Duration timeout, long maxBodyBytes,
                     int maxRedirects) {
            this(concurrency, perHost, connectTimeout, timeout, maxBodyBytes, maxRedirects, false, Map.of());
        }

        /** Without per-host overrides. */
        public Fetch(int concurrency, int perHost, Duration connectTimeout, Duration timeout, long maxBodyBytes,
                     int maxRedirects, boolean allowPrivateNetworks) {
            this(concurrency, perHost, connectTimeout, timeout, maxBodyBytes, maxRedirects, allowPrivateNetworks,
                    Map.of());
        }

        /** Settings that keep public sources off private networks, with per-host overrides. */
        public Fetch(int concurrency, int perHost, Duration connectTimeout, Duration timeout, long maxBodyBytes,
                     int maxRedirects, Map<String, Host> hosts) {
            this(concurrency, perHost, connectTimeout, timeout, maxBodyBytes, maxRedirects, false, hosts);
        }

        public Fetch {
            Checks.argument(concurrency > 0 && perHost > 0, "concurrency must be positive");
            Checks.argument(maxBodyBytes > 0, "maxBodyBytes must be positive");
            Checks.argument(maxRedirects >= 0, "maxRedirects must be >= 0");
            Map<String, Host> lower = new TreeMap<>();
            (hosts == null ? Map.<String, Host>of() : hosts).forEach((h, o) -> lower.put(h.toLowerCase(Locale.ROOT), o));
            hosts = Collections.unmodifiableMap(lower);
        }

        /** The override of {@code host} (any case), or {@link Host#NONE}. */
        public Host host(String host) {
            return host == null ? Host.NONE : hosts.getOrDefault(host.toLowerCase(Locale.ROOT), Host.NONE);
        }

        /** The most requests in flight at once to any one host: {@link #perHost}, or an override's if higher. */
        public int maxPerHost() {
            int max = perHost;
            for (Host h : hosts.values()) {
                max = h.perHost() != null ? Math.max(max, h.perHost()) : max;
            }
            return max;
        }

        /** Requests to {@code host} in flight at once: its override's, else {@link #perHost}. */
        public int perHostFor(String host) {
            Integer n = host(host).perHost();
            return n != null ? n : perHost;
        }

        /** The shortest time between the starts of two requests to {@code host}; zero when it has none. */
        public Duration minIntervalFor(String host) {
            Duration d = host(host).minInterval();
            return d != null ? d : Duration.ZERO;
        }

        /** The User-Agent of requests to {@code host}: its override's, else {@code otherwise}. */
        public String userAgentFor(String host, String otherwise) {
            String ua = host(host).userAgent();
            return ua != null ? ua : otherwise;
        }

        /**
         * {@code fetch.hosts.<host>:} what differs for one host that needs it; each null when not set.
         *
         * @param perHost     requests in flight at once to the host
         * @param minInterval the shortest time between the starts of two requests to the host
         * @param userAgent   the User-Agent sent to the host
         */
        public record Host(Integer perHost, Duration minInterval, String userAgent) {
            public static final Host NONE = new Host(null, null, null);

            public Host {
                Checks.argument(perHost == null || perHost > 0, "perHost must be positive");
                Checks.argument(minInterval == null || !minInterval.isNegative(), "minInterval must not be negative");
            }
        }
    }

    /**
     * {@code retention:} how long live articles are kept (seeds are never expired), and how long the first-seen time
     * and published entry id of an article that left the archive are remembered after it left.
     */
    public record Retention(int maxAgeDays, int maxItemsPerSource, int forgetAfterDays) {
        /** Remembering an article's first sight and id this long after it left the archive by default. */
        public static final int FORGET_AFTER_DAYS = 365;
        public static final Retention DEFAULT = new Retention(90, 500, FORGET_AFTER_DAYS);

        public Retention(int maxAgeDays, int maxItemsPerSource) {
            this(maxAgeDays, maxItemsPerSource, FORGET_AFTER_DAYS);
        }
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
     * @param neverFold  pairs of article URLs never folded into one, whatever their texts
     * @param alwaysFold pairs of article URLs folded into one whatever their texts (unless also in {@code neverFold})
     */
    public record Folding(boolean enabled, int threshold, int windowDays, int minWords, List<List<String>> neverFold,
                          List<List<String>> alwaysFold) {
        public static final Folding DEFAULT = new Folding(true, 80, 14, 20, List.of(), List.of());

        public Folding {
            Checks.argument(threshold > 0 && threshold <= 100, "folding threshold must be in 1..100");
            Checks.argument(windowDays >= 0 && minWords > 0, "folding windowDays and minWords must be positive");
            neverFold = neverFold.stream().map(List::copyOf).toList();
            alwaysFold = alwaysFold.stream().map(List::copyOf).toList();
            Checks.argument(neverFold.stream().allMatch(p -> p.size() == 2), "neverFold entries are pairs");
            Checks.argument(alwaysFold.stream().allMatch(p -> p.size() == 2), "alwaysFold entries are pairs");
        }

        /** Folding without pinned pairs. */
        public Folding(boolean enabled, int threshold, int windowDays, int minWords) {
            this(enabled, threshold, windowDays, minWords, List.of(), List.of());
        }
    }

    /**
     * {@code related:} when two articles that stay separate entries report one story and link to each other: on
     * different hosts, within {@code windowHours}, neither a press release, sharing at least {@code minShared} of
     * their names and figures, one of them a name.
     *
     * @param enabled       whether articles are linked at all
     * @param windowHours   the most hours between the two publications
     * @param minShared     the fewest names and figures the two must share
     * @param memoryEntries the most articles that may be linked whose names and figures memory keeps after a sync
     *                      (those of the newest days; an older day's are read from the store when a change needs
     *                      them): about 600 bytes each on full posts
     */
    public record Related(boolean enabled, int windowHours, int minShared, int memoryEntries) {
        public static final Related DEFAULT = new Related(true, 72, 2, 50_000);

        public Related {
            Checks.argument(windowHours >= 0 && minShared > 0, "related windowHours and minShared must be positive");
            Checks.argument(memoryEntries >= 0, "related memoryEntries must not be negative");
        }
    }

    public record WebSub(String hub) {
        public static final WebSub NONE = new WebSub(null);
    }

    /**
     * {@code store:} where the store lives. {@code url} null: the embedded SQLite file in the data folder; else a
     * {@code postgresql://user@host:5432/database} URL (its password, if any, is not shown by {@link #toString()}).
     */
    public record Store(String url, Duration lease) {
        /** How long an instance sharing the database holds a source it fetches before another may take it over. */
        public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
        public static final Store EMBEDDED = new Store(null);

        public Store(String url) {
            this(url, DEFAULT_LEASE);
        }

        public Store {
            lease = lease == null ? DEFAULT_LEASE : lease;
        }

        @Override
        public String toString() {
            return "Store[url=" + (url == null ? null : url.replaceFirst("(//[^/@:]*):[^/@]*@", "$1:***@"))
                    + ", lease=" + lease + "]";
        }
    }

    /** {@code admin:} admin routes exist only when a token is set. */
    public record Admin(String token) {
        public static final Admin NONE = new Admin(null);
    }
}
