package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.seed.SeedLoader;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's {@code reindex} merges source after source ({@link Aggregator#mergeSource}) before the one rebuild that
 * shows and publishes them: that gives the catalog and the new ids one rebuild of everything gives, on a fresh
 * aggregator and on one that already published (whose rebuild shows only what the merges changed).
 */
class AggregatorTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final String POPSCI = "https://www.popsci.com/technology/microsoft-removes-facial-recognition-tools/";

    static Item live(String source, String title, String... urls) {
        return new Item(Origin.FEED, "source:" + source, List.of(urls), title, null, null, null, null, null,
                List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, urls[0], null);
    }

    static final List<Item> A = List.of(live("a", "PopSci, AMP", POPSCI + "amp/"),
            live("a", "X one", "https://x.example.org/1"));
    static final List<Item> B = List.of(
            live("b", "A bridge of X one and Y two", "https://www.x.example.org/1?utm_source=b", "https://y.example.org/2"),
            live("b", "Y two, AMP", "https://y.example.org/2/amp"));
    static final List<Item> C = List.of(live("c", "Z three", "https://z.example.org/3"));

    static Aggregator withSeeds() throws Exception {
        Aggregator aggregator = new Aggregator(CLOCK);
        aggregator.setSeeds(SeedLoader.load(Path.of(AggregatorTest.class.getResource("/seeds").toURI())).items());
        return aggregator;
    }

    static void set(Aggregator aggregator, List<Item> a, List<Item> b, List<Item> c) {
        aggregator.setSourceItems("a", a);
        aggregator.setSourceItems("b", b);
        aggregator.setSourceItems("c", c);
    }

    static void assertSame(Aggregator atOnce, Catalog expected, Aggregator oneByOne, Catalog actual) {
        assertEquals(expected.all(), actual.all());
        assertEquals(expected.topics(), actual.topics());
        for (var topic : expected.topics()) {
            assertEquals(expected.articlesOf(topic.slug()), actual.articlesOf(topic.slug()), topic.slug());
        }
        assertEquals(atOnce.drainNewPublishedIds(), oneByOne.drainNewPublishedIds());
        // a merge step records the first sight of every undated article it makes, as each incremental rebuild does,
        // so steps may record a few more (of articles a later step merges into a dated one): never another time
        Map<String, Instant> recorded = oneByOne.drainNewFirstSeen();
        atOnce.drainNewFirstSeen().forEach((key, time) -> assertEquals(time, recorded.get(key), key));
    }

    @Test
    void mergingSourcesOneByOne_onAFreshAggregator_givesWhatOneRebuildGives() throws Exception {
        Aggregator atOnce = withSeeds();
        Aggregator oneByOne = withSeeds();
        set(atOnce, A, B, C);
        set(oneByOne, A, B, C);
        assertEquals(List.of("a", "b", "c"), oneByOne.unmergedSources());
        oneByOne.unmergedSources().forEach(oneByOne::mergeSource);
        assertEquals(List.of(), oneByOne.unmergedSources());
        assertSame(atOnce, atOnce.rebuild(), oneByOne, oneByOne.rebuild());
    }

    @Test
    void mergingSourcesOneByOne_afterAPublishedRebuild_givesWhatOneRebuildGives() throws Exception {
        Aggregator atOnce = withSeeds();
        Aggregator oneByOne = withSeeds();
        set(atOnce, A, B, List.of());
        set(oneByOne, A, B, List.of());
        assertSame(atOnce, atOnce.rebuild(), oneByOne, oneByOne.rebuild());

        // X one leaves source a (Y two keeps it through b's bridge), b's bridge goes, c comes
        set(atOnce, A.subList(0, 1), B.subList(1, 2), C);
        set(oneByOne, A.subList(0, 1), B.subList(1, 2), C);
        oneByOne.mergeSource("b");
        oneByOne.mergeSource("a");
        assertEquals(List.of("c"), oneByOne.unmergedSources(), "what is not merged yet, the rebuild merges");
        assertSame(atOnce, atOnce.rebuild(), oneByOne, oneByOne.rebuild());
    }
}
