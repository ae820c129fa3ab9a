package org.feedloom.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedDiscoveryTest {
    final HttpFetcher fetcher = new HttpFetcher(HttpFetcherTest.FAST, "t");
    final FeedDiscovery discovery = new FeedDiscovery(fetcher);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        rss link, relative       | <link rel="alternate" type="application/rss+xml" href="/blog/feed.xml">            | /blog/feed.xml
        atom link                | <link rel="alternate" type="application/atom+xml" href="/atom">                    | /atom
        json feed link           | <link rel="alternate" type="application/feed+json" href="/feed.json">              | /feed.json
        type with charset        | <link rel="Alternate" type="application/rss+xml; charset=utf-8" href="/r.xml">     | /r.xml
        first feed link wins     | <link rel="alternate" type="text/html" href="/fr"><link rel="alternate" type="application/atom+xml" href="/a1"><link rel="alternate" type="application/rss+xml" href="/r1"> | /a1
        """)
    void homepageLinks_areFound(String name, String links, String expectedPath) throws Exception {
        try (TestServer s = new TestServer().on("/", ex -> TestServer.send(ex, 200, "text/html",
                "<!doctype html><html><head><title>x</title>" + links + "</head><body>hi</body></html>"))) {
            Discovery d = discovery.discover(s.url("/"));
            assertEquals(s.url(expectedPath), d.feedUrl(), String.valueOf(d.error()));
        }
    }

    @Test
    void withoutLinks_theFallbackPathsAreProbed_andOnlyAFeedCounts() throws Exception {
        try (TestServer s = new TestServer()
                .on("/", ex -> {
                    String path = ex.getRequestURI().getPath();
                    switch (path) {
                        case "/" -> TestServer.send(ex, 200, "text/html", "<html><head></head><body>no links</body></html>");
                        case "/feed" -> TestServer.send(ex, 200, "text/html", "<html>a page, not a feed</html>");
                        case "/rss.xml" -> TestServer.send(ex, 200, "application/xml", "\uFEFF<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\"><channel/></rss>");
                        default -> TestServer.send(ex, 404, "text/plain", "nope");
                    }
                })) {
            Discovery d = discovery.discover(s.url("/"));
            assertEquals(s.url("/rss.xml"), d.feedUrl());
            assertEquals(java.util.List.of("/", "/feed", "/rss", "/feed.xml", "/rss.xml"),
                    s.requests.stream().map(e -> e.getRequestURI().getPath()).toList());
        }
    }

    @Test
    void nothingFound_isAClearError() throws Exception {
        try (TestServer s = new TestServer().on("/", ex -> TestServer.send(ex, 404, "text/plain", "nope"))) {
            Discovery d = discovery.discover(s.url("/"));
            assertNull(d.feedUrl());
            assertTrue(d.error().startsWith("discover: " + s.url("/") + ": homepage unavailable (fetch: HTTP 404)"), d.error());
        }
    }

    @Test
    void sniffing_recognisesFeedsOnly() {
        assertTrue(FeedDiscovery.looksLikeFeed("<feed xmlns=\"http://www.w3.org/2005/Atom\">".getBytes(StandardCharsets.UTF_8)));
        assertTrue(FeedDiscovery.looksLikeFeed("<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>".getBytes(StandardCharsets.UTF_8)));
        assertTrue(FeedDiscovery.looksLikeFeed("{\"version\": \"https://jsonfeed.org/version/1.1\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(FeedDiscovery.looksLikeFeed("<!DOCTYPE html><html>".getBytes(StandardCharsets.UTF_8)));
        assertFalse(FeedDiscovery.looksLikeFeed("{\"version\": 2}".getBytes(StandardCharsets.UTF_8)));
    }
}
