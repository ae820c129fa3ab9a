package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.publish.EntryIds;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, end to end: a real upstream feed server on loopback, Feedloom on a real SQLite file in a temp folder, time
 * moved by an injected clock. Live articles stay published as long as their feed offers them, and every article keeps
 * its entry id while seeds and feeds come and go.
 */
class LiveArticlesStayPutIT {
    private static final String LIVE = "https://blog.example.org/2024/03/a-slow-blog-post";
    private static final String LIVE_AMP_CACHE =
            "https://blog-example-org.cdn.ampproject.org/c/s/blog.example.org/2024/03/a-slow-blog-post/amp/";

    @TempDir Path dir;
    @AutoClose
    private UpstreamFeed upstream;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    @AutoClose
    private RunningFeedloom server;

    @BeforeEach
    void startUpstream() {
        upstream = UpstreamFeed.start(rss(""), false); // every fetch a 200: retention runs at each new body
    }

    private static String rss(String items) {
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Slow Blog</title>"
                + "<link>https://blog.example.org/</link><description>d</description>" + items + "</channel></rss>";
    }

    private static String item(String url, String date) {
        return "<item><title>Post " + url.substring(url.lastIndexOf('/') + 1) + "</title><link>" + url
                + "</link><pubDate>" + date + "</pubDate></item>";
    }

    /** {@code n} posts, one a week from 2024-11-04 back (two years before the clock), newest first. */
    private static List<String> posts(int n) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant date = Instant.parse("2024-11-04T08:00:00Z").minus(Duration.ofDays(7L * i));
            items.add(item("https://blog.example.org/posts/" + i,
                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(java.time.ZoneOffset.UTC))));
        }
        return items;
    }

    private Path config(String retention) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), retention + "sources:\n  - name: Slow Blog\n    url: "
                + upstream.url() + "\n");
        return config;
    }

    private Path seeds() throws Exception {
        return Files.createDirectories(dir.resolve("seeds"));
    }

    private void start(Path config) throws Exception {
        server = RunningFeedloom.start(config, seeds(), dir.resolve("data"), clock);
    }

    private void restart(Path config) throws Exception {
        server.close();
        start(config);
    }

    /** Fetches the source again a minute later and waits until its state records it. */
    private void refetch() throws Exception {
        clock.advance(Duration.ofMinutes(1));
        String attempt = "\"lastAttempt\":\"" + clock.instant();
        assertTrue(server.server.live().refresh("slow-blog"));
        RunningFeedloom.waitUntil("the refetch", () -> server.status("slow-blog").contains(attempt));
    }

    private List<String> links(String slug) throws Exception {
        List<String> links = new ArrayList<>();
        for (int page = 1; ; page++) {
            var response = server.request("/feeds/" + slug + ".xml" + (page == 1 ? "" : "?page=" + page));
            if (response.statusCode() == 404) {
                return links;
            }
            var feed = (com.rometools.rome.feed.atom.Feed) new com.rometools.rome.io.WireFeedInput()
                    .build(new java.io.StringReader(response.body()));
            feed.getEntries().forEach(e -> links.add(((Entry) e).getAlternateLinks().get(0).getHref()));
        }
    }

    /** {@link #links} of {@code all}, for polling. */
    private List<String> pages() {
        try {
            return links("all");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void itemsDatedTwoYearsAgo_arePublishedOnTheFirstFetch_surviveRestarts_andGoOnlyWhenUnlistedPastMaxAge()
            throws Exception {
        List<String> posts = posts(4);
        upstream.set(rss(String.join("", posts)));
        Path config = config("site: {maxEntries: 2}\nretention: {maxAgeDays: 90}\n");
        start(config);
        RunningFeedloom.waitUntil("every old post is published", () -> pages().contains("https://blog.example.org/posts/3"));
        assertEquals(List.of("https://blog.example.org/posts/0", "https://blog.example.org/posts/1",
                "https://blog.example.org/posts/2", "https://blog.example.org/posts/3"), links("all"),
                "in date order, the older ones on a later RFC 5005 page");
        assertTrue(server.status("slow-blog").contains("\"state\":\"ok\""), server.status("slow-blog"));

        restart(config);
        assertEquals(4, links("all").size(), "still there after a restart");

        upstream.set(rss(String.join("", posts.subList(0, 3)))); // the feed stops listing post 3
        clock.advance(Duration.ofDays(60));
        refetch();
        assertTrue(links("all").contains("https://blog.example.org/posts/3"), "unlisted, but first seen 60 days ago");

        clock.advance(Duration.ofDays(31));
        // other bytes, the same items (as a feed generated on each request has): the same bytes again would count
        // as not modified, which, like a 304, leaves the stored items (and their ages) alone
        upstream.set(rss(String.join("", posts.subList(0, 3)) + "<!-- generated 31 days later -->"));
        refetch();
        RunningFeedloom.waitUntil("post 3 leaves", () -> !pages().contains("https://blog.example.org/posts/3"));
        assertEquals(3, links("all").size(), "the posts still listed stay, two years old or not");
        restart(config);
        refetch();
        assertFalse(links("all").contains("https://blog.example.org/posts/3"), "and stays gone");
    }

    @Test
    void maxItemsPerSource_keepsTheNewestThree_andTheOtherSevenDoNotComeBack() throws Exception {
        List<String> posts = posts(10);
        upstream.set(rss(String.join("", posts)));
        Path config = config("retention: {maxItemsPerSource: 3}\n");
        start(config);
        RunningFeedloom.waitUntil("the fetch", () -> server.status("slow-blog").contains("\"state\":\"ok\""));
        List<String> newest = List.of("https://blog.example.org/posts/0", "https://blog.example.org/posts/1",
                "https://blog.example.org/posts/2");
        RunningFeedloom.waitUntil("the newest three", () -> pages().equals(newest));
        clock.advance(Duration.ofHours(1));
        refetch();
        assertEquals(newest, links("all"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/feedloom.db"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM tombstone WHERE source_id = 'slow-blog'")) {
            assertEquals(7, r.getLong(1), "the other seven are tombstoned");
        }
    }

    /** The id of the entry of the live article, whichever of its URLs it links to. */
    private String liveId() throws Exception {
        Map<String, String> ids = RunningFeedloom.ids(server.atom("all"));
        List<String> found = new ArrayList<>();
        ids.forEach((link, id) -> {
            String key = org.feedloom.canonical.CanonicalUrl.keyOf(link);
            if (key.equals(org.feedloom.canonical.CanonicalUrl.keyOf(LIVE)) || key.equals("archive.example.com/slow-blog-post")) {
                found.add(id);
            }
        });
        assertEquals(1, found.size(), "the live article is published once: " + ids.keySet());
        return found.get(0);
    }

    private void seed(String name, String yaml) throws Exception {
        Files.writeString(seeds().resolve(name), "---\n" + yaml + "---\n");
    }

    @Test
    void entryId_staysTheSame_whileSeedsNameTheArticleAndGoAgain() throws Exception {
        upstream.set(rss(item(LIVE + "?utm_source=rss", "Mon, 30 Nov 2026 08:00:00 GMT")));
        Path config = config("");
        start(config);
        RunningFeedloom.waitUntil("the live article", () -> server.allHas("a-slow-blog-post"));
        String id = liveId();

        seed("a-roundup.md", """
                title: "A roundup"
                webUrl: "https://roundup.example.net/weekly"
                publishedDateTime: 2024-03-05T08:00:00Z
                related:
                  - title: "The slow post, elsewhere"
                    webUrl: "https://archive.example.com/slow-blog-post"
                    originalUrl: "https://blog.example.org/2024/03/a-slow-blog-post"
                """);
        restart(config);
        assertEquals(id, liveId(), "a seed lists it as a related mention with extra aliases");
        refetch();
        assertEquals(id, liveId(), "and after the live item is fetched again beside it");

        seed("0-amp.md", "title: \"AMP copy\"\ncdnAmpWebUrl: \"" + LIVE_AMP_CACHE + "\"\n"
                + "publishedDateTime: 2024-03-04T08:00:00Z\n");
        restart(config);
        assertEquals(id, liveId(), "a seed whose only URL is its AMP-cache form");

        Files.delete(seeds().resolve("0-amp.md"));
        restart(config);
        assertEquals(id, liveId(), "that seed removed again");
    }

    @Test
    void twoNewStores_fedTheSameSeedsInAnotherOrder_giveTheSameIds() throws Exception {
        Path seedsA = Files.createDirectories(dir.resolve("seeds-a"));
        Path seedsB = Files.createDirectories(dir.resolve("seeds-b"));
        List<Path> files;
        try (var list = Files.list(MainTest.seeds())) {
            files = new ArrayList<>(list.sorted().toList());
        }
        for (Path f : files) {
            Files.copy(f, seedsA.resolve(f.getFileName()));
        }
        java.util.Collections.reverse(files);
        for (Path f : files) { // written in the other order, each with its URL fields in reverse order
            Files.writeString(seedsB.resolve(f.getFileName()), reverseUrlLines(Files.readString(f)));
        }
        Path config = config("");
        upstream.set(rss(""));
        server = RunningFeedloom.start(config, seedsA, dir.resolve("data-a"), clock);
        Map<String, String> a = RunningFeedloom.ids(server.atom("all"));
        server.close();
        server = RunningFeedloom.start(config, seedsB, dir.resolve("data-b"), clock);
        assertEquals(a, RunningFeedloom.ids(server.atom("all")));
        assertEquals(18, a.size());
    }

    /** The top-level URL lines of a seed's front matter, in reverse order (YAML maps have no order). */
    private static String reverseUrlLines(String seed) {
        List<String> lines = new ArrayList<>(List.of(seed.split("\n", -1)));
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("^(webUrl|originalUrl|ampWebUrl|cdnAmpWebUrl):.*")) {
                at.add(i);
            }
        }
        List<String> urls = new ArrayList<>();
        at.forEach(i -> urls.add(lines.get(i)));
        java.util.Collections.reverse(urls);
        for (int k = 0; k < at.size(); k++) {
            lines.set(at.get(k), urls.get(k));
        }
        return String.join("\n", lines);
    }

    @Test
    void upgrade_aStoreWrittenByThePreviousVersion_keepsEveryPublishedId() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path db = data.resolve("feedloom.db");
        Files.copy(Path.of(getClass().getResource("/store/feedloom-schema3.db").toURI()), db,
                StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> before = new HashMap<>(); // entry id -> link, as the previous version published them
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT key, url FROM article")) {
            while (r.next()) {
                before.put(EntryIds.forArticle(r.getString(1)), r.getString(2));
            }
        }
        assertEquals(20, before.size(), "the fixture: the five seeds' 18 articles and two live-only ones");
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), """
                topics:
                  - name: AI
                    keywords: [machine learning]
                sources:
                  - name: Loopback News
                    url: http://127.0.0.1:9/feed.xml
                    enabled: false
                """);
        server = RunningFeedloom.start(config, MainTest.seeds(), data, clock);
        Map<String, String> after = new HashMap<>();
        RunningFeedloom.ids(server.atom("all")).forEach((link, id) -> after.put(id, link));
        assertEquals(before.keySet(), after.keySet(), "every id the previous version published, and no other");
    }
}
