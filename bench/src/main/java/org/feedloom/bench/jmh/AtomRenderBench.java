package org.feedloom.bench.jmh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.feedloom.canonical.ArticleMerger;
import org.feedloom.model.Body;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Topic;
import org.feedloom.publish.AtomRenderer;
import org.feedloom.publish.SiteInfo;
import org.feedloom.topic.TopicIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The Atom renderer on one topic of 50 entries with ~1.5 KB of content each (about the serve benchmark's feed). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AtomRenderBench {
    AtomRenderer renderer;
    Topic topic;
    List<Article> articles;
    Catalog catalog;

    @Setup
    public void setUp() {
        renderer = new AtomRenderer(new SiteInfo("Bench", "Bench", "bench", 50));
        topic = new Topic("bench", "Bench");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String body = ("<p>Paragraph " + i + " of an article about feeds, caches and canonical URLs. </p>").repeat(18);
            String url = "https://news" + i % 7 + ".example.org/2026/01/article-" + i;
            items.add(new Item(Origin.FEED, "source:bench", List.of(url),
                    "Article " + i + " about feeds", Body.of("<p>Summary of article " + i + ".</p>"), Body.of(body),
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i), null, null, List.of("Bench"),
                    List.of("feeds", "caching"), List.of(), List.of(), "Writer " + i, null, SeedFacts.NONE, url, null));
        }
        articles = new ArrayList<>(ArticleMerger.merge(items, k -> Instant.EPOCH));
        articles.sort(Comparator.comparing(Article::published).reversed());
        catalog = new TopicIndex(List.of()).catalog(1, articles);
    }

    @Benchmark
    public byte[] render() {
        return renderer.render(catalog, topic, "http://127.0.0.1:8080/");
    }
}
