package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up from a store an earlier run filled: the newest stored articles first, then everything merged. */
class PipelineTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final int MAX_ENTRIES = 2;

    @TempDir Path dir;

    FeedloomConfig config() throws Exception {
        Path configDir = Files.createDirectories(dir.resolve("config"));
        Files.writeString(configDir.resolve("feedloom.yaml"), "site:\n  title: Test\n  maxEntries: " + MAX_ENTRIES
                + "\ntopics:\n  - name: Configured but empty\n    keywords: [no-article-says-this]\n");
        return ConfigLoader.load(configDir).config();
    }

    @Test
    void newStore_servesNothingStored() throws Exception {
        try (Pipeline p = Pipeline.openUnloaded(config(), MainTest.seeds(), dir.resolve("data"), CLOCK, Rebuilder.Listener.NONE, true)) {
            assertFalse(p.serveStored());
            assertEquals(0, p.catalog().version());
        }
    }

    @Test
    void storeOfAnEarlierRun_servesEveryTopicsFirstPage_asThatRunPublishedIt_untilLoaded() throws Exception {
        FeedloomConfig config = config();
        Catalog published;
        try (Pipeline earlier = Pipeline.open(config, MainTest.seeds(), dir.resolve("data"), CLOCK, Rebuilder.Listener.NONE)) {
            published = Catalogs.held(earlier.catalog());
        }
        assertTrue(published.all().size() > MAX_ENTRIES, "the seeds fill more than one page");

        List<String> announced = new ArrayList<>();
        Rebuilder.Listener announce = (before, after) -> announced.add(before.version() + "->" + after.version());
        try (Pipeline p = Pipeline.openUnloaded(config, MainTest.seeds(), dir.resolve("data"), CLOCK, announce, true)) {
            assertTrue(p.serveStored());
            Catalog startup = p.catalog();
            assertEquals(1, startup.version());
            assertEquals(published.topics(), startup.topics(), "every topic, the configured empty one too");
            for (Topic topic : published.topics()) {
                List<Article> all = published.articlesOf(topic.slug());
                assertEquals(all.subList(0, Math.min(MAX_ENTRIES, all.size())),
                        startup.articlesOf(topic.slug()).subList(0, Math.min(MAX_ENTRIES, all.size())),
                        "first page of " + topic.slug());
            }

            p.load();
            Catalog loaded = p.catalog();
            assertEquals(2, loaded.version(), "versions continue from the start-up catalog");
            for (Topic topic : published.topics()) {
                assertEquals(published.articlesOf(topic.slug()), loaded.articlesOf(topic.slug()), topic.slug());
            }
            assertEquals(List.of(), announced, "loading is not a change to announce");
            for (Topic topic : published.topics()) { // what the last run published, the snapshot holds
                assertEquals(1, loaded.stampOf(topic.slug()), topic.slug() + ": nothing changed, nothing rendered again");
            }
            p.rebuilder.rebuildNow();
            assertEquals(List.of("2->3"), announced);
            for (Topic topic : published.topics()) {
                assertEquals(loaded.stampOf(topic.slug()), p.catalog().stampOf(topic.slug()),
                        topic.slug() + ": a rebuild that changed nothing changes no topic's documents");
            }
        }
    }

    @Test
    void storeOfAnEarlierRun_servesEveryPageOfEveryTopic_fromTheStore_asTheMergedCatalogWillServeIt_issue13()
            throws Exception {
        FeedloomConfig config = config();
        try (Pipeline earlier = Pipeline.open(config, MainTest.seeds(), dir.resolve("data"), CLOCK, Rebuilder.Listener.NONE)) {
            assertTrue(earlier.catalog().all().size() > 2 * MAX_ENTRIES, "the seeds fill three pages or more");
        }
        StoredPages stored = new StoredPages();
        Publisher fromStore = new Publisher(Server.siteInfo(config), new FeedCache(1 << 24), stored);
        Publisher fromMemory = new Publisher(Server.siteInfo(config), new FeedCache(1 << 24));
        String base = "http://127.0.0.1/";
        try (Pipeline p = Pipeline.openUnloaded(config, MainTest.seeds(), dir.resolve("data"), CLOCK, Rebuilder.Listener.NONE, true)) {
            assertTrue(p.serveStored());
            Catalog startup = p.catalog();
            stored.serve(p.store, p.aggregator, startup);
            Map<String, byte[]> served = new java.util.HashMap<>();
            Map<String, Integer> counts = new java.util.HashMap<>();
            startup.topics().forEach(topic -> counts.put(topic.slug(), fromStore.countOf(startup, topic.slug())));
            served.put("index", fromStore.indexPage(startup, base).body());
            for (Topic topic : startup.topics()) {
                for (int page = 1; page <= 99; page++) {
                    var atom = fromStore.atomPage(startup, topic.slug(), page, base);
                    var html = fromStore.topicPage(startup, topic.slug(), page, base);
                    assertEquals(atom.isPresent(), html.isPresent(), topic.slug() + " page " + page);
                    if (atom.isEmpty()) {
                        break;
                    }
                    served.put(topic.slug() + "?page=" + page, atom.get().body());
                    served.put("html " + topic.slug() + "?page=" + page, html.get().body());
                }
            }

            p.load();
            Catalog loaded = p.catalog();
            assertTrue(startup.all().size() < loaded.all().size(), "the start-up catalog holds the newest only");
            for (Topic topic : loaded.topics()) {
                assertEquals(loaded.articlesOf(topic.slug()).size(), counts.get(topic.slug()),
                        topic.slug() + ": counted from the store before the merge");
                assertEquals(counts.get(topic.slug()), fromStore.countOf(loaded, topic.slug()));
            }
            assertEquals(new String(fromMemory.indexPage(loaded, base).body(), StandardCharsets.UTF_8),
                    new String(served.remove("index"), StandardCharsets.UTF_8), "the index page, its counts too");
            assertTrue(fromStore.atomPage(loaded, Topic.ALL_SLUG, 99, base).isEmpty());
            int pages = 0;
            for (Topic topic : loaded.topics()) {
                int count = (loaded.articlesOf(topic.slug()).size() + MAX_ENTRIES - 1) / MAX_ENTRIES;
                for (int page = 1; page <= Math.max(1, count); page++) {
                    String key = topic.slug() + "?page=" + page;
                    assertTrue(served.containsKey(key), key + " was served before the merge");
                    assertEquals(new String(fromMemory.atomPage(loaded, topic.slug(), page, base).orElseThrow().body(),
                            StandardCharsets.UTF_8), new String(served.get(key), StandardCharsets.UTF_8), key);
                    assertEquals(new String(fromMemory.topicPage(loaded, topic.slug(), page, base).orElseThrow().body(),
                            StandardCharsets.UTF_8), new String(served.get("html " + key), StandardCharsets.UTF_8), key);
                    pages++;
                }
                assertTrue(fromStore.atomPage(loaded, topic.slug(), Math.max(1, count) + 1, base).isEmpty());
            }
            assertEquals(served.size(), 2 * pages, "no page served before that the merged catalog does not have");
            assertTrue(pages >= 3 + loaded.topics().size(), "deeper pages were compared: " + pages);
        }
    }

    @Test
    void storeOfAnEarlierRun_aHideAndATopicExcludeAddedWhileStopped_applyToTheStartUpCatalogToo_issue11()
            throws Exception {
        Catalog published;
        try (Pipeline earlier = Pipeline.open(config(), MainTest.seeds(), dir.resolve("data"), CLOCK, Rebuilder.Listener.NONE)) {
            published = Catalogs.held(earlier.catalog());
        }
        Article hidden = published.all().get(0);
        Article excluded = published.articlesOf("ai").stream().filter(a -> !a.key().equals(hidden.key()))
                .findFirst().orElseThrow();
        Files.writeString(dir.resolve("config").resolve("keep-out.yaml"), "hide: ['" + hidden.url()
                + "?utm_source=x']\ntopics:\n  - name: AI\n    exclude: ['" + excluded.title().replace("'", "''")
                + "']\n");
        FeedloomConfig config = ConfigLoader.load(dir.resolve("config")).config();
        assertEquals(1, config.hide().size());

        try (Pipeline p = Pipeline.openUnloaded(config, MainTest.seeds(), dir.resolve("data"), CLOCK, Rebuilder.Listener.NONE, true)) {
            assertTrue(p.serveStored());
            List<String> startup = p.catalog().all().stream().map(Article::key).toList();
            assertFalse(startup.contains(hidden.key()), "hidden before everything stored is merged");
            assertTrue(startup.contains(excluded.key()));
            assertFalse(p.catalog().articlesOf("ai").stream().anyMatch(a -> a.key().equals(excluded.key())),
                    "kept out of AI before everything stored is merged");
            p.load();
            assertFalse(p.catalog().all().stream().anyMatch(a -> a.key().equals(hidden.key())));
            assertFalse(p.catalog().articlesOf("ai").stream().anyMatch(a -> a.key().equals(excluded.key())));
            assertEquals(1, p.aggregator.removals().hidden());
            assertEquals(java.util.Map.of("ai", 1), p.aggregator.removals().excludedByTopic());
        }
    }
}
