package org.feedloom.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

/**
 * One configured source, Harbour News, and its numbered posts, committed through a pipeline's merger as its fetches
 * would: for the restart tests that fill a store and open it again.
 */
final class HarbourNews {
    private static final ArticleStore.Retention KEEP = new ArticleStore.Retention(10_000, 10_000);

    private final Clock clock;

    HarbourNews(Clock clock) {
        this.clock = clock;
    }

    /** The configuration of the one source, written under {@code dir}/config. */
    static FeedloomConfig config(Path dir) throws java.io.IOException {
        Path configDir = Files.createDirectories(dir.resolve("config"));
        Files.writeString(configDir.resolve("feedloom.yaml"), "sources:\n  - name: Harbour News\n"
                + "    url: http://127.0.0.1:9/feed.xml\n");
        return ConfigLoader.load(configDir).config();
    }

    /** Commits a fetch of {@code source} that gave {@code items}, merged for the next rebuild to show. */
    void fetched(Pipeline run, Source source, List<Item> items) {
        run.merger.commit(List.of(SourceWrite.fetched(SourceState.pending(source.id(), source.url()), items, KEEP,
                clock.instant())));
    }

    static String link(int post) {
        return "https://harbour.example.org/2026/12/post-" + post;
    }

    static Set<String> links(int from, int to) {
        Set<String> links = new TreeSet<>();
        for (int i = from; i < to; i++) {
            links.add(link(i));
        }
        return links;
    }

    static Set<String> links(List<Article> articles) {
        return articles.stream().map(Article::url).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Posts {@code from} to {@code to - 1}, an hour apart, each with a full text long enough to fold. */
    List<Item> posts(int from, int to) {
        List<Item> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String content = ("<p>Post " + i + " of the harbour's news: the ferry timetable, the lock's repairs, the "
                    + "market on the quay and the weather for the boats, told at length by the harbour master in "
                    + "issue " + i + ".</p>").repeat(4);
            items.add(new Item(Origin.FEED, "source:harbour-news", List.of(link(i)), "Post " + i,
                    Body.of("Post " + i + " of the harbour's news."), Body.of(content),
                    clock.instant().minusSeconds(3600L * (10 - i)), null, null, List.of(), List.of(), List.of(),
                    List.of(), null, null, SeedFacts.NONE, link(i), null));
        }
        return items;
    }
}
