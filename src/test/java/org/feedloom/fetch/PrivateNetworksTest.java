package org.feedloom.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.fetch.FetchResult.Outcome;
import org.feedloom.fetch.VettingResolver.TestHosts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 6: a fetch cannot be turned against Feedloom's own network. {@code public.example} stands for a
 * public host (its server is on 127.0.0.1, but the fetcher takes its address as public); {@code rebind.example} is a
 * name that resolves to 127.0.0.1 when connected to, as a rebound DNS name would.
 */
class PrivateNetworksTest {
    static final String RSS = HttpFetcherTest.RSS;
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final TestHosts HOSTS = new TestHosts(Map.of("public.example", LOOPBACK),
            Map.of("rebind.example", LOOPBACK));
    static final String ALLOW = "; set fetch.allowPrivateNetworks: true to allow";

    final HttpFetcher fetcher = new HttpFetcher(HttpFetcherTest.FAST, "t", HttpFetcherTest.FIXED, HOSTS);

    @AfterEach
    void close() {
        fetcher.close();
    }

    static String publicUrl(TestServer s, String path) {
        return "http://public.example:" + s.server.getAddress().getPort() + path;
    }

    static TestServer redirecting(String path, String location) throws Exception {
        return new TestServer()
                .on(path, ex -> TestServer.send(ex, 302, null, (byte[]) null, "Location", location))
                .on("/feed", ex -> TestServer.send(ex, 200, "application/rss+xml", RSS));
    }

    List<String> paths(TestServer s) {
        return s.requests.stream().map(e -> e.getRequestURI().getPath()).toList();
    }

    @Test
    void aPublicSourceRedirectingToLoopback_isRefused_beforeConnecting() throws Exception {
        try (TestServer s = new TestServer().on("/feed", ex -> TestServer.send(ex, 200, "application/rss+xml", RSS))) {
            String target = s.url("/feed");
            s.on("/moved", ex -> TestServer.send(ex, 302, null, (byte[]) null, "Location", target));
            FetchResult r = fetcher.fetch(FetchRequest.of(publicUrl(s, "/moved")));
            assertEquals(Outcome.ERROR, r.outcome());
            assertEquals("fetch: refused to connect to 127.0.0.1 (loopback address) for " + target + ALLOW, r.error());
            assertEquals(List.of("/moved"), paths(s), "the loopback URL is never requested");
        }
    }

    @Test
    void aPublicSourceRedirectingToTheMetadataService_isRefused() throws Exception {
        String metadata = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";
        try (TestServer s = redirecting("/moved", metadata)) {
            FetchResult r = fetcher.fetch(FetchRequest.of(publicUrl(s, "/moved")));
            assertEquals("fetch: refused to connect to 169.254.169.254 (link-local address) for " + metadata + ALLOW,
                    r.error());
        }
    }

    @Test
    void aPublicSourceRedirectingToIpv6Loopback_isRefused() throws Exception {
        try (TestServer s = new TestServer()) {
            String target = "http://[::1]:" + s.server.getAddress().getPort() + "/feed";
            s.on("/moved", ex -> TestServer.send(ex, 301, null, (byte[]) null, "Location", target));
            FetchResult r = fetcher.fetch(FetchRequest.of(publicUrl(s, "/moved")));
            assertEquals("fetch: refused to connect to [::1] (loopback address) for " + target + ALLOW, r.error());
            assertNull(r.permanentUrl(), "a refused redirect moves nothing");
        }
    }

    @Test
    void aPublicSourceRedirectingToAPrivateAddressInIpv4MappedForm_isRefused() throws Exception {
        try (TestServer s = redirecting("/moved", "http://[::ffff:10.0.0.1]/feed")) {
            String error = fetcher.fetch(FetchRequest.of(publicUrl(s, "/moved"))).error();
            assertEquals("fetch: refused to connect to [::ffff:10.0.0.1] (private address) for "
                    + "http://[::ffff:10.0.0.1]/feed" + ALLOW, error);
        }
    }

    @Test
    void aConfiguredNameThatResolvesToLoopback_isRefused_dnsRebinding() throws Exception {
        try (TestServer s = new TestServer().on("/feed", ex -> TestServer.send(ex, 200, "application/rss+xml", RSS))) {
            String url = "http://rebind.example:" + s.server.getAddress().getPort() + "/feed";
            FetchResult r = fetcher.fetch(FetchRequest.of(url));
            assertEquals("fetch: refused to connect to rebind.example at 127.0.0.1 (loopback address) for " + url + ALLOW,
                    r.error());
            assertEquals(List.of(), paths(s));
        }
    }

    @Test
    void aPublicSourceRedirectingToANameThatResolvesToLoopback_isRefused() throws Exception {
        try (TestServer s = new TestServer().on("/feed", ex -> TestServer.send(ex, 200, "application/rss+xml", RSS))) {
            String target = "http://rebind.example:" + s.server.getAddress().getPort() + "/feed";
            s.on("/moved", ex -> TestServer.send(ex, 307, null, (byte[]) null, "Location", target));
            String error = fetcher.fetch(FetchRequest.of(publicUrl(s, "/moved"))).error();
            assertEquals("fetch: refused to connect to rebind.example at 127.0.0.1 (loopback address) for " + target
                    + ALLOW, error);
        }
    }

    @Test
    void theSameLoopbackUrls_configuredDirectly_areFetched() throws Exception {
        try (TestServer s = new TestServer().on("/feed", ex -> TestServer.send(ex, 200, "application/rss+xml", RSS))) {
            String target = s.url("/feed");
            s.on("/moved", ex -> TestServer.send(ex, 302, null, (byte[]) null, "Location", target));
            assertEquals(Outcome.OK, fetcher.fetch(FetchRequest.of(target)).outcome());
            String localhost = "http://localhost:" + s.server.getAddress().getPort() + "/feed";
            assertEquals(Outcome.OK, fetcher.fetch(FetchRequest.of(localhost)).outcome());
            FetchResult viaLoopback = fetcher.fetch(FetchRequest.of(s.url("/moved")));
            assertEquals(Outcome.OK, viaLoopback.outcome(), "a loopback source may redirect on loopback");
            assertEquals(target, viaLoopback.finalUrl());
        }
    }

    @Test
    void aConnectionOpenedForALoopbackSource_isNotReusedByAPublicSourcesRedirect() throws Exception {
        try (TestServer s = new TestServer().on("/feed", ex -> TestServer.send(ex, 200, "application/rss+xml", RSS))) {
            String target = s.url("/feed");
            s.on("/moved", ex -> TestServer.send(ex, 302, null, (byte[]) null, "Location", target));
            assertEquals(Outcome.OK, fetcher.fetch(FetchRequest.of(target)).outcome()); // leaves a pooled connection
            FetchResult r = fetcher.fetch(FetchRequest.of(publicUrl(s, "/moved")));
            assertEquals("fetch: refused to connect to 127.0.0.1 (loopback address) for " + target + ALLOW, r.error());
        }
    }

    @Test
    void aPublicSource_redirectsToPublicHosts_andLoopbackSourcesToAnyHost_areFollowed() throws Exception {
        try (TestServer s = new TestServer().on("/feed", ex -> TestServer.send(ex, 200, "application/rss+xml", RSS))) {
            String publicFeed = publicUrl(s, "/feed");
            s.on("/moved", ex -> TestServer.send(ex, 302, null, (byte[]) null, "Location", publicFeed));
            FetchResult followed = fetcher.fetch(FetchRequest.of(publicUrl(s, "/moved")));
            assertEquals(Outcome.OK, followed.outcome(), followed.error());
            assertEquals(publicFeed, followed.finalUrl());
            assertEquals(Outcome.OK, fetcher.fetch(FetchRequest.of(s.url("/moved"))).outcome(), "loopback to public");
        }
    }

    @Test
    void allowPrivateNetworks_followsTheRedirect_andFetchesARebindingName() throws Exception {
        FeedloomConfig.Fetch f = HttpFetcherTest.FAST;
        FeedloomConfig.Fetch open = new FeedloomConfig.Fetch(f.concurrency(), f.perHost(), f.connectTimeout(),
                f.timeout(), f.maxBodyBytes(), f.maxRedirects(), true);
        try (HttpFetcher allowing = new HttpFetcher(open, "t", HttpFetcherTest.FIXED, HOSTS);
             TestServer s = new TestServer().on("/feed", ex -> TestServer.send(ex, 200, "application/rss+xml", RSS))) {
            String target = s.url("/feed");
            s.on("/moved", ex -> TestServer.send(ex, 302, null, (byte[]) null, "Location", target));
            FetchResult r = allowing.fetch(FetchRequest.of(publicUrl(s, "/moved")));
            assertEquals(Outcome.OK, r.outcome(), r.error());
            assertEquals(target, r.finalUrl());
            String rebound = "http://rebind.example:" + s.server.getAddress().getPort() + "/feed";
            assertEquals(Outcome.OK, allowing.fetch(FetchRequest.of(rebound)).outcome());
        }
    }

    @Test
    void aDiscoveredFeedLinkToLoopback_isRefusedForAPublicSite_butFetchedForALoopbackSite() throws Exception {
        try (TestServer s = new TestServer().on("/feed", ex -> TestServer.send(ex, 200, "application/rss+xml", RSS))) {
            String loopbackFeed = s.url("/feed");
            s.on("/", ex -> TestServer.send(ex, 200, "text/html", "<html><head><link rel=\"alternate\" "
                    + "type=\"application/rss+xml\" href=\"" + loopbackFeed + "\"></head></html>"));
            String site = publicUrl(s, "/");
            Discovery found = new FeedDiscovery(fetcher).discover(site);
            assertEquals(loopbackFeed, found.feedUrl());
            FetchResult r = fetcher.fetch(new FetchRequest(found.feedUrl(), null, null, site));
            assertEquals("fetch: refused to connect to 127.0.0.1 (loopback address) for " + loopbackFeed + ALLOW,
                    r.error());
            assertEquals(Outcome.OK, fetcher.fetch(new FetchRequest(loopbackFeed, null, null, s.url("/"))).outcome());
        }
    }

    @Test
    void discoveryOfAPublicSite_doesNotFollowItsHomepageOntoLoopback() throws Exception {
        try (TestServer feeds = new TestServer().on("/feed", ex -> TestServer.send(ex, 200, "application/rss+xml", RSS));
             TestServer site = new TestServer()) {
            String loopbackFeed = feeds.url("/feed");
            site.on("/", ex -> {
                if (ex.getRequestURI().getPath().equals("/")) {
                    TestServer.send(ex, 302, null, (byte[]) null, "Location", loopbackFeed);
                } else {
                    TestServer.send(ex, 404, "text/plain", "nope");
                }
            });
            Discovery d = new FeedDiscovery(fetcher).discover(publicUrl(site, "/"));
            assertNull(d.feedUrl());
            assertEquals("discover: " + publicUrl(site, "/") + ": homepage unavailable (fetch: refused to connect to "
                    + "127.0.0.1 (loopback address) for " + loopbackFeed + ALLOW + ") and no feed at "
                    + String.join(", ", FeedDiscovery.FALLBACKS), d.error());
            assertEquals(List.of(), paths(feeds));
            assertEquals(loopbackFeed, new FeedDiscovery(fetcher).discover(site.url("/")).feedUrl());
        }
    }

    @Test
    void aLoopbackFeedUrlOfAPublicSource_isRefusedWithoutAnyTestHosts() {
        try (HttpFetcher plain = new HttpFetcher(HttpFetcherTest.FAST, "t", HttpFetcherTest.FIXED)) {
            // port 9 on loopback: refused before connecting, so nothing needs to listen there
            FetchResult r = plain.fetch(new FetchRequest("http://127.0.0.1:9/feed", null, null, "https://example.org/"));
            assertEquals("fetch: refused to connect to 127.0.0.1 (loopback address) for http://127.0.0.1:9/feed" + ALLOW,
                    r.error());
        }
    }
}
