package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.seed.SeedLoader;
import org.junit.jupiter.api.Test;

/**
 * The aggregator merges each change of its inputs as it comes (a source's items, the seeds, the configured sources)
 * and a rebuild publishes what the merges changed: whatever the order of the changes and the rebuilds between them,
 * the catalog is the one merging the final inputs at once gives.
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

    static List<Item> seeds() throws Exception {
        return SeedLoader.load(Path.of(AggregatorTest.class.getResource("/seeds").toURI())).items();
    }

    static void assertSame(Catalog expected, Catalog actual) {
        assertEquals(expected.all(), actual.all());
        assertEquals(expected.topics(), actual.topics());
        for (var topic : expected.topics()) {
            assertEquals(expected.articlesOf(topic.slug()), actual.articlesOf(topic.slug()), topic.slug());
        }
    }

    @Test
    void mergingTheInputsInAnyOrder_withRebuildsBetween_givesWhatMergingThemAtOnceGives() throws Exception {
        MemoryArchive atOnce = new MemoryArchive(CLOCK);
        atOnce.setSeeds(seeds());
        atOnce.setSourceItems("a", A);
        atOnce.setSourceItems("b", B);
        atOnce.setSourceItems("c", C);
        Catalog expected = atOnce.rebuild();

        MemoryArchive oneByOne = new MemoryArchive(CLOCK);
        oneByOne.setSourceItems("c", C);
        oneByOne.rebuild();
        oneByOne.setSourceItems("b", B);
        oneByOne.setSourceItems("a", A);
        oneByOne.rebuild();
        oneByOne.setSeeds(seeds());
        assertSame(expected, oneByOne.rebuild());
        assertEquals(atOnce.aggregator.drainNewPublishedIds().stream().map(r -> r.aliasKey()).sorted().toList(),
                oneByOne.aggregator.drainNewPublishedIds().stream().map(r -> r.aliasKey()).sorted().toList(),
                "every alias key shown is recorded once, whenever it was shown");
    }

    @Test
    void changesAfterAPublishedRebuild_giveWhatMergingTheNewInputsAtOnceGives() throws Exception {
        MemoryArchive changed = new MemoryArchive(CLOCK);
        changed.setSeeds(seeds());
        changed.setSourceItems("a", A);
        changed.setSourceItems("b", B);
        changed.rebuild();
        var published = changed.aggregator.drainNewPublishedIds();

        // X one leaves source a (Y two keeps it through b's bridge), b's bridge goes, c comes
        changed.setSourceItems("b", B.subList(1, 2));
        changed.setSourceItems("a", A.subList(0, 1));
        changed.setSourceItems("c", C);

        MemoryArchive atOnce = new MemoryArchive(CLOCK);
        atOnce.aggregator.usePublishedIds(published); // the ids published stay, whatever merges later
        atOnce.setSeeds(seeds());
        atOnce.setSourceItems("a", A.subList(0, 1));
        atOnce.setSourceItems("b", B.subList(1, 2));
        atOnce.setSourceItems("c", C);
        assertSame(atOnce.rebuild(), changed.rebuild());
    }

    @Test
    void aSourceTakenOutOfTheConfiguration_takesItsArticlesWithIt_andComesBackWithThemStored() throws Exception {
        MemoryArchive archive = new MemoryArchive(CLOCK);
        archive.setSourceItems("a", A);
        archive.setSourceItems("c", C);
        int both = archive.rebuild().all().size();
        archive.removeSource("c");
        assertEquals(both - 1, archive.rebuild().all().size());
        archive.setSources(List.of(MemoryArchive.source("a", List.of()), MemoryArchive.source("c", List.of())));
        assertEquals(both, archive.rebuild().all().size(), "its stored items are merged again");
    }
}
