package org.feedloom.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Topic;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, pages for people, in a real browser: headless Chromium (Debian's chromium) loads {@code /} and
 * {@code /topics/ai}; the DOM it built has the expected headings, links and feed autodiscovery links; it logged no
 * console message (the pages have no scripts, so any is a fault); and it saves desktop and phone screenshots to
 * {@code target/screenshots/} as build artefacts. Chromium may reach only 127.0.0.1: every other host name fails to
 * resolve, so the articles' thumbnails (on the publishers' sites) show as the page's offline placeholders.
 */
class ChromiumIT extends AgainstFeedloom {
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");



    static Clients.Run chromium(String... args) throws Exception {
        Path chromium = Clients.executable("chromium", "chromium");
        List<String> command = new ArrayList<>(List.of(chromium.toString()));
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + Files.createTempDirectory(dir, "profile-"));
        command.addAll(Arrays.asList(args));
        Clients.Run run = Clients.run(dir, Duration.ofMinutes(2), Map.of(), command.toArray(String[]::new));
        assertEquals(0, run.exit(), run.describe());
        List<String> console = run.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList();
        assertEquals(List.of(), console, "console messages");
        return run;
    }

    /** The DOM Chromium built for {@code path}, parsed with jsoup. */
    static Document load(String path) throws Exception {
        String url = feedloom.baseUrl() + path;
        Clients.Run run = chromium("--dump-dom", url);
        assertTrue(run.stdout().contains("</html>"), run.describe());
        return Jsoup.parse(run.stdout(), url);
    }

    /** Desktop and phone screenshots of {@code path} as {@code target/screenshots/<name>-{desktop,phone}.png}. */
    static void screenshots(String path, String name) throws Exception {
        for (String[] size : new String[][] {{"desktop", "1280,1400"}, {"phone", "390,1400"}}) {
            Path png = Clients.screenshots().resolve(name + "-" + size[0] + ".png").toAbsolutePath();
            Files.deleteIfExists(png);
            chromium("--screenshot=" + png, "--window-size=" + size[1], feedloom.baseUrl() + path);
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 2_000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', png.toString());
        }
    }

    static void hasAutodiscoveryLinks(Document page) {
        for (Expected e : expected) {
            for (String[] link : new String[][] {{"application/atom+xml", e.atomUrl()}, {"application/rss+xml", e.rssUrl()},
                    {"application/feed+json", e.jsonUrl()}}) {
                assertEquals(1, page.head().select("link[rel=alternate][type=" + link[0] + "][href=" + link[1] + "]").size(),
                        link[1] + " autodiscovery");
            }
        }
    }

    @Test
    void homePage_listsEveryTopic_withItsPageAndFeeds_noConsoleErrors() throws Exception {
        Document page = load("");
        assertEquals("Feedloom", page.selectFirst("main h1").text());
        hasAutodiscoveryLinks(page);
        assertEquals(feedloom.baseUrl() + "feeds/index.opml", page.selectFirst("main a:contains(OPML)").attr("href"));
        List<Element> rows = page.select("main table tbody tr");
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            Element row = rows.get(i);
            Element topicLink = row.selectFirst("td a");
            assertEquals(e.topic().name(), topicLink.text());
            assertEquals(feedloom.baseUrl() + "topics/" + e.slug(), topicLink.attr("href"));
            assertEquals(String.valueOf(e.ids().size()), row.select("td").get(1).text(), e.slug() + " count");
            assertEquals(List.of(e.atomUrl(), e.rssUrl(), e.jsonUrl()), row.select("td.feeds a").eachAttr("href"));
        }
        screenshots("", "index");
    }

    @Test
    void topicPage_ai_showsItsNewestArticlesLinkedToTheArticle_andPaging_noConsoleErrors() throws Exception {
        Document page = load("topics/ai");
        Topic ai = feedloom.catalog().topic("ai").orElseThrow();
        List<Article> articles = feedloom.catalog().articlesOf("ai");
        assertEquals(ai.name(), page.selectFirst("main h1").text());
        hasAutodiscoveryLinks(page);
        List<Element> headings = page.select("main article.entry h2 a");
        List<Article> shown = articles.subList(0, Math.min(PAGE_SIZE, articles.size()));
        assertEquals(shown.stream().map(Article::title).toList(), headings.stream().map(Element::text).toList());
        assertEquals(shown.stream().map(Article::url).toList(), headings.stream().map(h -> h.attr("href")).toList());
        int pages = (articles.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        assertTrue(pages > 1, "ai has several pages at " + PAGE_SIZE + " per page");
        assertEquals("Page 1 of " + pages, page.selectFirst("nav.pages .muted").text());
        assertEquals(feedloom.baseUrl() + "topics/ai?page=2", page.selectFirst("nav.pages a[rel=next]").attr("href"));
        screenshots("topics/ai", "topic-ai");
    }

    @Test
    void consoleCheck_catchesAPageThatLogs() throws Exception {
        Path page = dir.resolve("logs.html");
        Files.writeString(page, "<!DOCTYPE html><title>t</title><script>console.error('boom')</script>");
        Path chromium = Clients.executable("chromium", "chromium");
        List<String> command = new ArrayList<>(List.of(chromium.toString()));
        command.addAll(FLAGS);
        command.addAll(List.of("--user-data-dir=" + Files.createTempDirectory(dir, "profile-"), "--dump-dom",
                page.toUri().toString()));
        Clients.Run run = Clients.run(dir, Duration.ofMinutes(2), Map.of(), command.toArray(String[]::new));
        assertTrue(run.stderr().lines().anyMatch(l -> l.contains(":CONSOLE") && l.contains("boom")), run.describe());
    }
}
