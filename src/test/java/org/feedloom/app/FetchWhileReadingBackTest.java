package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart on a filled store fetches while it reads the stored archive back for the showing
 * ({@link Pipeline#readInputs}, then {@link Pipeline#readBack}, rebuilds {@link Rebuilder#hold held} back in
 * between, as {@code serve} runs them): the first rebuild after the read-back shows the stored articles and what was
 * fetched meanwhile, and no rebuild before it publishes the fetched articles alone or syncs them over the stored
 * articles snapshot, not even the pending one a close runs.
 */
class FetchWhileReadingBackTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);
    private static final ArticleStore.Retention KEEP = new ArticleStore.Retention(10_000, 10_000);

    @TempDir Path dir;

    @Test
    void aFetchDuringTheReadBack_isShownWithTheStoredArchive_byTheFirstRebuild() throws Exception {
        FeedloomConfig config = config();
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Path data = dir.resolve("data");
        Source source = config.sources().get(0);
        filled(config, seeds, data, source);

        try (Pipeline restart = Pipeline.openUnloaded(config, seeds, data, CLOCK, Rebuilder.Listener.NONE, true)) {
            restart.readInputs();
            restart.rebuilder.hold();
            fetched(restart, source, posts(0, 4)); // the feed's first fetch after the restart: one post more
            restart.readBack();
            assertEquals(links(0, 4), links(restart.rebuilder.rebuildNow().all()),
                    "the stored posts beside the one fetched while they were read back");
            restart.rebuilder.release();

            fetched(restart, source, posts(0, 5)); // a later fetch: rebuilt in the background again
            RunningFeedloom.waitUntil("the later fetch shown", () -> restart.catalog().all().size() == 5);
            assertEquals(links(0, 5), links(restart.catalog().all()));
            RunningFeedloom.waitUntil("synced", () -> !restart.rebuilder.pending()
                    && restart.store.newestArticles(50).size() == 5);
        }
    }

    @Test
    void heldRebuilds_neverSyncTheFetchedArticlesAloneOverTheSnapshot_notEvenAtClose() throws Exception {
        FeedloomConfig config = config();
        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Path data = dir.resolve("data");
        Source source = config.sources().get(0);
        filled(config, seeds, data, source);

        try (Pipeline restart = Pipeline.openUnloaded(config, seeds, data, CLOCK, Rebuilder.Listener.NONE, true)) {
            restart.readInputs();
            restart.rebuilder.hold();
            fetched(restart, source, posts(0, 4));
            restart.rebuilder.request(); // as a configuration reload or a peer's change asks; stopped before the read-back
        }
        try (Pipeline next = Pipeline.openUnloaded(config, seeds, data, CLOCK, Rebuilder.Listener.NONE, true)) {
            assertEquals(links(0, 3), links(next.store.newestArticles(50)),
                    "the snapshot the last showing synced, not the fetched post alone");
            next.load();
            assertEquals(links(0, 4), links(next.catalog().all()), "the next start shows what was committed");
        }
    }

    /** A store whose merged archive and snapshot hold posts 0 to 2 of the source. */
    private static void filled(FeedloomConfig config, Path seeds, Path data, Source source) {
        try (Pipeline first = Pipeline.open(config, seeds, data, CLOCK, Rebuilder.Listener.NONE)) {
            fetched(first, source, posts(0, 3));
            assertEquals(links(0, 3), links(first.rebuilder.rebuildNow().all()));
            assertEquals(links(0, 3), links(first.store.newestArticles(50)));
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
        Set<String> links = new TreeSet<>();
        for (int i = from; i < to; i++) {
            links.add(link(i));
        }
        return links;
    }

    private static Set<String> links(List<Article> articles) {
        return articles.stream().map(Article::url).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Item> posts(int from, int to) {
        List<Item> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            items.add(new Item(Origin.FEED, "source:harbour-news", List.of(link(i)), "Post " + i,
                    Body.of("Post " + i + " of the harbour's news."), null,
                    CLOCK.instant().minusSeconds(3600L * (10 - i)), null, null, List.of(), List.of(), List.of(),
                    List.of(), null, null, SeedFacts.NONE, link(i), null));
        }
        return items;
    }
}
