package org.feedloom.bench.jmh;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.feedloom.model.Body;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.SourceState;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
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
 * A restart's reading of the stored items back ({@code ArticleStore.load}): 5,000 items of 40 sources in a SQLite
 * file, shaped as publishers' feeds give them (a link, three categories, an image, the feed's provider, an author),
 * their texts let go as a restart reads them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreLoadBench {
    private static final int SOURCES = 40;
    private static final int ITEMS_A_SOURCE = 125;

    TempStore temp;
    SqliteStore store;

    @Setup
    public void setUp() throws IOException {
        temp = new TempStore("feedloom-load-bench");
        store = temp.store;
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        List<SourceWrite> writes = new ArrayList<>();
        for (int s = 0; s < SOURCES; s++) {
            String host = "news" + s + ".example.org";
            String source = "source:feed-" + s;
            Provider provider = new Provider("News " + s, host,
                    List.of(new Image("https://" + host + "/logo.png", 256, 256, false)));
            List<Item> items = new ArrayList<>();
            for (int i = 0; i < ITEMS_A_SOURCE; i++) {
                String url = "https://" + host + "/2026/" + (1 + i % 12) + "/story-" + i + "-about-feeds-and-caches";
                items.add(new Item(Origin.FEED, source, List.of(url), "Story " + i + " about feeds and caches",
                        Body.of("<p>Summary of story " + i + ", in a sentence or two of plain text.</p>"),
                        Body.of(("<p>Paragraph of story " + i + ".</p>").repeat(12)), now.minusSeconds(61L * i), null,
                        provider, List.of(), List.of("feeds", "caching", "section " + i % 9),
                        List.of(new Image("https://cdn." + host + "/images/" + i + ".jpg", 1200, 630, false)),
                        List.of(), "Writer " + i % 7, null, SeedFacts.NONE, url, null));
            }
            writes.add(SourceWrite.fetched(SourceState.pending(source, "https://" + host + "/feed"), items,
                    new ArticleStore.Retention(10_000, 10_000), now));
        }
        store.commitBatch(writes);
    }

    /** Every stored item read back, with the sources' states and the other start-up tables. */
    @Benchmark
    public ArticleStore.Snapshot load() {
        return store.load();
    }

    @TearDown
    public void tearDown() throws IOException {
        temp.close();
    }
}
