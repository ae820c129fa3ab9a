package org.feedloom.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Removals;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;
import org.feedloom.publish.SiteInfo;
import org.feedloom.publish.StatusPage;
import org.feedloom.seed.SeedLoader;
import org.feedloom.topic.TopicIndex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP surface over real HTTP on a free loopback port, serving the five real seeds. */
class WebAppTest {
    static WebApp web;
    static FeedCache cache;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** What the rebuilds' failures are, as the app reads them per request. */
    static volatile org.feedloom.model.RebuildFailure failing;

    @BeforeAll
    static void start() throws Exception {
        var seeds = SeedLoader.load(Path.of(WebAppTest.class.getResource("/seeds").toURI()));
        List<Article> articles = ArticleMerger.merge(seeds.items(), k -> Instant.EPOCH);
        Catalog catalog = new TopicIndex(List.of()).catalog(1, articles);
        cache = new FeedCache(100L * 1024 * 1024);
        SiteInfo site = new SiteInfo("Feedloom", "Feedloom", "test", 50);
        web = new WebApp(() -> catalog, new Publisher(site, cache), WebSettings.defaults(), List::of, () -> Removals.NONE, new StatusPage(site),
                AdminActions.NONE, java.time.Clock.systemUTC());
        web.rebuildFailuresFrom(() -> failing);
        int port = web.start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + port + "/";
    }

    @AfterAll
    static void stop() {
        web.stop();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return send("GET", path, headers);
    }

    static HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void feed_isAtomWithValidators_andParsesWithFiveAiEntries() throws Exception {
        HttpResponse<byte[]> r = get("feeds/ai.xml");
        assertEquals(200, r.statusCode());
        assertEquals("application/atom+xml; charset=utf-8", header(r, "Content-Type"));
        assertTrue(header(r, "ETag").matches("\"[0-9a-f]{32}\""), header(r, "ETag"));
        assertEquals("Thu, 07 Jul 2022 22:10:00 GMT", header(r, "Last-Modified"));
        assertEquals(String.valueOf(r.body().length), header(r, "Content-Length"));
        assertEquals("public, max-age=300", header(r, "Cache-Control"));
        Feed feed = (Feed) new WireFeedInput().build(new InputStreamReader(new ByteArrayInputStream(r.body()), StandardCharsets.UTF_8));
        assertEquals(5, feed.getEntries().size());
        assertEquals(base + "feeds/ai.xml", feed.getOtherLinks().get(0).getHref(), "self link from the request");
    }

    @Test
    void rssAndJsonFeed_carryTheSameEntries_withTheirContentTypes() throws Exception {
        HttpResponse<byte[]> rss = get("feeds/ai.rss");
        assertEquals(200, rss.statusCode());
        assertEquals("application/rss+xml; charset=utf-8", header(rss, "Content-Type"));
        com.rometools.rome.feed.rss.Channel channel = (com.rometools.rome.feed.rss.Channel) new WireFeedInput()
                .build(new InputStreamReader(new ByteArrayInputStream(rss.body()), StandardCharsets.UTF_8));
        assertEquals("rss_2.0", channel.getFeedType());
        Feed atom = (Feed) new WireFeedInput().build(new InputStreamReader(new ByteArrayInputStream(get("feeds/ai.xml").body()), StandardCharsets.UTF_8));
        assertEquals(atom.getEntries().stream().map(e -> e.getId()).toList(),
                channel.getItems().stream().map(i -> i.getGuid().getValue()).toList());
        HttpResponse<byte[]> json = get("feeds/ai.json");
        assertEquals("application/feed+json; charset=utf-8", header(json, "Content-Type"));
        String body = new String(json.body(), StandardCharsets.UTF_8);
        assertTrue(body.startsWith("{\"version\":\"https://jsonfeed.org/version/1.1\""), body);
        for (var entry : atom.getEntries()) {
            assertTrue(body.contains("\"id\":\"" + entry.getId() + "\""), entry.getId());
        }
        for (String path : List.of("feeds/ai.rss", "feeds/ai.json", "feeds/index.opml", "")) {
            String etag = header(get(path), "ETag");
            assertEquals(304, get(path, "If-None-Match", etag).statusCode(), path);
        }
    }

    @Test
    void conditionalGet_withETagOrDate_gives304WithoutBody() throws Exception {
        HttpResponse<byte[]> first = get("feeds/all.xml");
        String etag = header(first, "ETag");
        HttpResponse<byte[]> byTag = get("feeds/all.xml", "If-None-Match", etag);
        assertEquals(304, byTag.statusCode());
        assertEquals(0, byTag.body().length);
        assertEquals(etag, header(byTag, "ETag"));
        HttpResponse<byte[]> byDate = get("feeds/all.xml", "If-Modified-Since", header(first, "Last-Modified"));
        assertEquals(304, byDate.statusCode());
        HttpResponse<byte[]> stale = get("feeds/all.xml", "If-None-Match", "\"something-else\"");
        assertEquals(200, stale.statusCode());
        HttpResponse<byte[]> older = get("feeds/all.xml", "If-Modified-Since", "Mon, 01 Jan 2018 00:00:00 GMT");
        assertEquals(200, older.statusCode());
    }

    @Test
    void gzip_whenAccepted_isTheSameDocumentCompressed_andItsETagAlsoRevalidates() throws Exception {
        HttpResponse<byte[]> plain = get("feeds/ai.xml");
        HttpResponse<byte[]> gz = get("feeds/ai.xml", "Accept-Encoding", "gzip, deflate");
        assertEquals("gzip", header(gz, "Content-Encoding"));
        assertEquals("Accept-Encoding", header(gz, "Vary"));
        assertTrue(gz.body().length < plain.body().length);
        assertArrayEquals(plain.body(), new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes());
        assertEquals(304, get("feeds/ai.xml", "Accept-Encoding", "gzip", "If-None-Match", header(gz, "ETag")).statusCode());
        assertEquals(null, header(get("feeds/ai.xml", "Accept-Encoding", "gzip;q=0"), "Content-Encoding"));
    }

    @Test
    void pages_inRangeServe_outOfRangeAre404() throws Exception {
        HttpResponse<byte[]> page1 = get("feeds/all.xml?page=1");
        assertEquals(200, page1.statusCode());
        assertTrue(new String(page1.body(), StandardCharsets.UTF_8).contains("href=\"" + base + "feeds/all.xml?page=1\""));
        for (String bad : List.of("0", "2", "-1", "abc", "1e3")) {
            assertEquals(404, get("feeds/all.xml?page=" + bad).statusCode(), bad);
        }
    }

    /** The fast path (a feed without a query) and the Javalin route (?page=1) answer with the same headers. */
    @Test
    void feedFastPath_sendsTheSameHeadersAsTheJavalinRoute() throws Exception {
        for (String[] h : List.of(new String[] {}, new String[] {"Accept-Encoding", "gzip"})) {
            HttpResponse<byte[]> fast = get("feeds/ai.xml", h);
            HttpResponse<byte[]> routed = get("feeds/ai.xml?page=1", h);
            assertEquals(headersBut(routed), headersBut(fast));
            assertEquals(String.valueOf(fast.body().length), header(fast, "Content-Length"));
            assertEquals(headersBut(routed), headersBut(send("HEAD", "feeds/ai.xml", h)));
            String[] cond = java.util.stream.Stream.concat(java.util.Arrays.stream(h),
                    java.util.stream.Stream.of("If-None-Match", header(fast, "ETag"))).toArray(String[]::new);
            String[] routedCond = cond.clone();
            routedCond[routedCond.length - 1] = header(routed, "ETag");
            HttpResponse<byte[]> fast304 = get("feeds/ai.xml", cond);
            assertEquals(304, fast304.statusCode());
            assertEquals(headersBut(get("feeds/ai.xml?page=1", routedCond)), headersBut(fast304));
        }
    }

    /** Header names and values, without those that differ between two documents or two moments. */
    private static java.util.Map<String, List<String>> headersBut(HttpResponse<?> r) {
        java.util.Map<String, List<String>> map = new java.util.TreeMap<>(r.headers().map());
        map.keySet().removeAll(List.of("date", "etag", "content-length"));
        return map;
    }

    @Test
    void head_givesHeadersAlone() throws Exception {
        HttpResponse<byte[]> get = get("feeds/ai.xml");
        HttpResponse<byte[]> head = send("HEAD", "feeds/ai.xml");
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(header(get, "ETag"), header(head, "ETag"));
        assertEquals(header(get, "Content-Length"), header(head, "Content-Length"));
    }

    @Test
    void unknownTopic_is404NamingTheFeedsThatExist() throws Exception {
        HttpResponse<byte[]> r = get("feeds/no-such-topic.xml");
        assertEquals(404, r.statusCode());
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("/feeds/ai.xml") && body.contains("/feeds/computer-vision.xml"), body);
        assertEquals(404, get("feeds/AI.xml").statusCode());
        assertEquals(404, get("feeds/ai.rss2").statusCode());
    }

    @Test
    void indexPage_linksEveryTopicFeedForAutodiscovery() throws Exception {
        HttpResponse<byte[]> r = get("");
        assertEquals("text/html;charset=utf-8", header(r, "Content-Type").replace(" ", ""));
        String html = new String(r.body(), StandardCharsets.UTF_8);
        for (String slug : List.of("all", "ai", "ai-ethics", "ai-in-sales", "computer-vision", "microsoft-ai",
                "natural-language-processing")) {
            assertTrue(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
                    && html.contains("href=\"" + base + "feeds/" + slug + ".xml\">"), slug);
        }
        assertTrue(html.contains("<td><a href=\"" + base + "topics/computer-vision\">Computer Vision</a></td><td>4</td>"), html);
    }

    @Test
    void topicPage_isARiverOfNews_withRelatedLinksAndFeedLinks() throws Exception {
        HttpResponse<byte[]> r = get("topics/ai");
        assertEquals(200, r.statusCode());
        String html = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(5, html.split("<article class=\"entry\">", -1).length - 1);
        assertTrue(html.contains("<h1>AI</h1>"), html);
        assertTrue(html.contains("<a href=\"https://thenextweb.com/news/why-facial-expression-recognition-ai-is-total-scam\" "
                + "rel=\"noopener noreferrer\">Why ‘facial expression recognition’ AI is a total scam</a>"), html);
        assertTrue(html.contains("Microsoft Is Scrapping Some Bad A.I. Facial Recognition Tools</a></li>"), "related links");
        assertTrue(html.contains("Can AI bias be fixed?"), "excerpt");
        assertTrue(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Feedloom — AI\" href=\""
                + base + "feeds/ai.xml\">"), "autodiscovery");
        assertTrue(html.contains("can&#39;t determine ground truths"), "values are escaped by the template engine");
        assertEquals(404, get("topics/nope").statusCode());
        assertEquals(404, get("topics/ai?page=2").statusCode());
    }

    @Test
    void opml_listsEveryTopicFeed() throws Exception {
        HttpResponse<byte[]> r = get("feeds/index.opml");
        assertEquals(200, r.statusCode());
        var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body()));
        assertEquals("2.0", doc.getDocumentElement().getAttribute("version"));
        var outlines = doc.getElementsByTagName("outline");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < outlines.getLength(); i++) {
            var o = (org.w3c.dom.Element) outlines.item(i);
            urls.add(o.getAttribute("xmlUrl"));
            assertFalse(o.getAttribute("title").isEmpty());
            assertEquals(base, o.getAttribute("htmlUrl"));
        }
        assertEquals(7, urls.size());
        assertTrue(urls.contains(base + "feeds/natural-language-processing.xml"));
    }

    @Test
    void healthz_isJson() throws Exception {
        HttpResponse<byte[]> r = get("healthz");
        assertEquals(200, r.statusCode());
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).startsWith("{\"status\":\"ok\",\"merging\":false,\"articles\":18,"));
    }

    @Test
    void healthz_answers503_onceTheRebuildsStopped() throws Exception {
        try {
            failing = org.feedloom.model.RebuildFailure.first(Instant.EPOCH, "no such table: item");
            HttpResponse<byte[]> r = get("healthz");
            assertEquals(200, r.statusCode(), "rebuilds failing are tried again");
            assertTrue(new String(r.body(), StandardCharsets.UTF_8).startsWith("{\"status\":\"ok\","));
            failing = failing.andAgain("Java heap space").andStopped();
            r = get("healthz");
            assertEquals(503, r.statusCode(), "for a supervisor to restart it");
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertTrue(body.startsWith("{\"status\":\"stopped\",") && body.contains("\"stopped\":true"), body);
            assertEquals("no-store", header(r, "Cache-Control"));
        } finally {
            failing = null;
        }
    }

    @Test
    void feeds_areRenderedOncePerCatalogVersion_notPerRequest() throws Exception {
        get("feeds/microsoft-ai.xml");
        long rendered = cache.renderCount();
        for (int i = 0; i < 20; i++) {
            get("feeds/microsoft-ai.xml", "Accept-Encoding", i % 2 == 0 ? "gzip" : "identity");
        }
        assertEquals(rendered, cache.renderCount());
    }
}
