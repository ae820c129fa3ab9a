package org.feedloom.app;

import static org.feedloom.app.UpstreamFeed.item;
import static org.feedloom.app.UpstreamFeed.rss;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, end to end: two publishers' feeds on loopback, one carrying an article's full text and the other the
 * same text under another outlet's headline, URL and boilerplate, three days later. Feedloom publishes one entry,
 * the original's, with the copy as a related link; {@code /status} says why (the share of text shared, the first
 * words shared); a restart keeps the fold and the entry's id.
 */
class SyndicatedCopiesIT {
    private static final String ORIGINAL = "https://gazette.example/2026/03/harbour-bridge-to-close";
    private static final String COPY = "https://www.wire.example/news/bridge-closure-syndication";
    private static final String TEXT = "<p>The city council voted on Tuesday to close the old harbour bridge to cars "
            + "from next spring, after engineers found that two of its steel supports had corroded far faster than "
            + "expected.</p><p>Cyclists and pedestrians will still be able to cross while a replacement is "
            + "designed, the council said, and buses will be rerouted over the northern ring road.</p><p>Shop "
            + "owners on the quay warned that the closure could cost them a third of their trade, and asked for a "
            + "temporary ferry to link the two halves of the old town.</p>";

    @TempDir Path dir;
    private UpstreamFeed gazette;
    private UpstreamFeed wire;
    private RunningFeedloom server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        gazette.close();
        wire.close();
    }

    private void start() throws Exception {
        start("");
    }

    private void start(String settings) throws Exception {
        server = RunningFeedloom.startWithSources(dir, settings, "The Gazette", gazette.url(), "Wire",
                wire.url());
        RunningFeedloom.waitUntil("both feeds merged", () -> server.catalog().all().size() == 2
                || server.catalog().all().stream().anyMatch(a -> !a.related().isEmpty()));
    }

    @Test
    void aCopyUnderAnotherHeadlineAndBoilerplate_foldsIntoTheOriginal_andStaysFoldedAfterARestart()
            throws Exception {
        gazette = UpstreamFeed.start(rss("The Gazette", item("Harbour bridge to close to cars",
                ORIGINAL, "Mon, 02 Mar 2026 09:00:00 GMT", TEXT)), true);
        wire = UpstreamFeed.start(rss("Wire", item("Old bridge shuts as supports corrode | Wire", COPY,
                "Thu, 05 Mar 2026 15:30:00 GMT", "<p>By Jane Doe</p>" + TEXT + "<p><em>This story first appeared "
                        + "on <a href=\"" + ORIGINAL + "\">The Gazette</a> and is republished with permission."
                        + "</em></p><p>Share on Facebook Share on Twitter</p>")), true);
        start();

        Entry entry = theOneEntry(server.atom("all"));
        String id = entry.getId();
        String status = server.request("/status").body();
        JsonObject fold = JsonParser.parseString(status).getAsJsonObject().getAsJsonArray("folds").get(0)
                .getAsJsonObject();
        assertEquals(ORIGINAL, fold.get("url").getAsString(), "why: the article");
        assertEquals(COPY, fold.get("copy").getAsString(), "why: the copy");
        assertTrue(fold.get("containment").getAsDouble() >= 0.8, status);
        assertEquals("the city council voted on", fold.get("phrase").getAsString(), "the first words shared");
        String page = server.request("/status.html").body();
        assertTrue(page.contains("Folded copies") && page.contains(COPY), "the status page shows the fold");
        assertArticlePageExplainsTheFold(id);
        assertEquals(server.baseUrl() + "articles?url=" + enc(ORIGINAL), org.jsoup.Jsoup.parse(
                server.request("/topics/all").body()).select("a:containsOwn(About this entry)").attr("href"),
                "the entry links to its page");
        assertEquals(404, server.request("/articles?url=" + enc("https://elsewhere.example/x")).statusCode());
        assertEquals(400, server.request("/articles").statusCode(), "no URL given");
        server.close();
        server = null;
        try (var store = org.feedloom.store.SqliteStore.open(dir.resolve("data").resolve(Pipeline.DB_FILE))) {
            var recorded = store.latestFolds(10);
            assertEquals(1, recorded.size(), "the store records why: " + recorded);
            assertEquals(COPY, recorded.get(0).copyUrl());
            assertEquals(fold.get("containment").getAsDouble(), recorded.get(0).containment(), 1e-9);
        }
        start();
        Entry again = theOneEntry(server.atom("all"));
        assertEquals(id, again.getId(), "the folded entry keeps its id across a restart");
        assertArticlePageExplainsTheFold(id); // from the store's record, before anything is folded again
    }

    @Test
    void withFoldingOff_theCopyIsAnEntryOfItsOwn() throws Exception {
        gazette = UpstreamFeed.start(rss("The Gazette", item("Harbour bridge to close to cars",
                ORIGINAL, "Mon, 02 Mar 2026 09:00:00 GMT", TEXT)), true);
        wire = UpstreamFeed.start(rss("Wire", item("Old bridge shuts as supports corrode | Wire", COPY,
                "Thu, 05 Mar 2026 15:30:00 GMT", TEXT)), true);
        start("folding:\n  enabled: false\n");
        RunningFeedloom.waitUntil("both entries", () -> server.catalog().all().size() == 2);
        assertEquals(2, server.atom("all").getEntries().size());
    }

    /** The entry's page, asked for by either article's URL, says why the copy is part of it. */
    private void assertArticlePageExplainsTheFold(String id) throws Exception {
        for (String url : List.of(ORIGINAL, COPY)) {
            var response = server.request("/articles?url=" + enc(url));
            assertEquals(200, response.statusCode(), url);
            String page = response.body();
            assertTrue(page.contains("<h2>Copies folded in</h2>") && page.contains("Also published at Wire")
                    && page.contains("href=\"" + COPY + "\""), page);
            assertTrue(page.contains("% of the shorter text") && page.contains("the city council voted on"),
                    "the evidence: " + page);
            assertTrue(page.contains(id.substring("urn:uuid:".length())), "the entry's id");
            assertTrue(page.contains(">Harbour bridge to close to cars</a></h1>"), "the original's title");
        }
    }

    private static String enc(String url) {
        return java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Entry theOneEntry(Feed feed) {
        assertEquals(1, feed.getEntries().size(), "one entry for the piece and its copy");
        Entry entry = (Entry) feed.getEntries().get(0);
        assertEquals(ORIGINAL, entry.getAlternateLinks().get(0).getHref(), "the original's link");
        assertEquals("Harbour bridge to close to cars", entry.getTitle(), "the original's headline");
        List<Link> related = ((List<?>) entry.getOtherLinks()).stream().map(Link.class::cast)
                .filter(l -> "related".equals(l.getRel())).toList();
        assertEquals(1, related.size(), "the copy is a related link");
        assertEquals(COPY, related.get(0).getHref());
        assertEquals("Also published at Wire", related.get(0).getTitle(), "the copy's outlet, by its feed's title");
        return entry;
    }
}
