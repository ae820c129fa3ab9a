package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Link;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the aggregator links the published articles that report one story ({@link RelatedRule}) and keeps those
 * links true as the archive changes: an article gone or hidden takes its links with it, the order articles arrive in
 * does not matter, and a seed's own related link to an article is never replaced by a coverage link.
 */
class RelatedCoverageTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-12T00:00:00Z"), ZoneOffset.UTC);
    private static final String REPORT = "https://inland.example/news/dam-evacuation";
    private static final String EXPLAINER = "https://statehouse.example/what-went-wrong-at-lake-corrine";
    private static final String OTHER = "https://sports.example/hartwell-rovers-win";

    private static Item item(Origin origin, String provenance, String url, String title, String content,
                             String published, List<Item> related) {
        return new Item(origin, provenance, List.of(url), title, null, Body.of(content), Instant.parse(published), null, null,
                List.of(), List.of(), List.of(), related, null, null, SeedFacts.NONE, url, null);
    }

    private static Item live(String source, String url, String title, String content, String published) {
        return item(Origin.FEED, "source:" + source, url, title, content, published, List.of());
    }

    static final Item REPORT_ITEM = live("inland", REPORT, "Sheriff orders 1,400 residents below Lake Corrine dam "
            + "to leave", "<p>Merritt County Sheriff Dana Pruitt said deputies went door to door in Fenwick.</p>",
            "2026-02-11T06:20:00Z");
    static final Item EXPLAINER_ITEM = live("statehouse", EXPLAINER, "What went wrong at Lake Corrine",
            "<p>The 1,400 people ordered out of Fenwick and Lower Corrine are waiting, Sheriff Dana Pruitt said.</p>",
            "2026-02-11T19:05:00Z");
    static final Item OTHER_ITEM = live("sports", OTHER, "Hartwell Rovers beat Brockholt Town 3-1",
            "<p>Manager Stefan Lindqvist praised his side's second half.</p>", "2026-02-11T21:00:00Z");

    /** Each article's related links, by its URL. */
    private static Map<String, List<String>> links(Catalog catalog) {
        return catalog.all().stream().collect(Collectors.toMap(Article::url,
                a -> a.related().stream().map(Link::url).toList()));
    }

    @TempDir Path dir;

    /** The merged store of a folder of its own under the test's, by the default rules. */
    private MergedStore merged(String name) {
        return new MergedStore(dir.resolve(name), CLOCK);
    }

    /** {@code store} given the report, the explainer and the unrelated article, one source each, not rebuilt yet. */
    private static MergedStore withAllThree(MergedStore store) {
        store.setSourceItems("inland", List.of(REPORT_ITEM));
        store.setSourceItems("statehouse", List.of(EXPLAINER_ITEM));
        store.setSourceItems("sports", List.of(OTHER_ITEM));
        return store;
    }

    @Test
    void twoReportsOfOneStory_linkToEachOther_andAnUnrelatedArticleStaysAlone() {
        try (MergedStore store = withAllThree(merged("all-three"))) {
            Aggregator aggregator = store.aggregator;
            Map<String, List<String>> links = links(aggregator.rebuild());
            assertEquals(Map.of(REPORT, List.of(EXPLAINER), EXPLAINER, List.of(REPORT), OTHER, List.of()), links);
            assertEquals(1, aggregator.drainNewStoryLinks().size(), "the pair's evidence, once, for the store");
            assertEquals(1, aggregator.removals().storyLinks().size(), "and for /status");
        }
    }

    @Test
    void anArticleGoneOrHidden_takesItsLinksWithIt_andBringsThemBackWhenItReturns() {
        try (MergedStore store = merged("gone-or-hidden")) {
            Aggregator aggregator = store.aggregator;
            store.setSourceItems("inland", List.of(REPORT_ITEM));
            store.setSourceItems("statehouse", List.of(EXPLAINER_ITEM));
            aggregator.rebuild();

            store.setSourceItems("statehouse", List.of());
            assertEquals(Map.of(REPORT, List.of()), links(aggregator.rebuild()), "the explainer gone, no link to it");
            store.setSourceItems("statehouse", List.of(EXPLAINER_ITEM));
            assertEquals(List.of(EXPLAINER), links(aggregator.rebuild()).get(REPORT), "back again");

            aggregator.setHidden(List.of(EXPLAINER));
            assertEquals(Map.of(REPORT, List.of()), links(aggregator.rebuild()),
                    "a hidden article is linked from nowhere");
            aggregator.setHidden(List.of());
            assertEquals(List.of(EXPLAINER), links(aggregator.rebuild()).get(REPORT), "shown again, linked again");
        }
    }

    @Test
    void theOrderArticlesArriveIn_doesNotMatter() {
        try (MergedStore atOnce = withAllThree(merged("at-once")); MergedStore oneByOne = merged("one-by-one")) {
            Catalog expected = atOnce.aggregator.rebuild();

            oneByOne.setSourceItems("sports", List.of(OTHER_ITEM));
            oneByOne.aggregator.rebuild();
            oneByOne.setSourceItems("statehouse", List.of(EXPLAINER_ITEM));
            oneByOne.aggregator.rebuild();
            oneByOne.setSourceItems("inland", List.of(REPORT_ITEM));
            assertEquals(expected.all(), oneByOne.aggregator.rebuild().all());
        }
    }

    @Test
    void aSeedsOwnRelatedLink_wins_overACoverageLinkToTheSameArticle() {
        Item mention = item(Origin.RELATED, "seed:dam.yaml", EXPLAINER + "?utm_source=seed", "The seed's headline",
                null, "2026-02-11T19:05:00Z", List.of());
        Item seed = item(Origin.SEED, "seed:dam.yaml", REPORT, REPORT_ITEM.title(), REPORT_ITEM.content(),
                "2026-02-11T06:20:00Z", List.of(mention));
        try (MergedStore store = merged("seed")) {
            store.setSeeds(List.of(seed));
            store.setSourceItems("statehouse", List.of(EXPLAINER_ITEM));
            Article report = store.aggregator.rebuild().all().stream().filter(a -> a.url().equals(REPORT))
                    .findFirst().orElseThrow();
            assertEquals(1, report.related().size(), "one link to the explainer: " + report.related());
            assertTrue(!report.related().get(0).title().startsWith("Also reported by"), "the seed's: "
                    + report.related().get(0));
        }
    }

    @Test
    void anArticlesOwnRelatedLinks_stayWhenItsCoverageLinkGoes_afterTheSnapshotHoldsIt() {
        Item mention = item(Origin.RELATED, "seed:dam.yaml", OTHER, "The seed's other story", null,
                "2026-02-11T21:00:00Z", List.of());
        Item seed = item(Origin.SEED, "seed:dam.yaml", REPORT, REPORT_ITEM.title(), REPORT_ITEM.content(),
                "2026-02-11T06:20:00Z", List.of(mention));
        try (MergedStore store = merged("own-related")) {
            store.aggregator.keepCoverageOfAtMost(0); // every link judged again from the snapshot's rows
            store.setSeeds(List.of(seed));
            assertEquals(List.of(OTHER), links(store.aggregator.rebuild()).get(REPORT), "the seed's own link");
            store.setSourceItems("statehouse", List.of(EXPLAINER_ITEM));
            assertEquals(List.of(OTHER, EXPLAINER), links(store.aggregator.rebuild()).get(REPORT),
                    "its own link, then its coverage");
            assertEquals(List.of(), store.aggregator.shown(), "memory holds no shown article once synced");
            store.setSourceItems("statehouse", List.of());
            assertEquals(List.of(OTHER), links(store.aggregator.rebuild()).get(REPORT),
                    "the coverage link gone with its article, the seed's own kept (read from the snapshot)");
            store.setSourceItems("statehouse", List.of(EXPLAINER_ITEM));
            assertEquals(List.of(OTHER, EXPLAINER), links(store.aggregator.rebuild()).get(REPORT), "and back");
        }
    }

    /**
     * Item {@code n} of source {@code source} (a host of its own): story {@code n % 5}'s names and figure, some hours
     * into February.
     */
    private static Item storyItem(String source, int n, int hours) {
        int story = n % 5;
        return live(source, "https://" + source + ".example/news/" + n, "Report " + n + " of story " + story,
                "<p>Mayor Lena Story" + story + " met Judge Omar Case" + story + " in Port Story" + story + "town. About "
                        + (1_000 + story) + " people came.</p>",
                Instant.parse("2026-01-20T00:00:00Z").plusSeconds(3_600L * hours).toString());
    }

    @Test
    void memoryKeepingNoneOfTheCoveragesEntries_linksAsMemoryKeepingThemAll() {
        Random random = new Random(13);
        try (MergedStore lean = merged("lean"); MergedStore full = merged("full")) {
            lean.aggregator.keepCoverageOfAtMost(0);
            int linked = 0;
            for (int step = 0; step < 25; step++) {
                String source = "s" + random.nextInt(4);
                List<Item> items = new ArrayList<>();
                for (int n = 0; n < 12; n++) {
                    if (random.nextInt(3) > 0) { // now listed, now not; at one of a few dates over three weeks
                        items.add(storyItem(source, n, random.nextInt(3) * 24 * 7 + n * 5));
                    }
                }
                lean.setSourceItems(source, items);
                full.setSourceItems(source, items);
                Catalog expected = full.aggregator.rebuild();
                assertEquals(expected.all(), lean.aggregator.rebuild().all(), "step " + step);
                assertEquals(0, lean.aggregator.coverageEntries(), "step " + step + ": memory holds no entry");
                assertTrue(full.aggregator.coverageEntries() > 0 || expected.all().isEmpty(), "step " + step);
                linked = Math.max(linked, (int) expected.all().stream().filter(a -> !a.related().isEmpty()).count());
            }
            assertTrue(linked > 10, "articles were linked: " + linked);
            assertTrue(lean.aggregator.coverageDaysRead() > 0, "days read again");
            assertEquals(0, full.aggregator.coverageDaysRead(), "one keeping every entry reads no day again");
        }
    }

    @Test
    void withTheRuleOff_nothingIsLinked() {
        try (MergedStore store = new MergedStore(dir, CLOCK, FoldRule.DEFAULT, RelatedRule.OFF)) {
            store.setSourceItems("inland", List.of(REPORT_ITEM));
            store.setSourceItems("statehouse", List.of(EXPLAINER_ITEM));
            assertEquals(Map.of(REPORT, List.of(), EXPLAINER, List.of()), links(store.aggregator.rebuild()));
        }
    }
}
