package org.feedloom.bench.jmh;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;
import org.feedloom.store.SqliteStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A restart's first sync of the articles snapshot, which finds every article unchanged: each of 5,000 articles
 * written out as its row and hashed, and compared with the stored hash, in a SQLite file. The articles are merged from
 * items shaped as publishers' feeds give them: a link with tracking and {@code www.} variants (several items an
 * article), a few categories, an author, an image, some a related link, the feed's provider.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SnapshotSyncBench {
    private static final int ARTICLES = 5_000;

    TempStore temp;
    SqliteStore store;
    List<Article> articles;

    @Setup
    public void setUp() throws IOException {
        temp = new TempStore("feedloom-sync-bench");
        store = temp.store;
        Random random = new Random(13);
        List<Item> items = new ArrayList<>();
        List<Provider> providers = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            providers.add(new Provider("News " + s, "news" + s + ".example.org",
                    List.of(new Image("https://news" + s + ".example.org/logo.png", 256, 256, false))));
        }
        for (int i = 0; i < ARTICLES; i++) {
            String host = "news" + i % 40 + ".example.org";
            String path = "/2026/" + (1 + i % 12) + "/story-" + i + "-about-feeds-and-caches";
            String source = "source:feed-" + i % 40;
            Provider provider = providers.get(i % 40); // one object a source, as the store reads them back
            List<Image> images = List.of(new Image("https://cdn." + host + "/images/" + i + ".jpg", 1200, 630, false));
            for (String url : random.nextInt(3) == 0
                    ? List.of("https://" + host + path, "https://www." + host + path + "?utm_source=rss")
                    : List.of("https://" + host + path)) {
                List<Item> related = random.nextInt(5) == 0 ? List.of(new Item(Origin.RELATED, source,
                        List.of("https://" + host + "/2026/1/story-" + random.nextInt(ARTICLES)), "", null, null, null,
                        null, null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, null, null))
                        : List.of();
                items.add(new Item(Origin.FEED, source, List.of(url), "Story " + i + " about feeds and caches",
                        Body.of("<p>Summary of story " + i + ", in a sentence or two of plain text.</p>"),
                        Body.of(("<p>Paragraph of story " + i + ".</p>").repeat(12)),
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(61L * i), null, provider, List.of(),
                        List.of("feeds", "caching", "section " + i % 9), images, related, "Writer " + i % 70, null,
                        SeedFacts.NONE, url, null));
            }
        }
        articles = new ArrayList<>(ArticleMerger.merge(items, k -> Instant.EPOCH));
        articles.sort(Comparator.comparing(Article::key));
        store.syncArticles(articles);
    }

    /** The sync that finds every article as stored (nothing written). */
    @Benchmark
    public void syncUnchanged() {
        store.syncArticles(articles);
    }

    @TearDown
    public void tearDown() throws IOException {
        temp.close();
    }
}
