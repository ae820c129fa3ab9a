package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.feedloom.config.ConfigLoader;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.feedloom.store.StoreException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/**
 * A restart whose showing of the stored archive the store fails (it reads the stored texts to assign topics and link
 * coverage) leaves what it had not shown waiting: the rebuilder shows it once the store can be read again, with
 * nothing fetched meanwhile, and a later fetch's rebuild publishes its new article beside the stored ones (the
 * stored ones never leave the feeds for a failed read).
 */
class StartUpShowingStoreFailureTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T09:00:00Z"), ZoneOffset.UTC);
    private static final ArticleStore.Retention KEEP = new ArticleStore.Retention(10_000, 10_000);

    @TempDir Path dir;

    @Test
    void aStartUpShowingTheStoreFailed_isDoneOnceItCanRead_andALaterFetchKeepsTheStoredArticles() throws Exception {
        FeedloomConfig config = config();
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Path data = dir.resolve("data");
        Source source = config.sources().get(0);
        try (Pipeline first = Pipeline.open(config, seeds, data, CLOCK, Rebuilder.Listener.NONE)) {
            fetched(first, source, posts(0, 3));
            assertEquals(links(0, 3), links(first.rebuilder.rebuildNow().all()));
        }

        unreadableTexts(data.resolve(Pipeline.DB_FILE), true);
        try (Pipeline restart = Pipeline.openUnloaded(config, seeds, data, CLOCK, Rebuilder.Listener.NONE, true)) {
            restart.read();
            assertThrows(StoreException.class, restart::mergeRead);
            assertEquals(0, restart.catalog().all().size(), "nothing shown yet");

            unreadableTexts(data.resolve(Pipeline.DB_FILE), false);
            RunningFeedloom.waitUntil("the stored archive shown, nothing fetched since",
                    () -> !restart.aggregator.changesWaiting() && !restart.rebuilder.pending()
                            && restart.catalog().all().size() == 3);
            assertEquals(links(0, 3), links(restart.catalog().all()));

            fetched(restart, source, posts(0, 4)); // the feed's next fetch: one post more
            assertEquals(links(0, 4), links(restart.rebuilder.rebuildNow().all()),
                    "the stored posts beside the new one");
        }
    }

    private FeedloomConfig config() throws Exception {
        Path configDir = Files.createDirectories(dir.resolve("config"));
        Files.writeString(configDir.resolve("feedloom.yaml"), "sources:\n  - name: Harbour News\n"
                + "    url: http://127.0.0.1:9/feed.xml\n");
        return ConfigLoader.load(configDir).config();
    }

    /** Commits a fetch of {@code source} that gave {@code items}, merged for the next rebuild to show. */
    private static void fetched(Pipeline run, Source source, List<Item> items) {
        run.merger.commit(List.of(SourceWrite.fetched(SourceState.pending(source.id(), source.url()), items, KEEP,
                CLOCK.instant())));
    }

    private static String link(int post) {
        return "https://harbour.example.org/2026/12/post-" + post;
    }

    private static Set<String> links(int from, int to) {
        Set<String> links = new java.util.TreeSet<>();
        for (int i = from; i < to; i++) {
            links.add(link(i));
        }
        return links;
    }

    private static Set<String> links(List<Article> articles) {
        return articles.stream().map(Article::url).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** Posts {@code from} to {@code to - 1}, each with a full text long enough to fold. */
    private static List<Item> posts(int from, int to) {
        List<Item> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String content = ("<p>Post " + i + " of the harbour's news: the ferry timetable, the lock's repairs, the "
                    + "market on the quay and the weather for the boats, told at length by the harbour master in "
                    + "issue " + i + ".</p>").repeat(4);
            items.add(new Item(Origin.FEED, "source:harbour-news", List.of(link(i)), "Post " + i,
                    Body.of("Post " + i + " of the harbour's news."), Body.of(content),
                    CLOCK.instant().minusSeconds(3600L * (10 - i)), null, null, List.of(), List.of(), List.of(),
                    List.of(), null, null, SeedFacts.NONE, link(i), null));
        }
        return items;
    }

    /**
     * Makes the stored texts unreadable (or readable again): the items' excerpt and content columns, and what the
     * store kept of their readings, moved aside, as a failing disk or a lost connection fails a read. The rest of the
     * store reads as before, so the restart gets as far as its merge.
     */
    private static void unreadableTexts(Path db, boolean unreadable) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            for (String column : List.of("excerpt", "content")) {
                s.execute(unreadable ? "ALTER TABLE item RENAME COLUMN " + column + " TO away_" + column
                        : "ALTER TABLE item RENAME COLUMN away_" + column + " TO " + column);
            }
            for (String table : List.of("story_terms", "topic_reading")) {
                s.execute(unreadable ? "ALTER TABLE " + table + " RENAME TO away_" + table
                        : "ALTER TABLE away_" + table + " RENAME TO " + table);
            }
        }
    }
}
