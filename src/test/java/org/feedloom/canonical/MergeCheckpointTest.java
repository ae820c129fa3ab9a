package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.testing.TextRows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13: an archive held again from a {@link MergeCheckpoint} of another ({@link MergedArticles#restore}, what a
 * restart needs so as not to merge its stored archive again) holds what the other held, and goes on as it would.
 */
class MergeCheckpointTest {
    private static int restores;
    private static int foldedRestored;
    private static int foldedSteps;

    @AfterAll
    static void theSequencesRestoreFoldedArchives() {
        assertTrue(restores > 200, "archives restored: " + restores);
        assertTrue(foldedRestored > 50, "restored archives holding a folded article: " + foldedRestored);
        assertTrue(foldedSteps > 100, "steps that ended with a folded article: " + foldedSteps);
    }

    /**
     * The random sequences of {@link RandomChanges}, whose incremental archive is replaced, after about one step in
     * three, by an empty one restored from its checkpoint: right after, the restored archive holds the same articles,
     * each with the same members and anchors; at every later step, both give what a merge from scratch gives (the
     * restored archive's alias, reference and anchor indexes decide which articles each change merges again).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomChanges_throughArchivesRestoredFromTheirCheckpoints_giveWhatAMergeFromScratchGives(long seed) {
        Random random = new Random(seed * 7919);
        List<Item> current = new ArrayList<>();
        MergeState[] state = {MergeState.inMemory()};
        MergedArticles[] merged = {new MergedArticles(state[0])};
        foldedSteps += RandomChanges.check(seed, new RandomChanges.Archive() {
            @Override
            public MergedArticles.Change apply(Collection<Item> removed, Collection<Item> added,
                                               PublishedIds published, Function<String, Instant> firstSeen) {
                MergedArticles.Change change = merged[0].apply(removed, added, published, firstSeen);
                removed.forEach(current::remove);
                current.addAll(added);
                if (random.nextInt(3) == 0) {
                    MergeState restoredState = MergeState.inMemory();
                    MergedArticles restored = new MergedArticles(restoredState);
                    MergedArticles.Change all = restored.restore(merged[0].checkpoint(current), current, published,
                            firstSeen);
                    assertSameArchive(state[0], restoredState);
                    assertEquals(merged[0].articles(), all.changed().stream()
                            .sorted(java.util.Comparator.comparing(Article::key)).toList(), "every article given");
                    restores++;
                    if (restoredState.articles().stream().anyMatch(a -> a.related().stream()
                            .anyMatch(l -> l.title() != null && l.title().startsWith("Also published at")))) {
                        foldedRestored++;
                    }
                    state[0] = restoredState;
                    merged[0] = restored;
                }
                return change;
            }

            @Override
            public List<Article> articles() {
                return merged[0].articles();
            }

            @Override
            public List<String> keys() {
                return merged[0].keys();
            }
        });
    }

    @Test
    void restore_refusesAnArchiveNotEmpty_andOtherItems_aCheckpointFindsEqualCopiesOfTheMembers() {
        Item one = item("https://a.example/one", "One");
        Item two = item("https://a.example/two", "Two");
        PublishedIds published = new PublishedIds();
        Function<String, Instant> firstSeen = key -> Instant.EPOCH;
        MergedArticles merged = new MergedArticles();
        merged.apply(List.of(), List.of(one, two), published, firstSeen);
        MergeCheckpoint checkpoint = merged.checkpoint(List.of(one, two));
        assertThrows(IllegalStateException.class, () -> merged.restore(checkpoint, List.of(one, two), published,
                firstSeen));
        assertThrows(IllegalArgumentException.class, () -> new MergedArticles().restore(checkpoint, List.of(one),
                published, firstSeen));
        assertThrows(IllegalArgumentException.class, () -> merged.checkpoint(List.of(one)), "a member not given");

        // a checkpoint not as written (an article left out, an item in two, a position beyond the items) is refused,
        // and the archive, left empty, merges as usual
        List<MergeCheckpoint.Entry> entries = checkpoint.articles();
        MergedArticles damaged = new MergedArticles();
        for (List<MergeCheckpoint.Entry> wrong : List.of(entries.subList(0, 1),
                List.of(entries.get(0), entries.get(0)),
                List.of(entries.get(0), new MergeCheckpoint.Entry(null, new int[] {7}, new int[0])))) {
            assertThrows(IllegalArgumentException.class, () -> damaged.restore(new MergeCheckpoint(2,
                    checkpoint.fingerprint(), wrong), List.of(one, two), published, firstSeen));
            assertEquals(0, damaged.size());
        }
        damaged.apply(List.of(), List.of(one, two), published, firstSeen);
        assertEquals(merged.articles(), damaged.articles());

        // the items as equal copies (a source's list made again): each found by equality, each position once
        List<Item> copies = List.of(item("https://a.example/two", "Two"), item("https://a.example/one", "One"));
        MergeCheckpoint ofCopies = merged.checkpoint(copies);
        MergedArticles restored = new MergedArticles();
        restored.restore(ofCopies, copies, published, firstSeen);
        assertEquals(merged.articles(), restored.articles());
    }

    /**
     * A restore that cannot read a text in its last run of articles (a failing disk under a restart) leaves the
     * archive empty, as it was, without the runs it put before; restored again once the texts read, it holds what the
     * checkpoint's archive held.
     */
    @Test
    void aRestoreThatCannotReadATextPartWay_leavesTheArchiveEmpty() {
        TextRows rows = new TextRows();
        List<Item> items = new ArrayList<>();
        Random words = new Random(17);
        for (int i = 0; i < 600; i++) { // two runs of restored articles
            String url = "https://a.example/story-" + i;
            StringBuilder text = new StringBuilder("<p>");
            for (int w = 0; w < 60; w++) {
                text.append(" word").append(words.nextInt(5_000));
            }
            items.add(new Item(Origin.FEED, "source:a", List.of(url), "Story " + i, null,
                    rows.stored("a", url, Body.Part.CONTENT, text.append("</p>").toString()), Instant.EPOCH, null,
                    null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null));
        }
        PublishedIds published = new PublishedIds();
        Function<String, Instant> firstSeen = key -> Instant.EPOCH;
        MergedArticles merged = new MergedArticles();
        merged.apply(List.of(), items, published, firstSeen);
        assertEquals(600, merged.size());
        MergeCheckpoint checkpoint = merged.checkpoint(items);
        int before = rows.reads();
        new MergedArticles().restore(checkpoint, items, published, firstSeen);
        int reads = rows.reads() - before; // what a restore reads: every text, no anchors being kept
        assertTrue(reads >= 600, "texts read: " + reads);

        rows.failFromRead(rows.reads() + reads); // its last read: in its last run
        MergedArticles failing = new MergedArticles();
        assertThrows(java.io.UncheckedIOException.class, () -> failing.restore(checkpoint, items, published,
                firstSeen));
        assertEquals(0, failing.size(), "the run put before taken out again");
        rows.failFromRead(Integer.MAX_VALUE);
        failing.restore(checkpoint, items, published, firstSeen);
        assertEquals(merged.articles(), failing.articles());
    }

    private static Item item(String url, String title) {
        return new Item(Origin.FEED, "source:a", List.of(url), title, null, null, Instant.EPOCH, null, null, List.of(),
                List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }

    /** The same articles, each with the same members (in any order) and anchors. */
    private static void assertSameArchive(MergeState expected, MergeState actual) {
        assertEquals(expected.articles(), actual.articles());
        for (String key : expected.keys()) {
            assertEquals(counts(expected.members(key)), counts(actual.members(key)), "the members of " + key);
            assertArrayEquals(expected.anchors(key), actual.anchors(key), "the anchors of " + key);
        }
    }

    private static Map<Item, Integer> counts(List<Item> items) {
        Map<Item, Integer> counts = new HashMap<>();
        items.forEach(item -> counts.merge(item, 1, Integer::sum));
        return counts;
    }
}
