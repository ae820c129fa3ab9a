package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedloom.config.ConfigLoader;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.PublishedId;
import org.feedloom.model.SourceState;
import org.feedloom.store.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, {@code feedloom reindex}: on a store filled the normal way (the test seeds and three live sources on
 * loopback, fetched through {@link Main#embed}, a real SQLite file in a temp folder), a reindex run through
 * {@link Main}'s entry point rewrites the articles snapshot as a full merge from scratch gives it, whatever happened
 * to the snapshot, by the current topic rules, and changes no published id.
 */
class ReindexTest {
    /** Seed 000's URL, whose AMP form source A carries. */
    static final String SEED = "thenextweb.com/news/why-facial-expression-recognition-ai-is-total-scam";
    static final Pattern SUMMARY = Pattern.compile(
            "reindexed (\\d+) articles in (\\d+) topics \\(32 seed records, 3 sources\\) in \\d+\\.\\d s\n");

    @TempDir Path dir;
    final List<UpstreamFeed> upstreams = new java.util.ArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startUpstreams() {
        upstreams.add(UpstreamFeed.start(LiveSourcesIT.rss("""
                <item><title>Facial expression AI is a scam (AMP)</title>
                  <link>https://amp.%s/amp?utm_source=rss</link>
                  <description>A live summary, longer than the seed's own excerpt, so the merge shows.</description>
                </item>
                <item><title>A robot learns to fold laundry</title><link>https://a.example.org/robot-laundry</link>
                  <description>Towels first, then shirts.</description><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate></item>
                <item><title>An undated post</title><link>https://a.example.org/undated</link></item>
                """.formatted(SEED)), true));
        upstreams.add(UpstreamFeed.start(LiveSourcesIT.rss("""
                <item><title>Robot laundry, again</title>
                  <link>http://www.a.example.org/robot-laundry/?utm_medium=feed</link></item>
                <item><title>Gardening with machine learning</title><link>https://b.example.org/garden</link>
                  <pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate></item>
                """), true));
        upstreams.add(UpstreamFeed.start(LiveSourcesIT.rss("""
                <item><title>Kitchen news</title><link>https://c.example.org/kitchen</link>
                  <pubDate>Sun, 29 Nov 2026 08:00:00 GMT</pubDate></item>
                """), true));
    }

    @AfterEach
    void stopUpstreams() {
        upstreams.forEach(UpstreamFeed::close);
    }

    Path config() {
        return dir.resolve("config");
    }

    Path data() {
        return dir.resolve("data");
    }

    /** Writes the configuration: the three sources and {@code topics}. */
    void configure(String topics) throws Exception {
        StringBuilder yaml = new StringBuilder("sources:\n");
        for (int i = 0; i < upstreams.size(); i++) {
            yaml.append("  - name: Blog ").append((char) ('A' + i)).append("\n    url: ")
                    .append(upstreams.get(i).url()).append('\n');
        }
        Files.createDirectories(config());
        Files.writeString(config().resolve("feedloom.yaml"), yaml + topics);
    }

    /** Fills the store the normal way: seeds loaded, every source fetched once and committed, the catalog saved. */
    void fill() throws Exception {
        configure("topics:\n  - name: AI\n    keywords: [machine learning]\n");
        try (Main.Embedded feedloom = Main.embed(config(), MainTest.seeds(), data())) {
            List<SourceState> states = feedloom.refreshAll().states();
            states.forEach(s -> assertEquals(SourceState.Status.OK, s.status(), s.toString()));
        }
    }

    int reindex(String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("reindex", "--config", config().toString(),
                "--seeds", MainTest.seeds().toString(), "--data", data().toString()));
        args.addAll(List.of(more));
        return Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static Map<String, Article> byKey(List<Article> articles) {
        Map<String, Article> byKey = new TreeMap<>();
        articles.forEach(a -> byKey.put(a.key(), a));
        return byKey;
    }

    Map<String, Article> snapshot() {
        try (SqliteStore store = SqliteStore.open(data().resolve(Pipeline.DB_FILE))) {
            return byKey(store.articles());
        }
    }

    List<PublishedId> publishedIds() {
        try (SqliteStore store = SqliteStore.open(data().resolve(Pipeline.DB_FILE))) {
            return store.load().publishedIds().stream()
                    .sorted(java.util.Comparator.comparing(PublishedId::aliasKey)).toList();
        }
    }

    /** What a fresh start on the store merges: every stored item and the seeds at once, from scratch. */
    Catalog freshFullMerge() throws Exception {
        try (Pipeline fresh = Pipeline.open(ConfigLoader.load(config()).config(), MainTest.seeds(), data(),
                Clock.systemUTC(), Rebuilder.Listener.NONE)) {
            return Catalogs.held(fresh.catalog());
        }
    }

    void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data().resolve(Pipeline.DB_FILE));
             Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The topic index, one {@code topic article_key} string a row, sorted. */
    List<String> topicIndex() throws Exception {
        List<String> rows = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data().resolve(Pipeline.DB_FILE));
             Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT topic, article_key FROM article_topic")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getString(2));
            }
        }
        rows.sort(null);
        return rows;
    }

    /** Checks the summary line against {@code expected} and returns it. */
    static void assertSummary(String out, Catalog expected) {
        Matcher m = SUMMARY.matcher(out);
        assertTrue(m.matches(), out);
        assertEquals(expected.all().size(), Integer.parseInt(m.group(1)), out);
        assertEquals(expected.topics().size(), Integer.parseInt(m.group(2)), out);
    }

    @Test
    void reindex_ofACorruptedSnapshot_writesWhatAFullMergeGives_andKeepsEveryPublishedId() throws Exception {
        fill();
        Map<String, Article> published = snapshot();
        List<PublishedId> ids = publishedIds();
        List<String> index = topicIndex();
        Article robot = published.values().stream().filter(a -> a.url().contains("robot-laundry")).findFirst()
                .orElseThrow();
        assertEquals(List.of("source:blog-a", "source:blog-b"), robot.provenance(), "two sources' items, one article");

        String seedKey = published.values().stream().filter(a -> a.url().contains(SEED)).findFirst().orElseThrow().key();
        sql("DELETE FROM article WHERE key IN (SELECT key FROM article ORDER BY key LIMIT 4)",
                "UPDATE article SET title = 'garbage' WHERE key = '" + seedKey + "'",
                "DELETE FROM article_topic WHERE topic <> ''",
                "DELETE FROM article_alias WHERE position > 0");
        assertNotEquals(published, snapshot(), "the snapshot is corrupted");

        assertEquals(0, reindex(), err());

        Map<String, Article> reindexed = snapshot();
        assertEquals(published, reindexed, "every article as the normal path published it, under the same id");
        assertEquals(ids, publishedIds(), "no published id recorded or changed");
        assertEquals(index, topicIndex(), "the topic index as it was");
        Catalog fresh = freshFullMerge();
        assertEquals(byKey(fresh.all()), reindexed, "what a fresh full merge gives");
        assertSummary(out(), fresh);
        assertFalse(err().contains("\r"), err());
    }

    /** How each article row that names an item for its texts names it: {@code key -> source text_of}. */
    Map<String, String> namedTexts() throws Exception {
        Map<String, String> named = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data().resolve(Pipeline.DB_FILE));
             Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT key, text_source, text_of FROM article "
                     + "WHERE text_source IS NOT NULL")) {
            while (r.next()) {
                named.put(r.getString(1), r.getString(2) + " " + r.getInt(3));
            }
        }
        return named;
    }

    @Test
    void theSnapshot_namesTheLiveItemWhoseTextAnArticleShows_asSyncedAndAsReindexed() throws Exception {
        fill();
        Map<String, Article> published = snapshot();
        Article robot = published.values().stream().filter(a -> a.url().contains("robot-laundry")).findFirst()
                .orElseThrow();
        assertEquals("Towels first, then shirts.", robot.excerpt());
        // the only live text the merge shows (the seed's excerpt is longer than blog A's summary of it): the robot
        // article's excerpt, from blog A's stored item
        assertEquals(Map.of(robot.key(), "blog-a 1"), namedTexts());
        assertEquals(byKey(freshFullMerge().all()), published, "read back as the merge gives it");

        assertEquals(0, reindex(), err());
        assertEquals(Map.of(robot.key(), "blog-a 1"), namedTexts(), "a reindex names it too");
        assertEquals(published, snapshot());
    }

    @Test
    void reindex_afterTopicRulesChanged_filesEveryArticleByTheNewRules() throws Exception {
        fill();
        Map<String, Article> before = snapshot();
        List<PublishedId> ids = publishedIds();
        configure("topics:\n  - name: AI\n    keywords: [machine learning]\n    exclude: [gardening]\n"
                + "  - name: Robots\n    keywords: [robot]\n");

        assertEquals(0, reindex(), err());

        Map<String, Article> after = snapshot();
        assertEquals(before.keySet(), after.keySet(), "the same articles, under the same ids");
        assertEquals(ids, publishedIds());
        Article robot = after.values().stream().filter(a -> a.url().contains("robot-laundry")).findFirst().orElseThrow();
        assertEquals(List.of("Robots"), robot.topics());
        Article garden = after.values().stream().filter(a -> a.url().contains("garden")).findFirst().orElseThrow();
        assertTrue(before.get(garden.key()).topics().contains("AI"));
        assertFalse(garden.topics().contains("AI"), "AI's new exclude applies");
        Catalog fresh = freshFullMerge();
        assertEquals(byKey(fresh.all()), after);
        assertSummary(out(), fresh);
        try (SqliteStore store = SqliteStore.open(data().resolve(Pipeline.DB_FILE))) {
            assertTrue(store.newestArticles(10).contains(robot), "the topic index has the new topic");
        }
    }

    @Test
    void reindex_offATerminal_printsAFewPlainProgressLines() throws Exception {
        fill();
        assertEquals(0, reindex(), err());
        List<String> progress = err().lines().filter(l -> l.startsWith("reindex: ")).toList();
        assertEquals(List.of("reindex: 1/3 sources merged", "reindex: 2/3 sources merged",
                "reindex: 3/3 sources merged"), progress);
        assertFalse(err().contains("\r"), "no carriage returns off a terminal");
    }

    @Test
    void progress_ofAThousandSources_offATerminal_isTenLines_onATerminal_oneBarRedrawn() {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        Progress offTerminal = new Progress(new PrintStream(plain, true, StandardCharsets.UTF_8), false, 1000);
        ByteArrayOutputStream drawn = new ByteArrayOutputStream();
        Progress onTerminal = new Progress(new PrintStream(drawn, true, StandardCharsets.UTF_8), true, 1000);
        for (int i = 0; i < 1000; i++) {
            offTerminal.merged("source-" + i);
            onTerminal.merged("source-" + i);
        }
        List<String> lines = plain.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(10, lines.size(), lines.toString());
        assertEquals("reindex: 100/1000 sources merged", lines.get(0));
        assertEquals("reindex: 1000/1000 sources merged", lines.get(9));
        String bar = drawn.toString(StandardCharsets.UTF_8);
        assertEquals(1000, bar.chars().filter(c -> c == '\r').count());
        assertTrue(bar.endsWith("] 1000/1000 sources source-999\u001b[K\n"), bar.substring(bar.length() - 80));
        assertEquals(1, bar.split("\n").length, "one line, redrawn in place");
    }

    @Test
    void reindex_onAMissingStore_failsNamingTheDataFolder_andCreatesNothing() throws Exception {
        configure("");
        assertEquals(Main.FAILURE, reindex());
        assertEquals("reindex: no store in the data folder " + data() + " (" + data().resolve(Pipeline.DB_FILE)
                + " does not exist): nothing to reindex\n", err());
        assertEquals("", out());
        assertFalse(Files.exists(data()));
    }

    @Test
    void reindex_whileAServerRunsOnTheFolder_refusesNamingIt_andRunsOnceItStopped() throws Exception {
        fill();
        try (RunningFeedloom server = RunningFeedloom.start(config(), MainTest.seeds(), data())) {
            assertEquals(Main.FAILURE, reindex());
            assertTrue(err().contains("reindex: store: the data folder " + data() + " is in use by another Feedloom"),
                    err());
            assertEquals("", out());
            assertTrue(server.allHas("a.example.org/robot-laundry"), "the server goes on");
        }
        err.reset();
        assertEquals(0, reindex(), err());
    }
}
