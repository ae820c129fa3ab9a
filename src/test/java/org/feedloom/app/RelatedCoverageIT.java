package org.feedloom.app;

import static org.feedloom.app.UpstreamFeed.item;
import static org.feedloom.app.UpstreamFeed.rss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, related coverage end to end: two outlets' feeds on loopback report one evacuation in their own words (a
 * hard-news report and an explainer, thirteen hours apart, sharing names and figures but no sentence). Feedloom keeps
 * two entries, each with a related link to the other; {@code /status} says why (the names and figures both report);
 * the store keeps that evidence and a restart keeps the links. With {@code related.enabled: false} nothing is
 * linked.
 */
class RelatedCoverageIT {
    private static final String REPORT = "https://inlanddaily.example/news/2026/02/sheriff-orders-residents-to-leave";
    private static final String EXPLAINER = "https://statehouse.example/what-went-wrong-at-lake-corrine";
    private static final String REPORT_TEXT = "<p>About 1,400 residents living below the Lake Corrine dam were "
            + "ordered to evacuate late Tuesday after engineers found that heavy rain had carved a deep channel into "
            + "the dam's emergency spillway.</p><p>Merritt County Sheriff Dana Pruitt said deputies went door to door "
            + "in the towns of Fenwick and Lower Corrine through the night.</p><p>The earthen dam holds back about "
            + "28,000 acre-feet of water. A shelter has opened at Fenwick High School.</p>";
    private static final String EXPLAINER_TEXT = "<p>The emergency spillway at Lake Corrine is meant to be the "
            + "dam's safety valve, a channel that carries floodwater around the structure. After four days of rain, "
            + "that channel itself began to wash away.</p><p>In the meantime, the 1,400 people ordered out of "
            + "Fenwick and Lower Corrine are waiting. Sheriff Dana Pruitt repeated her message at a briefing.</p>";

    @TempDir Path dir;
    private UpstreamFeed inland;
    private UpstreamFeed statehouse;
    private RunningFeedloom server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        inland.close();
        statehouse.close();
    }

    private void startFeeds() throws Exception {
        inland = UpstreamFeed.start(rss("Inland Daily", item("Sheriff orders 1,400 residents below Lake Corrine dam "
                + "to leave", REPORT, "Wed, 11 Feb 2026 06:20:00 GMT", REPORT_TEXT)), true);
        statehouse = UpstreamFeed.start(rss("Statehouse Report", item("What went wrong at Lake Corrine",
                EXPLAINER, "Wed, 11 Feb 2026 19:05:00 GMT", EXPLAINER_TEXT)), true);
    }

    private void start(String settings) throws Exception {
        server = RunningFeedloom.startWithSources(dir, settings, "Inland Daily", inland.url(),
                "Statehouse Report", statehouse.url());
        RunningFeedloom.waitUntil("both feeds merged", () -> server.catalog().all().size() == 2);
    }

    @Test
    void twoOutletsReportingOneStory_linkToEachOther_sayWhy_andStayLinkedAfterARestart() throws Exception {
        startFeeds();
        start("");

        assertLinkedBothWays(server.atom("all"));
        JsonObject status = JsonParser.parseString(server.request("/status").body()).getAsJsonObject();
        JsonObject why = status.getAsJsonArray("related").get(0).getAsJsonObject();
        assertEquals(java.util.Set.of(REPORT, EXPLAINER), java.util.Set.of(why.get("url").getAsString(),
                why.get("other").getAsString()), "why: the two articles");
        List<String> terms = new ArrayList<>();
        why.getAsJsonArray("terms").forEach(t -> terms.add(t.getAsString()));
        assertTrue(terms.contains("lake corrine") && terms.contains("1,400"), "why: the names and figures " + terms);
        assertEquals(terms.size(), why.get("score").getAsInt());
        String page = server.request("/status.html").body();
        assertTrue(page.contains("Related coverage") && page.contains("lake corrine"), "the status page says why");
        String html = server.request("/topics/all").body();
        assertTrue(html.contains(">Also reported by Statehouse Report: What went wrong at Lake Corrine</a>")
                && html.contains(">Also reported by Inland Daily: Sheriff orders"), "the HTML page shows both links");
        String json = server.request("/feeds/all.json").body();
        assertTrue(json.contains("Also reported by Statehouse Report"), "so does the JSON Feed");
        assertArticlePagesSayWhy();
        server.close();
        server = null;

        try (var store = org.feedloom.store.SqliteStore.open(dir.resolve("data").resolve(Pipeline.DB_FILE))) {
            var recorded = store.latestStoryLinks(10);
            assertEquals(1, recorded.size(), "the store records why: " + recorded);
            assertEquals(terms, recorded.get(0).terms());
        }
        start("");
        assertLinkedBothWays(server.atom("all"));
        JsonArray related = JsonParser.parseString(server.request("/status").body()).getAsJsonObject()
                .getAsJsonArray("related");
        assertEquals(1, related.size(), "the latest links are shown again after a restart, before anything changes");
        assertArticlePagesSayWhy(); // from the store's record
    }

    @Test
    void withNoEntryKeptInMemory_theyStillLink_andMetricsSaySo() throws Exception {
        startFeeds();
        start("related:\n  memoryEntries: 0\n");
        assertLinkedBothWays(server.atom("all"));
        String metrics = server.request("/metrics").body();
        assertTrue(metrics.contains("\nfeedloom_coverage_entries 0.0\n"), "memory keeps no entry: " + metrics);
        server.close();
        server = null;
        start("related:\n  memoryEntries: 0\n");
        assertLinkedBothWays(server.atom("all"));
        assertEquals(0, server.server.aggregator().coverageEntries(), "nor after a restart");
    }

    @Test
    void withRelatedCoverageOff_nothingIsLinked() throws Exception {
        startFeeds();
        start("related:\n  enabled: false\n");
        for (Object o : server.atom("all").getEntries()) {
            assertEquals(List.of(), relatedLinks((Entry) o), "no related link");
        }
    }

    /** Each article's page names the other as its coverage, with the names and figures both report. */
    private void assertArticlePagesSayWhy() throws Exception {
        for (String[] pair : List.of(new String[] {REPORT, EXPLAINER}, new String[] {EXPLAINER, REPORT})) {
            var response = server.request("/articles?url="
                    + java.net.URLEncoder.encode(pair[0], java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(200, response.statusCode(), pair[0]);
            var page = org.jsoup.Jsoup.parse(response.body());
            var rows = page.select("h2:containsOwn(Related coverage) ~ div table tbody tr");
            assertEquals(1, rows.size(), response.body());
            assertEquals(pair[1], rows.get(0).select("a").attr("href"), "the other article");
            assertTrue(rows.get(0).text().contains("lake corrine") && rows.get(0).text().contains("1,400"),
                    "the names and figures both report: " + rows.get(0).text());
            assertTrue(page.select("h2:containsOwn(Copies folded in)").isEmpty(), "nothing folded");
        }
    }

    /** Both entries are published, each with one related link: the other's, titled with its outlet. */
    private static void assertLinkedBothWays(Feed feed) {
        assertEquals(2, feed.getEntries().size(), "two entries: coverage is not folded");
        Map<String, List<Link>> byUrl = new HashMap<>();
        for (Object o : feed.getEntries()) {
            Entry entry = (Entry) o;
            byUrl.put(entry.getAlternateLinks().get(0).getHref(), relatedLinks(entry));
        }
        assertEquals(EXPLAINER, byUrl.get(REPORT).get(0).getHref(), "the report links to the explainer");
        assertEquals(REPORT, byUrl.get(EXPLAINER).get(0).getHref(), "the explainer links to the report");
        assertEquals(1, byUrl.get(REPORT).size());
        assertEquals(1, byUrl.get(EXPLAINER).size());
        assertTrue(byUrl.get(REPORT).get(0).getTitle().startsWith("Also reported by Statehouse Report: What went"),
                byUrl.get(REPORT).get(0).getTitle());
    }

    private static List<Link> relatedLinks(Entry entry) {
        return ((List<?>) entry.getOtherLinks()).stream().map(Link.class::cast)
                .filter(l -> "related".equals(l.getRel())).toList();
    }
}
