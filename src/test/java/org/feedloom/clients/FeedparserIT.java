package org.feedloom.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 with a real client: Python's feedparser (Debian's python3-feedparser) reads every format of every topic
 * feed — Atom, walking the RFC 5005 {@code next} links through every page, RSS 2.0, and JSON Feed — with no bozo
 * flag and exactly the expected entry ids and links, in order. Debian's feedparser (6.0.x) does not read JSON Feed;
 * then the JSON is checked with Python's json module against the JSON Feed 1.1 required fields instead (the
 * script says which it did).
 */
class FeedparserIT extends AgainstFeedloom {



    /** The script's lines, grouped by the URL it started from. */
    static Map<String, List<String[]>> read(String... urls) throws Exception {
        Path python = Clients.pythonWith("feedparser", "python3-feedparser", dir);
        Path script = Path.of(FeedparserIT.class.getResource("/clients/feedparser_check.py").toURI());
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(List.of(urls));
        Clients.Run run = Clients.run(dir, Duration.ofMinutes(3), Map.of(), command.toArray(String[]::new));
        assertEquals(0, run.exit(), run.describe());
        Map<String, List<String[]>> byUrl = new LinkedHashMap<>();
        for (String line : run.stdout().split("\n")) {
            if (!line.isEmpty()) {
                String[] f = line.split("\t", -1);
                byUrl.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f);
            }
        }
        return byUrl;
    }

    static List<String[]> kind(List<String[]> lines, String kind) {
        return lines.stream().filter(f -> f[0].equals(kind)).toList();
    }

    static List<String> column(List<String[]> lines, int i) {
        return lines.stream().map(f -> f[i].isEmpty() ? null : f[i]).toList();
    }

    @Test
    void atom_everyTopic_everyPageViaNextLinks_noBozo_expectedIdsAndLinksInOrder() throws Exception {
        Map<String, List<String[]>> seen = read(expected.stream().map(Expected::atomUrl).toArray(String[]::new));
        for (Expected e : expected) {
            List<String[]> lines = seen.get(e.atomUrl());
            String where = e.atomUrl();
            assertEquals(List.of(), kind(lines, "BOZO").stream().map(f -> String.join(" ", f)).toList(), where);
            List<String[]> pages = kind(lines, "PAGE");
            assertEquals(e.pages(), pages.size(), where + ": pages walked");
            for (int p = 1; p <= e.pages(); p++) {
                String[] page = pages.get(p - 1);
                String url = p == 1 ? e.atomUrl() : e.atomPageUrl(p);
                assertEquals(url, page[2], where + ": page " + p + " reached by its next link");
                assertEquals("0", page[3], url + " bozo");
                assertEquals("atom10", page[4], url);
                assertEquals("200", page[5], url);
                assertEquals(url, page[6], url + ": self link");
                List<String[]> entries = kind(lines, "ENTRY").stream().filter(f -> f[2].equals(url)).toList();
                assertEquals(e.pageIds(p), column(entries, 3), url + ": ids");
                assertEquals(e.pageLinks(p), column(entries, 4), url + ": links");
            }
            assertEquals(e.ids(), column(kind(lines, "ENTRY"), 3), where + ": every article once, newest first");
        }
    }

    @Test
    void rss_everyTopic_noBozo_guidsAreTheAtomIds_linksInOrder() throws Exception {
        Map<String, List<String[]>> seen = read(expected.stream().map(Expected::rssUrl).toArray(String[]::new));
        for (Expected e : expected) {
            List<String[]> lines = seen.get(e.rssUrl());
            assertEquals(List.of(), kind(lines, "BOZO").stream().map(f -> String.join(" ", f)).toList(), e.rssUrl());
            List<String[]> pages = kind(lines, "PAGE");
            assertEquals(1, pages.size(), e.rssUrl());
            assertEquals("0", pages.get(0)[3], e.rssUrl());
            assertEquals("rss20", pages.get(0)[4], e.rssUrl());
            assertEquals(e.rssUrl(), pages.get(0)[6], e.rssUrl() + ": atom:link rel=self");
            assertEquals(e.pageIds(1), column(kind(lines, "ENTRY"), 3), e.rssUrl());
            assertEquals(e.pageLinks(1), column(kind(lines, "ENTRY"), 4), e.rssUrl());
        }
    }

    @Test
    void jsonFeed_everyTopic_valid_expectedIdsAndUrlsInOrder() throws Exception {
        Map<String, List<String[]>> seen = read(expected.stream().map(Expected::jsonUrl).toArray(String[]::new));
        for (Expected e : expected) {
            List<String[]> lines = seen.get(e.jsonUrl());
            assertEquals(List.of(), kind(lines, "PROBLEM").stream().map(f -> f[2]).toList(), e.jsonUrl());
            assertEquals(1, kind(lines, "JSON").size(), e.jsonUrl() + ": the script says which parser it used");
            List<String[]> pages = kind(lines, "PAGE");
            assertEquals("0", pages.get(0)[3], e.jsonUrl());
            assertTrue(pages.get(0)[4].startsWith("json"), e.jsonUrl());
            assertEquals(e.jsonUrl(), pages.get(0)[6], e.jsonUrl() + ": feed_url");
            assertEquals(e.pageIds(1), column(kind(lines, "ENTRY"), 3), e.jsonUrl());
            assertEquals(e.pageLinks(1), column(kind(lines, "ENTRY"), 4), e.jsonUrl());
        }
    }
}
