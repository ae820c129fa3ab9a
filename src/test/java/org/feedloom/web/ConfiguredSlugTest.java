package org.feedloom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.TopicRule;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;
import org.feedloom.publish.SiteInfo;
import org.feedloom.publish.StatusPage;
import org.feedloom.seed.SeedLoader;
import org.feedloom.topic.TopicIndex;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, over real HTTP on a free loopback port: a topic configured as {@code name: Computer Vision} with
 * {@code slug: vision} is published at {@code vision} in every format, the OPML and the pages, shown by its name;
 * the URLs its name gave it before answer 301 to the slug's URLs. The four seed articles under "Computer Vision",
 * two entries per page.
 */
class ConfiguredSlugTest {
    static WebApp web;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient(); // follows no redirect

    @BeforeAll
    static void start() throws Exception {
        var seeds = SeedLoader.load(Path.of(ConfiguredSlugTest.class.getResource("/seeds").toURI()));
        List<Article> merged = ArticleMerger.merge(seeds.items(), k -> Instant.EPOCH);
        TopicIndex index = new TopicIndex(List.of(new TopicRule("Computer Vision", "vision", List.of(), List.of(), List.of())));
        Catalog catalog = index.catalog(1, merged.stream().map(index::assign).toList());
        SiteInfo site = new SiteInfo("Feedloom", "Feedloom", "test", 2);
        web = new WebApp(() -> catalog, new Publisher(site, new FeedCache(100L * 1024 * 1024)), WebSettings.defaults(), List::of,
                () -> org.feedloom.model.Removals.NONE, new StatusPage(site), AdminActions.NONE, java.time.Clock.systemUTC());
        base = "http://127.0.0.1:" + web.start("127.0.0.1", 0) + "/";
    }

    @AfterAll
    static void stop() {
        web.stop();
    }

    static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static String get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path);
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }

    static Document xml(String body) {
        return Jsoup.parse(body, "", Parser.xmlParser());
    }

    @Test
    void atom_isAtTheSlug_withSelfLinkAndCategoryTerms_andShowsTheName() throws Exception {
        Document atom = xml(get("feeds/vision.xml"));
        assertEquals("Feedloom — Computer Vision", atom.selectFirst("feed > title").text());
        assertEquals(base + "feeds/vision.xml", atom.selectFirst("feed > link[rel=self]").attr("href"));
        assertEquals(base + "feeds/vision.xml?page=2", atom.selectFirst("feed > link[rel=next]").attr("href"));
        assertEquals(2, atom.select("entry").size());
        for (Element entry : atom.select("entry")) {
            Element category = entry.selectFirst("category[label=Computer Vision]");
            assertEquals("vision", category.attr("term"), entry.selectFirst("id").text());
        }
        assertEquals(base + "feeds/vision.xml?page=2",
                xml(get("feeds/vision.xml?page=2")).selectFirst("feed > link[rel=self]").attr("href"));
        assertFalse(get("feeds/all.xml").contains("term=\"computer-vision\""), "no entry names the derived slug");
    }

    @Test
    void rssAndJsonFeed_areAtTheSlug_andShowTheName() throws Exception {
        Document rss = xml(get("feeds/vision.rss"));
        assertEquals("Feedloom — Computer Vision", rss.selectFirst("channel > title").text());
        assertEquals(base + "feeds/vision.rss", rss.selectFirst("channel > atom|link[rel=self]").attr("href"));
        String json = get("feeds/vision.json");
        assertTrue(json.contains("\"title\":\"Feedloom — Computer Vision\""), json);
        assertTrue(json.contains("\"feed_url\":\"" + base + "feeds/vision.json\""), json);
        assertTrue(json.contains("\"topics\":[\"vision\"") || json.contains(",\"vision\""), json);
        assertFalse(json.contains("\"computer-vision\""), json);
    }

    @Test
    void pagesAndOpml_linkTheSlug_andShowTheName() throws Exception {
        Document page = Jsoup.parse(get("topics/vision"), base);
        assertEquals("Computer Vision", page.selectFirst("h1").text());
        assertTrue(page.select("link[rel=alternate][href=" + base + "feeds/vision.xml]").size() == 1, page.html());
        Document index = Jsoup.parse(get(""), base);
        Element row = index.selectFirst("a[href=" + base + "topics/vision]");
        assertEquals("Computer Vision", row.text());
        Document opml = xml(get("feeds/index.opml"));
        Element outline = opml.selectFirst("outline[text=Computer Vision]");
        assertEquals(base + "feeds/vision.xml", outline.attr("xmlUrl"));
        assertTrue(opml.select("outline[xmlUrl*=computer-vision]").isEmpty(), opml.html());
        assertFalse(get("").contains("computer-vision"));
    }

    @Test
    void urlsDerivedFromTheName_answer301ToTheSlug_keepingThePage() throws Exception {
        for (String method : List.of("GET", "HEAD")) {
            for (String[] moved : new String[][] {
                    {"feeds/computer-vision.xml", "feeds/vision.xml"},
                    {"feeds/computer-vision.xml?page=2", "feeds/vision.xml?page=2"},
                    {"feeds/computer-vision.rss", "feeds/vision.rss"},
                    {"feeds/computer-vision.json", "feeds/vision.json"},
                    {"topics/computer-vision", "topics/vision"},
                    {"topics/computer-vision?page=2", "topics/vision?page=2"}}) {
                HttpResponse<String> r = send(method, moved[0]);
                assertEquals(301, r.statusCode(), method + " " + moved[0]);
                assertEquals(base + moved[1], r.headers().firstValue("Location").orElse(null), method + " " + moved[0]);
                assertEquals(200, send(method, moved[1]).statusCode(), moved[1]);
            }
        }
        assertEquals(404, send("GET", "feeds/computer-vision-x.xml").statusCode());
        assertEquals(404, send("GET", "topics/no-such-topic").statusCode());
    }
}
