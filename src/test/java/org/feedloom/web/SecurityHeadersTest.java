package org.feedloom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.feedloom.model.Catalog;
import org.feedloom.model.Removals;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.HtmlPages;
import org.feedloom.publish.Publisher;
import org.feedloom.publish.SiteInfo;
import org.feedloom.publish.StatusPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14, item 7: every response, whichever path answers it (the feed fast path, a route, Javalin's error
 * mapping, Jetty refusing a request) and whatever its status, carries {@code X-Content-Type-Options: nosniff}, the
 * pages' Content-Security-Policy and {@code Referrer-Policy: no-referrer}. Raw HTTP/1.1 on a real server.
 */
class SecurityHeadersTest {
    @BeforeAll
    static void start() throws Exception {
        HttpSurfaceTest.start();
    }

    @AfterAll
    static void stop() {
        HttpSurfaceTest.stop();
    }

    /** The response's headers, names in lower case; a header sent twice would show as its values joined by a tab. */
    static Map<String, String> headers(String response) {
        Map<String, String> headers = new TreeMap<>();
        for (String line : response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                        (a, b) -> a + "\t" + b);
            }
        }
        return headers;
    }

    static void hasSecurityHeaders(String response, String what) {
        Map<String, String> h = headers(response);
        assertEquals("nosniff", h.get("x-content-type-options"), what);
        assertEquals(HtmlPages.CONTENT_SECURITY_POLICY, h.get("content-security-policy"), what);
        assertEquals("no-referrer", h.get("referrer-policy"), what);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "GET, /, 200", "HEAD, /, 200", "GET, /topics/ai, 200", "GET, /status.html, 200", "GET, /status, 200",
        "GET, /healthz, 200", "GET, /feeds/ai.xml, 200", "HEAD, /feeds/ai.xml, 200", "GET, /feeds/ai.json, 200",
        "GET, /feeds/index.opml, 200", "GET, /feeds/ai.xml?page=1, 200", "GET, /feeds/nope.xml, 404",
        "GET, /topics/nope, 404", "GET, /nope, 404", "POST, /, 405", "GET, /feeds/%00.xml, 400"})
    void everyAnswer_carriesTheHeaders(String method, String path, int status) throws Exception {
        String response = HttpSurfaceTest.raw(method + " " + path + " HTTP/1.1", "Content-Length: 0");
        assertEquals(status, HttpSurfaceTest.status(response), response);
        hasSecurityHeaders(response, method + " " + path);
    }

    @Test
    void notModified_fromTheFastPathAndFromARoute_carriesTheHeaders() throws Exception {
        for (String path : List.of("/feeds/ai.xml", "/topics/ai", "/")) {
            String etag = headers(HttpSurfaceTest.raw("GET " + path + " HTTP/1.1")).get("etag");
            String response = HttpSurfaceTest.raw("GET " + path + " HTTP/1.1", "If-None-Match: " + etag);
            assertEquals(304, HttpSurfaceTest.status(response), response);
            hasSecurityHeaders(response, "304 of " + path);
        }
    }

    @Test
    void headersTooLarge_refusedByJetty_carriesTheHeaders() throws Exception {
        String response = HttpSurfaceTest.raw("GET / HTTP/1.1", "X-Big: " + "a".repeat(WebApp.MAX_HEADER_BYTES));
        assertEquals(431, HttpSurfaceTest.status(response), response);
        hasSecurityHeaders(response, "431");
    }

    @Test
    void internalError_carriesTheHeaders() throws Exception {
        SiteInfo site = new SiteInfo("Feedloom", "Feedloom", "test", 50);
        WebApp failing = new WebApp(Catalog::empty, new Publisher(site, new FeedCache(1 << 20)), WebSettings.defaults(),
                () -> {
                    throw new IllegalStateException("status failed");
                }, () -> Removals.NONE, new StatusPage(site), AdminActions.NONE, Clock.systemUTC());
        int port = failing.start("127.0.0.1", 0);
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/status")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(500, r.statusCode());
            assertEquals(List.of("nosniff"), r.headers().allValues("X-Content-Type-Options"));
            assertEquals(List.of(HtmlPages.CONTENT_SECURITY_POLICY), r.headers().allValues("Content-Security-Policy"));
            assertEquals(List.of("no-referrer"), r.headers().allValues("Referrer-Policy"));
        } finally {
            failing.stop();
        }
    }

    @Test
    void policy_allowsNoScript_andOnlyThePagesImagesAndStyle() {
        String csp = HtmlPages.CONTENT_SECURITY_POLICY;
        assertTrue(csp.startsWith("default-src 'none'; img-src http: https:; style-src 'sha256-"), csp);
        assertTrue(csp.endsWith("'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"), csp);
        assertTrue(!csp.contains("script") && !csp.contains("unsafe"), csp);
    }
}
