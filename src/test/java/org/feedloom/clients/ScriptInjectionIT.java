package org.feedloom.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Removals;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.HtmlPages;
import org.feedloom.publish.SiteInfo;
import org.feedloom.publish.StatusPage;
import org.feedloom.publish.UnescapedPages;
import org.feedloom.seed.SeedLoader;
import org.feedloom.topic.TopicIndex;
import org.feedloom.web.AdminActions;
import org.feedloom.web.WebApp;
import org.feedloom.web.WebSettings;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 7, in a real browser: a script that got into an article does not run. The test build's pages let
 * every value through unescaped ({@link UnescapedPages}), so each article's title carries a {@code <script>} that
 * marks the document when it runs; headless Chromium loads the topic page from Feedloom's server and the DOM it
 * dumps is unmarked, its console saying the policy refused the script (and nothing about the stylesheet, which
 * the policy allows by its hash). The control: the same bytes, served on another loopback port with the same
 * headers but the Content-Security-Policy, do get marked, so the test fails if the headers stop protecting.
 */
class ScriptInjectionIT {
    static final String SCRIPT = "<script>document.documentElement.setAttribute('data-script-ran', 'yes')</script>";
    @TempDir
    static Path dir;
    static WebApp web;
    static String base;
    static HttpServer withoutPolicy;

    @BeforeAll
    static void start() throws Exception {
        var seeds = SeedLoader.load(Path.of(ScriptInjectionIT.class.getResource("/seeds").toURI()));
        List<Article> articles = new ArrayList<>();
        for (Article a : ArticleMerger.merge(seeds.items(), k -> Instant.EPOCH)) {
            articles.add(new Article(a.key(), a.url(), a.aliasKeys(), a.aliases(), a.title() + SCRIPT, a.excerptBody(),
                    a.body(), a.published(), a.updated(), a.provider(), a.topics(), a.categories(), a.images(),
                    a.related(), a.author(), a.feeds(), a.provenance(), a.origin(), a.facts()));
        }
        Catalog catalog = new TopicIndex(List.of()).catalog(1, articles);
        SiteInfo site = new SiteInfo("Feedloom", "Feedloom", "test", 10);
        web = new WebApp(() -> catalog, UnescapedPages.publisher(site, new FeedCache(1 << 24)), WebSettings.defaults(),
                List::of, () -> Removals.NONE, new StatusPage(site), AdminActions.NONE, Clock.systemUTC());
        base = "http://127.0.0.1:" + web.start("127.0.0.1", 0) + "/";
    }

    @AfterAll
    static void stop() {
        if (withoutPolicy != null) {
            withoutPolicy.stop(0);
        }
        web.stop();
    }

    /** Chromium's run on {@code url} with {@code --dump-dom}: the DOM it built, and its console lines. */
    record Loaded(Document dom, List<String> console) {}

    static Loaded load(String url) throws Exception {
        Path chromium = Clients.executable("chromium", "chromium");
        List<String> command = new ArrayList<>(List.of(chromium.toString()));
        command.addAll(ChromiumIT.FLAGS);
        command.addAll(List.of("--user-data-dir=" + Files.createTempDirectory(dir, "profile-"), "--dump-dom", url));
        Clients.Run run = Clients.run(dir, Duration.ofMinutes(2), Map.of(), command.toArray(String[]::new));
        assertEquals(0, run.exit(), run.describe());
        assertTrue(run.stdout().contains("</html>"), run.describe());
        return new Loaded(Jsoup.parse(run.stdout(), url), run.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scriptInAnArticle_doesNotRun_underThePagesPolicy() throws Exception {
        HttpResponse<String> page = get(base + "topics/ai");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(SCRIPT), "the test build let the script into the page");
        assertEquals(HtmlPages.CONTENT_SECURITY_POLICY, page.headers().firstValue("Content-Security-Policy").orElse(null));

        Loaded loaded = load(base + "topics/ai");
        assertFalse(loaded.dom().select("main article.entry h2 a").isEmpty(), loaded.dom().html());
        assertEquals("", loaded.dom().selectFirst("html").attr("data-script-ran"), "the script ran");
        assertTrue(loaded.console().stream().anyMatch(l -> l.contains("inline script violates") && l.contains("blocked")),
                "the policy refused the script: " + loaded.console());
        assertTrue(loaded.console().stream().noneMatch(l -> l.contains("inline style")), "the stylesheet is allowed: "
                + loaded.console());
    }

    @Test
    void control_theSamePageWithoutThePolicy_runsTheScript() throws Exception {
        HttpResponse<String> page = get(base + "topics/ai");
        byte[] body = page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        withoutPolicy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        withoutPolicy.createContext("/", exchange -> {
            page.headers().map().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Security-Policy") && !name.equalsIgnoreCase("Content-Length")
                        && !name.equalsIgnoreCase("Date") && !name.equalsIgnoreCase(":status")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        withoutPolicy.start();

        Loaded loaded = load("http://127.0.0.1:" + withoutPolicy.getAddress().getPort() + "/topics/ai");
        assertEquals("yes", loaded.dom().selectFirst("html").attr("data-script-ran"), "without the policy the script runs");
    }
}
