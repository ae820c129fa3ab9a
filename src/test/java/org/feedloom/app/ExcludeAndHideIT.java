package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.model.Topic;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, keeping things out: a topic's and a source's {@code exclude:} keywords and the {@code hide:} list, end to
 * end — a real upstream feed on loopback, Feedloom serving with a real SQLite store in a temp folder, the repository's
 * seeds — in every format, across refetches, restarts and reloads of the configuration.
 */
class ExcludeAndHideIT {
    /** Seed 000's URL; the feed carries its AMP variant, which merges into the seed's article. */
    static final String SEED_PATH = "thenextweb.com/news/why-facial-expression-recognition-ai-is-total-scam";
    static final String ROBOT = "https://news.example.org/robot";
    static final String SPONSORED = "https://news.example.org/sponsored";
    static final String KITCHEN = "https://news.example.org/kitchen";
    static final String ITEMS = """
            <item><title>Facial expression AI is a scam (AMP)</title>
              <link>https://amp.thenextweb.com/news/why-facial-expression-recognition-ai-is-total-scam/amp?utm_source=rss</link>
              <description>Live summary.</description></item>
            <item><title>A new machine learning robot</title><link>https://news.example.org/robot</link></item>
            <item><title>Sponsored: machine learning gadgets</title><link>https://news.example.org/sponsored</link></item>
            <item><title>Machine learning in the kitchen</title><link>https://news.example.org/kitchen</link></item>
            """;

    @TempDir Path dir;
    @AutoClose
    UpstreamFeed upstream;
    @AutoClose
    RunningFeedloom server;

    @BeforeEach
    void startUpstream() {
        upstream = UpstreamFeed.start(LiveSourcesIT.rss(ITEMS), true);
    }

    String topics(String exclude) {
        return "topics:\n  - name: AI\n    keywords: [machine learning]\n" + exclude;
    }

    String source(String exclude) {
        return "sources:\n  - name: Loopback News\n    url: " + upstream.url() + "\n    interval: 1m\n" + exclude;
    }

    Path config(String topics, String sources, String hide) throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("feedloom.yaml"), topics);
        Files.writeString(config.resolve("sources.yaml"), sources);
        Files.writeString(config.resolve("hide.yaml"), hide);
        return config;
    }

    Path keepingOut(String hiddenUrl) throws Exception {
        return config(topics("    exclude: [robot]\n"), source("    exclude: [sponsored]\n"),
                "hide:\n  - " + hiddenUrl + "\n");
    }

    Path keepingNothingOut() throws Exception {
        return config(topics(""), source(""), "# nothing hidden\n");
    }

    RunningFeedloom start(Path config) throws Exception {
        server = RunningFeedloom.start(config, MainTest.seeds(), dir.resolve("data"));
        return server;
    }

    /** Every document a reader can get of a topic: Atom, RSS, JSON Feed and the HTML page. */
    List<String> documents(String slug) {
        return List.of(server.get("/feeds/" + slug + ".xml"), server.get("/feeds/" + slug + ".rss"),
                server.get("/feeds/" + slug + ".json"), server.get("/topics/" + slug));
    }

    /** Every document of every topic. */
    List<String> everyDocument() {
        List<String> all = new ArrayList<>();
        for (Topic topic : server.server.aggregator().catalog().topics()) {
            all.addAll(documents(topic.slug()));
        }
        return all;
    }

    boolean inEvery(List<String> documents, String text) {
        return documents.stream().allMatch(d -> d.contains(text));
    }

    boolean inNone(List<String> documents, String text) {
        return documents.stream().noneMatch(d -> d.contains(text));
    }

    /** The hidden seed, the excluded item and the topic-excluded article are kept out; the rest is there. */
    void assertKeptOut() {
        List<String> every = everyDocument();
        assertTrue(inNone(every, SEED_PATH), "the article hidden by an alias is in no document of any topic");
        assertTrue(inNone(every, SPONSORED), "the item its source excludes is in no document");
        assertTrue(inEvery(documents("all"), ROBOT), "the topic-excluded article is still published");
        assertTrue(inNone(documents("ai"), ROBOT), "but not in the topic that excludes it");
        assertTrue(inEvery(documents("ai"), KITCHEN), "what no rule keeps out is in AI");
    }

    void assertNothingKeptOut() {
        assertTrue(inEvery(documents("all"), SEED_PATH) && inEvery(documents("ai"), SEED_PATH));
        assertTrue(inEvery(documents("all"), SPONSORED) && inEvery(documents("ai"), SPONSORED));
        assertTrue(inEvery(documents("ai"), ROBOT));
    }

    @Test
    void excludesAndHideByAnAmpAlias_keepArticlesOutOfEveryFormat_acrossARefetchAndARestart() throws Exception {
        Path config = keepingOut("https://thenextweb.com/news/why-facial-expression-recognition-ai-is-total-scam/amp");
        start(config);
        RunningFeedloom.waitUntil("the feed is fetched", () -> server.allHas(KITCHEN));
        assertKeptOut();
        assertTrue(server.status("loopback-news").contains("\"excluded\":1,"), server.status("loopback-news"));
        String status = server.get("/status");
        assertTrue(status.contains("\"hidden\":1,\"excludedFromTopics\":1,\"excludedByTopic\":{\"ai\":1}"), status);
        String page = server.get("/status.html");
        assertTrue(page.contains("1 hidden articles, 1 articles excluded from topics"), page);

        // the feed changes, so the refetch is a 200 that stores every item again, a new excluded one too
        upstream.set(LiveSourcesIT.rss(ITEMS + "<item><title>Machine learning at sea</title>"
                + "<link>https://news.example.org/sea</link></item><item><title>More sponsored content</title>"
                + "<link>https://news.example.org/sponsored-2</link></item>"));
        assertTrue(server.server.live().refresh("loopback-news"));
        RunningFeedloom.waitUntil("the refetch is published", () -> server.allHas("https://news.example.org/sea"));
        assertKeptOut();
        assertTrue(inNone(everyDocument(), "news.example.org/sponsored-2"));
        assertTrue(server.status("loopback-news").contains("\"excluded\":2,"), server.status("loopback-news"));

        server.close();
        start(config);
        assertKeptOut();
        assertTrue(server.allHas("https://news.example.org/sea"), "the stored items are back");
        assertTrue(server.status("loopback-news").contains("\"excluded\":2,"), server.status("loopback-news"));
        assertTrue(server.get("/status").contains("\"hidden\":1,"), server.get("/status"));
    }

    @Test
    void hideByATrackingVariant_ofASeedNoFeedCarries_hidesIt() throws Exception {
        upstream.set(LiveSourcesIT.rss("<item><title>Machine learning in the kitchen</title>"
                + "<link>https://news.example.org/kitchen</link></item>"));
        start(config(topics(""), source(""), "hide:\n  - \"http://www." + SEED_PATH + "/?utm_source=x&fbclid=y\"\n"));
        RunningFeedloom.waitUntil("the feed is fetched", () -> server.allHas(KITCHEN));
        assertTrue(inNone(everyDocument(), SEED_PATH));
    }

    @Test
    void reload_addingExcludesAndAHide_removesTheArticles_andRemovingThemBringsThemBack_withoutARefetch()
            throws Exception {
        keepingNothingOut();
        Path config = dir.resolve("config");
        start(config);
        RunningFeedloom.waitUntil("the feed is fetched", () -> server.allHas(KITCHEN));
        assertNothingKeptOut();

        keepingOut("https://thenextweb-com.cdn.ampproject.org/c/s/thenextweb.com/news/"
                + "why-facial-expression-recognition-ai-is-total-scam/amp");
        RunningFeedloom.waitUntil("the reload keeps them out", () -> !server.allHas(SEED_PATH)
                && !server.allHas(SPONSORED) && !server.get("/feeds/ai.xml").contains(ROBOT));
        assertKeptOut();
        assertTrue(server.status("loopback-news").contains("\"excluded\":1,"), server.status("loopback-news"));

        upstream.close(); // what comes back comes from the store, not from a fetch
        keepingNothingOut();
        RunningFeedloom.waitUntil("the reload brings them back", () -> server.allHas(SEED_PATH)
                && server.allHas(SPONSORED) && server.get("/feeds/ai.xml").contains(ROBOT));
        assertNothingKeptOut();
        assertTrue(server.status("loopback-news").contains("\"excluded\":0,"), server.status("loopback-news"));
        assertTrue(server.get("/status").contains("\"hidden\":0,\"excludedFromTopics\":0,\"excludedByTopic\":{}"));
        assertFalse(server.status("loopback-news").contains("\"state\":\"error\""), "no fetch was needed");
    }
}
