package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.feedloom.model.Article;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;
import org.junit.jupiter.api.Test;

/**
 * {@link TextAnchors}: the anchors {@link Fingerprint#anchors} gives, read once per text (the same strings), for the
 * pair of strings asked about; a merge whose anchors were read ahead on other threads gives what a merge reading
 * them itself gives; an entry goes with its text.
 */
class TextAnchorsTest {
    private static final String EXCERPT = "The city council voted on Tuesday to close the old harbour bridge to cars "
            + "from next spring, after engineers found that two of its steel supports had corroded.";
    private static final String CONTENT = "<p>" + EXCERPT + "</p><p>Cyclists and pedestrians will still be able to "
            + "cross while a replacement is designed, the council said, and buses will be rerouted.</p>";

    @Test
    void anchors_areFingerprintsAnchors_readOncePerPairOfStrings() {
        TextAnchors anchors = new TextAnchors(FoldRule.DEFAULT);
        int least = FoldRule.DEFAULT.minShingles();
        long[] first = anchors.of(EXCERPT, CONTENT);
        assertTrue(first.length > 0, "the text is long enough to have anchors");
        assertArrayEquals(Fingerprint.anchors(EXCERPT, CONTENT, least), first);
        assertSame(first, anchors.of(EXCERPT, CONTENT), "the same strings: read once");

        String sameContent = new String(CONTENT.toCharArray()); // equal, another object: another text to the merge
        assertNotSame(first, anchors.of(EXCERPT, sameContent));
        assertArrayEquals(first, anchors.of(EXCERPT, sameContent));

        // the same content with another excerpt is another text: its own anchors, not the first pair's
        String otherExcerpt = "Engineers said the harbour bridge would need new steel supports within a year or two, "
                + "and that the council had known about the corrosion since the last inspection in the spring.";
        assertArrayEquals(Fingerprint.anchors(otherExcerpt, CONTENT, least), anchors.of(otherExcerpt, CONTENT));
        assertArrayEquals(Fingerprint.anchors(EXCERPT, CONTENT, least), anchors.of(EXCERPT, CONTENT));
        assertArrayEquals(Fingerprint.anchors(null, CONTENT, least), anchors.of(null, CONTENT));
        assertArrayEquals(Fingerprint.anchors(EXCERPT, null, least), anchors.of(EXCERPT, null));
        assertArrayEquals(new long[0], anchors.of(null, null));
    }

    @Test
    void noFolding_noAnchors() {
        TextAnchors anchors = new TextAnchors(new FoldRule(false, FoldRule.DEFAULT.containment(),
                FoldRule.DEFAULT.window(), FoldRule.DEFAULT.minShingles()));
        anchors.prepare(List.of(item(0, "https://a.example/x", EXCERPT, CONTENT)));
        assertEquals(0, anchors.size());
        assertArrayEquals(new long[0], anchors.of(EXCERPT, CONTENT));
    }

    /**
     * Both sides of every pair of the folding evaluation set, merged at once: with their anchors read ahead on two
     * threads (each reading half the items, as fetch workers would), then by a merge reading them itself.
     */
    @Test
    void aMergeWithAnchorsReadAhead_isTheMergeReadingThemItself() throws Exception {
        List<Item> items = new ArrayList<>();
        for (FoldingSet.Pair p : FoldingSet.load()) {
            items.add(item(p.a()));
            items.add(item(p.b()));
        }
        TextAnchors anchors = new TextAnchors(FoldRule.DEFAULT);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int half = items.size() / 2;
            Future<?> one = pool.submit(() -> anchors.prepare(items.subList(0, half)));
            Future<?> two = pool.submit(() -> anchors.prepare(items.subList(half, items.size())));
            one.get();
            two.get();
        } finally {
            pool.shutdown();
        }
        assertEquals(items.stream().filter(i -> i.content() != null || i.excerpt() != null).count(), anchors.size());

        List<Article> ahead = ArticleMerger.merge(items, new PublishedIds(), key -> Instant.EPOCH, anchors);
        List<Article> itself = ArticleMerger.merge(items, new PublishedIds(), key -> Instant.EPOCH, FoldRule.DEFAULT);
        assertEquals(itself, ahead);
        assertTrue(itself.size() < items.size(), "the set's copies fold: " + itself.size() + " of " + items.size());
    }

    @Test
    void aTextNoLongerHeld_isDropped() throws InterruptedException {
        TextAnchors anchors = new TextAnchors(FoldRule.DEFAULT);
        anchors.of(EXCERPT, new String(CONTENT.toCharArray())); // held by nothing once read
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (anchors.size() > 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(0, anchors.size());
    }

    private static Item item(FoldingSet.Side side) {
        return new Item(Origin.FEED, "source:" + side.provider(), List.of(side.url()), side.title(), side.excerpt(),
                side.content(), side.published(), null, new Provider(side.provider(), null, List.of()), List.of(),
                List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, side.url(), null);
    }

    private static Item item(int n, String url, String excerpt, String content) {
        return new Item(Origin.FEED, "source:s" + n % 7, List.of(url), "Title " + n, excerpt, content,
                Instant.parse("2026-03-02T09:00:00Z").plusSeconds(3600L * (n % 5)), null,
                new Provider("Outlet " + n % 7, null, List.of()), List.of(), List.of(), List.of(), List.of(), null,
                null, SeedFacts.NONE, url, null);
    }
}
