package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 13: {@link MergedArticles} in memory merges only what a change affects, as a merge from scratch would. */
class MergedArticlesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static int foldedSteps;

    @org.junit.jupiter.api.AfterAll
    static void theSequencesFoldCopies() {
        assertTrue(foldedSteps > 100, "steps that ended with a folded article: " + foldedSteps);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomChanges_giveWhatAMergeFromScratchGives(long seed) {
        MergedArticles merged = new MergedArticles();
        foldedSteps += RandomChanges.check(seed, RandomChanges.of(merged, change -> { }));
    }

    @Test
    void articlesOfOneSource_mergedInDifferentChanges_shareOneFeedListAndOneProvenanceList() {
        MergedArticles merged = new MergedArticles();
        PublishedIds published = new PublishedIds();
        org.feedloom.model.FeedRef feed = new org.feedloom.model.FeedRef("a", "A", "https://a.example/");
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String url = "https://a.example/" + i;
            items.add(new Item(Origin.FEED, "source:a", List.of(url), "Post " + i, null, null, T0, null, null,
                    List.of(), List.of(), List.of(), List.of(), null, feed, SeedFacts.NONE, url, null));
        }
        Item other = new Item(Origin.FEED, "source:b", List.of("https://b.example/1"), "Elsewhere", null, null, T0,
                null, null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE,
                "https://b.example/1", null);
        merged.apply(List.of(), List.of(items.get(0), other), published, key -> T0);
        merged.apply(List.of(), List.of(items.get(1)), published, key -> T0);
        Article first = merged.articles().stream().filter(a -> a.title().equals("Post 0")).findFirst().orElseThrow();
        Article second = merged.articles().stream().filter(a -> a.title().equals("Post 1")).findFirst().orElseThrow();
        Article elsewhere = merged.articles().stream().filter(a -> a.title().equals("Elsewhere")).findFirst()
                .orElseThrow();
        assertEquals(List.of(feed), second.feeds());
        assertSame(first.feeds(), second.feeds(), "one source's articles: one feed list");
        assertSame(first.provenance(), second.provenance(), "one source's articles: one provenance list");
        assertEquals(List.of("source:b"), elsewhere.provenance());
    }

    @Test
    void aChangeToOneStory_mergesOnlyItsPart() {
        MergedArticles merged = new MergedArticles();
        PublishedIds published = new PublishedIds();
        Function<String, Instant> firstSeen = key -> T0;
        List<Item> items = new ArrayList<>();
        for (int s = 0; s < RandomChanges.STORIES; s++) {
            items.add(new Item(Origin.FEED, "source:a", List.of(RandomChanges.url(s, 0)), "Story " + s, null, null, T0, null, null,
                    List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, RandomChanges.url(s, 0), null));
        }
        merged.apply(List.of(), items, published, firstSeen);
        published.record(merged.articles(), T0);
        Item amp = new Item(Origin.FEED, "source:b", List.of(RandomChanges.url(3, 3)), "Story 3, AMP", Body.of("longer excerpt"), null, T0,
                null, null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, RandomChanges.url(3, 3), null);
        MergedArticles.Change change = merged.apply(List.of(), List.of(amp), published, firstSeen);
        assertEquals(1, change.changed().size(), "only story 3's article changed");
        assertEquals("longer excerpt", change.changed().get(0).excerpt());
        assertEquals(Set.of(), change.removed());
        assertEquals(RandomChanges.STORIES, merged.size());
        assertEquals(1, change.remerged(), "the other stories were not merged again");
    }

    /** {@code n} distinct words starting with {@code stem}, as one paragraph. */
    private static String words(String stem, int n) {
        StringBuilder text = new StringBuilder("<p>");
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(stem).append(Integer.toString(i, 26).replace('0', 'z'));
        }
        return text.append(".</p>").toString();
    }

    private static Item withText(String url, String content) {
        return new Item(Origin.FEED, "source:" + url.substring(8, 9), List.of(url), "A story at " + url, null, Body.of(content),
                T0, null, null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }

    /**
     * A folded article's anchors in the state are every one of its texts' (the original's and each copy's), so that
     * a later text folds with it through any of them.
     */
    @Test
    void aFoldedArticlesAnchors_areThoseOfEveryOneOfItsTexts() {
        String piece = words("piece", 400);
        Item original = withText("https://a.example/story", piece);
        Item copy = withText("https://b.example/story", words("intro", 12) + piece); // an outlet's line before it
        MergeState state = MergeState.inMemory();
        MergedArticles merged = new MergedArticles(state);
        merged.apply(List.of(), List.of(original, copy), new PublishedIds(), k -> T0);
        assertEquals(1, merged.size(), "the copy folded");

        long[] a = Fingerprint.anchors(null, original.content(), FoldRule.DEFAULT.minShingles());
        long[] b = Fingerprint.anchors(null, copy.content(), FoldRule.DEFAULT.minShingles());
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b), "each text has anchors of its own");
        long[] both = java.util.stream.LongStream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b))
                .sorted().distinct().toArray();
        assertEquals(java.util.Arrays.toString(both),
                java.util.Arrays.toString(state.anchors(merged.articles().get(0).key())));
    }

    @Test
    void aTextSharingAnchorsWithAnother_thatIsNoCopyOfIt_leavesTheOtherAlone_whileACopyFoldsIntoIt() {
        String shared = words("shared", 170); // the first 150 runs of both texts: their anchors are the same
        Item first = withText("https://a.example/story", shared + words("first", 500));
        Item other = withText("https://b.example/story", shared + words("other", 500));
        assertTrue(java.util.Arrays.stream(Fingerprint.anchors(null, first.content(), 20)).anyMatch(x ->
                java.util.Arrays.stream(Fingerprint.anchors(null, other.content(), 20)).anyMatch(y -> x == y)),
                "the two texts share anchors");
        MergedArticles merged = new MergedArticles();
        PublishedIds published = new PublishedIds();
        merged.apply(List.of(), List.of(first), published, k -> T0);

        MergedArticles.Change change = merged.apply(List.of(), List.of(other), published, k -> T0);
        assertEquals(1, change.remerged(), "the article it shares anchors with, but does not fold with, stays as it "
                + "was: the part is the new article alone");
        assertEquals(2, merged.size());

        Item copy = withText("https://c.example/story-syndicated", first.content());
        change = merged.apply(List.of(), List.of(copy), published, k -> T0);
        assertEquals(2, merged.size(), "the copy folded");
        assertEquals(1, change.remerged(), "the copy and the article it folds into, merged again into one");
        assertEquals(List.of(copy.preferredUrl()), change.folds().stream().map(f -> f.copyUrl()).toList());
    }

    /**
     * An article taken up again with its text unchanged (another source's copy of the same item joining it, as
     * syndication brings) takes its anchors from the merge state instead of reading its text again; a text that is
     * only equal to it, not the same string objects, is read. The state here answers a marker for every article's
     * anchors, so what is put back shows which happened.
     */
    @Test
    void anArticleTakenUpAgainWithItsTextUnchanged_takesItsAnchorsFromTheState() {
        long[] marker = {1L, 2L, 3L};
        java.util.Map<String, long[]> put = new java.util.HashMap<>();
        MergeState memory = MergeState.inMemory();
        MergeState state = (MergeState) java.lang.reflect.Proxy.newProxyInstance(MergeState.class.getClassLoader(),
                new Class<?>[] {MergeState.class}, (proxy, method, args) -> {
                    if (method.getName().equals("anchors")) {
                        return marker.clone();
                    }
                    if (method.getName().equals("put")) {
                        put.put(((Article) args[0]).key(), (long[]) args[3]);
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        String content = "<p>The harbour authority said on Monday that the northern pier will close for repairs for "
                + "six weeks from the first of March, after divers found that its oldest wooden piles had rotted far "
                + "faster than the last survey predicted, and ferries will use the southern pier meanwhile.</p>";
        String url = "https://harbour.example/news/pier";
        MergedArticles merged = new MergedArticles(state);
        PublishedIds published = new PublishedIds();
        merged.apply(List.of(), List.of(copyOf(url, content, "a")), published, k -> T0);
        String key = merged.articles().get(0).key();
        long[] read = Fingerprint.anchors(null, content, FoldRule.DEFAULT.minShingles());
        assertTrue(read.length > 0, "the text is long enough to have anchors");
        assertEquals(java.util.Arrays.toString(read), java.util.Arrays.toString(put.get(key)), "first merge: read");

        merged.apply(List.of(), List.of(copyOf(url, content, "b")), published, k -> T0);
        assertEquals(java.util.Arrays.toString(marker), java.util.Arrays.toString(put.get(key)),
                "a copy with the same text objects: the state's anchors");

        merged.apply(List.of(), List.of(copyOf(url, new String(content), "c")), published, k -> T0);
        assertEquals(java.util.Arrays.toString(marker), java.util.Arrays.toString(put.get(key)),
                "an equal text of a weaker member: the group's text is still the first member's");
        merged.apply(List.of(copyOf(url, content, "a"), copyOf(url, content, "b")), List.of(), published, k -> T0);
        assertEquals(java.util.Arrays.toString(read), java.util.Arrays.toString(put.get(key)),
                "an equal text in other string objects is read");
    }

    private static Item copyOf(String url, String content, String source) {
        return new Item(Origin.FEED, "source:" + source, List.of(url), "Northern pier to close", null, Body.of(content), T0,
                null, null, List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }
}
