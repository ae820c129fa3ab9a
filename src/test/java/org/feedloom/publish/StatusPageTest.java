package org.feedloom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedloom.model.RebuildFailure;
import org.feedloom.model.Removals;
import org.feedloom.model.SourceState;
import org.feedloom.model.SourceState.Status;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class StatusPageTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123456789Z");
    private final StatusPage page = new StatusPage(new SiteInfo("Feedloom", "Feedloom", "test", 50));

    private Document html(List<SourceState> states) {
        return Jsoup.parse(new String(page.html(states, 42, Removals.NONE, NOW, "http://127.0.0.1:8080/"), StandardCharsets.UTF_8));
    }

    @Test
    void html_oneRowPerSource_withStateErrorAndTimesToTheSecond() {
        SourceState ok = new SourceState("news", "https://news.example/", "https://news.example/feed", "\"e\"", null,
                Status.OK, 0, NOW, NOW, NOW.plusSeconds(1800), 200, 12, 3, null);
        SourceState bad = new SourceState("bad", "https://bad.example/feed", null, null, null, Status.BACKING_OFF, 3,
                NOW, null, NOW.plusSeconds(7200), 503, 0, 0, "fetch: HTTP 503");
        Document doc = html(List.of(ok, bad));
        assertEquals(2, doc.select("table.status tbody tr").size());
        var first = doc.select("table.status tbody tr").get(0);
        assertTrue(first.text().contains("news") && first.text().contains("feed: https://news.example/feed"), first.text());
        assertEquals("ok", first.select("td.ok").text());
        assertEquals("2026-11-22 10:15:30 UTC", first.select("time").get(0).text());
        assertEquals(NOW.toString(), first.select("time").get(0).attr("datetime"));
        var second = doc.select("table.status tbody tr").get(1);
        assertEquals("fetch: HTTP 503", second.select(".problem").text());
        assertEquals("backing-off", second.select("td.backing-off").text());
        assertTrue(doc.text().contains("2 sources, 42 articles"), doc.text());
    }

    @Test
    void html_escapesEveryValue() {
        String evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        SourceState s = new SourceState("x", "https://x.example/\"><script>alert(3)</script>", null, null, null,
                Status.ERROR, 1, NOW, null, null, 200, 0, 0, "parse: " + evil);
        Document doc = html(List.of(s));
        assertTrue(doc.select("script, img[onerror]").isEmpty(), doc.html());
        assertTrue(doc.select(".problem").text().contains(evil), "shown as text");
    }

    @Test
    void jsonAndHtml_countWhatTheConfigurationKeepsOut_perSourceAndInAll_issue11() {
        SourceState news = new SourceState("news", "https://news.example/feed", null, null, null, Status.OK, 0, NOW,
                NOW, null, 200, 12, 3, null);
        SourceState other = new SourceState("other", "https://other.example/feed", null, null, null, Status.OK, 0, NOW,
                NOW, null, 200, 1, 0, null);
        Removals removals = new Removals(Map.of("news", 4), Map.of("ai", 2, "ai-ethics", 1), 2, 3);
        String json = new String(page.json(List.of(news, other), 42, removals, NOW), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"articles\":42,\"hidden\":3,\"excludedFromTopics\":2,"
                + "\"excludedByTopic\":{\"ai\":2,\"ai-ethics\":1},\"sources\":["), json);
        assertTrue(json.contains("\"newItems\":3,\"excluded\":4,"), json);
        assertTrue(json.contains("\"newItems\":0,\"excluded\":0,"), "a source without excludes: 0 " + json);

        Document doc = Jsoup.parse(new String(page.html(List.of(news, other), 42, removals, NOW,
                "http://127.0.0.1:8080/"), StandardCharsets.UTF_8));
        assertEquals("Kept out by the configuration: 3 hidden articles, 2 articles excluded from topics (ai: 2, "
                + "ai-ethics: 1).", doc.select("p.removed").text());
        assertEquals("http://127.0.0.1:8080/topics/ai", doc.select("p.removed a").get(0).attr("href"));
        assertEquals("Excluded", doc.select("table.status th").get(7).text());
        assertEquals("4", doc.select("table.status tbody tr").get(0).select("td").get(7).text());
        assertEquals("0", doc.select("table.status tbody tr").get(1).select("td").get(7).text());
        assertEquals("Kept out by the configuration: 0 hidden articles, 0 articles excluded from topics.",
                html(List.of()).select("p.removed").text());
        assertTrue(doc.select("p.applying").isEmpty(), "no change of rules being applied");
        assertTrue(!json.contains("applyingRules"), json);
    }

    @Test
    void jsonAndHtml_showHowFarChangedRulesAreApplied_issue13() {
        Removals removals = new Removals(Map.of(), Map.of(), 0, 0, 5_000, 51_482);
        String json = new String(page.json(List.of(), 51_482, removals, NOW), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"applyingRules\":{\"assessed\":5000,\"of\":51482}"), json);
        Document doc = Jsoup.parse(new String(page.html(List.of(), 51_482, removals, NOW, "http://127.0.0.1:8080/"),
                StandardCharsets.UTF_8));
        assertEquals("Applying changed topic rules and hidden URLs: 5000 of 51482 articles assessed; the feeds show "
                + "the rest under the rules before.", doc.select("p.applying").text());
    }

    @Test
    void jsonAndHtml_sayWhileARestartMergesItsStoredArchive() {
        String merging = new String(page.json(List.of(), 50, Removals.NONE, List.of(), NOW, true, null),
                StandardCharsets.UTF_8);
        assertTrue(merging.contains("\"merging\":true"), merging);
        String merged = new String(page.json(List.of(), 51_482, Removals.NONE, NOW), StandardCharsets.UTF_8);
        assertTrue(merged.contains("\"merging\":false"), merged);
        Document during = Jsoup.parse(new String(page.html(List.of(), 50, Removals.NONE, List.of(), NOW,
                "http://127.0.0.1:8080/", true, null), StandardCharsets.UTF_8));
        assertTrue(during.select("p.merging").text().startsWith("Merging the stored archive after a restart"),
                during.html());
        assertTrue(html(List.of()).select("p.merging").isEmpty());
    }

    @Test
    void jsonAndHtml_sayWhileRebuildsFail() {
        RebuildFailure failing = new RebuildFailure(NOW.minusSeconds(90), 4,
                "store: read the texts of 12 items failed on data/feedloom.db: [SQLITE_IOERR] disk I/O error", false);
        String json = new String(page.json(List.of(), 50, Removals.NONE, List.of(), NOW, false, failing),
                StandardCharsets.UTF_8);
        assertTrue(json.contains("\"rebuildFailing\":{\"since\":\"" + NOW.minusSeconds(90) + "\",\"failures\":4,"
                + "\"error\":\"store: read the texts of 12 items failed on data/feedloom.db: [SQLITE_IOERR] disk I/O "
                + "error\",\"stopped\":false}"), json);
        String passing = new String(page.json(List.of(), 50, Removals.NONE, NOW), StandardCharsets.UTF_8);
        assertTrue(passing.contains("\"rebuildFailing\":null"), passing);
        Document doc = Jsoup.parse(new String(page.html(List.of(), 50, Removals.NONE, List.of(), NOW,
                "http://127.0.0.1:8080/", false, failing), StandardCharsets.UTF_8));
        assertEquals("Publishing has failed since 2026-11-22 10:14:00 UTC (4 rebuilds in a row): the feeds show the last catalog published, without "
                + "what was fetched since. Last error: store: read the texts of 12 items failed on data/feedloom.db: "
                + "[SQLITE_IOERR] disk I/O error", doc.select("p.failing").text());
        assertTrue(html(List.of()).select("p.failing").isEmpty());
    }

    @Test
    void jsonAndHtml_sayWhenRebuildsStopped() {
        RebuildFailure stopped = RebuildFailure.first(NOW.minusSeconds(90), "Java heap space").andStopped();
        String json = new String(page.json(List.of(), 50, Removals.NONE, List.of(), NOW, false, stopped),
                StandardCharsets.UTF_8);
        assertTrue(json.contains("\"rebuildFailing\":{\"since\":\"" + NOW.minusSeconds(90) + "\",\"failures\":1,"
                + "\"error\":\"Java heap space\",\"stopped\":true}"), json);
        Document doc = Jsoup.parse(new String(page.html(List.of(), 50, Removals.NONE, List.of(), NOW,
                "http://127.0.0.1:8080/", false, stopped), StandardCharsets.UTF_8));
        assertEquals("Publishing has stopped until Feedloom is restarted; it failed since 2026-11-22 10:14:00 UTC (1 "
                + "rebuilds in a row): the feeds show the last catalog published, without what was fetched since. Last "
                + "error: Java heap space", doc.select("p.failing").text());
    }

    @Test
    void health_isOneLineOfJson() {
        assertEquals("{\"status\":\"ok\",\"merging\":false,\"articles\":18,\"topics\":7,\"version\":3,"
                + "\"rebuildFailing\":null}\n", new String(page.health(18, 7, 3, false, null), StandardCharsets.UTF_8));
        assertEquals("{\"status\":\"ok\",\"merging\":true,\"articles\":50,\"topics\":7,\"version\":1,"
                + "\"rebuildFailing\":null}\n", new String(page.health(50, 7, 1, true, null), StandardCharsets.UTF_8));
        assertEquals("{\"status\":\"ok\",\"merging\":false,\"articles\":50,\"topics\":7,\"version\":9,"
                + "\"rebuildFailing\":{\"since\":\"" + NOW + "\",\"failures\":1,\"error\":\"no such column: excerpt\","
                + "\"stopped\":false}}\n",
                new String(page.health(50, 7, 9, false, RebuildFailure.first(NOW, "no such column: excerpt")),
                        StandardCharsets.UTF_8));
        assertEquals("{\"status\":\"stopped\",\"merging\":false,\"articles\":50,\"topics\":7,\"version\":9,"
                + "\"rebuildFailing\":{\"since\":\"" + NOW + "\",\"failures\":2,\"error\":\"Java heap space\","
                + "\"stopped\":true}}\n",
                new String(page.health(50, 7, 9, false, RebuildFailure.first(NOW, "no such column: excerpt")
                        .andAgain("Java heap space").andStopped()), StandardCharsets.UTF_8));
    }

    @Test
    void html_withoutSources_saysHowToAddOne() {
        Document doc = html(List.of());
        assertTrue(doc.text().contains("No live sources are configured"), doc.text());
        assertEquals("http://127.0.0.1:8080/", doc.select("header.site a").attr("href"));
    }
}
