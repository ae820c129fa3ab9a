package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.feedloom.model.Article;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the in-memory merge state lets go of an article's anchors only when they are the ones a store kept, and
 * keeps its anchor index exact when such an article is taken out, whether its anchors are given back or not.
 */
class MemoryMergeStateTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static Item item(String url) {
        return new Item(Origin.FEED, "source:a", List.of(url), "A story", null, null, T0, null, null, List.of(),
                List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }

    private static Article article(Item item) {
        return ArticleMerger.merge(List.of(item), k -> T0).get(0);
    }

    @Test
    void anchorsLetGo_onlyWhenTheyAreTheKeptOnes_andTheIndexStaysExactWhenTheArticleGoes() {
        MergeState state = MergeState.inMemory();
        Item a = item("https://one.example/a");
        Item b = item("https://two.example/b");
        Article articleA = article(a);
        Article articleB = article(b);
        state.put(articleA, List.of(a), Set.of(), new long[] {1, 2, 3});
        state.put(articleB, List.of(b), Set.of(), new long[] {2, 4});

        state.releaseAnchors(articleA.key(), new long[] {1, 2});
        assertArrayEquals(new long[] {1, 2, 3}, state.anchors(articleA.key()), "other anchors kept: not let go");
        state.releaseAnchors(articleA.key(), new long[] {1, 2, 3});
        assertNull(state.anchors(articleA.key()), "the kept ones: let go");
        assertEquals(Set.of(articleA.key(), articleB.key()), state.anchoredBy(2, 10), "the index still has them");

        state.remove(articleA.key(), null); // not read back: found in the index
        assertEquals(Set.of(), state.anchoredBy(1, 10));
        assertEquals(Set.of(articleB.key()), state.anchoredBy(2, 10));
        assertEquals(Set.of(), state.anchoredBy(3, 10));

        state.put(articleA, List.of(a), Set.of(), new long[] {5, 6});
        state.releaseAnchors(articleA.key(), new long[] {5, 6});
        state.remove(articleA.key(), new long[] {5, 6}); // read back
        assertEquals(Set.of(), state.anchoredBy(5, 10));
        assertEquals(Set.of(), state.anchoredBy(6, 10));
        assertEquals(Set.of(articleB.key()), state.anchoredBy(4, 10), "the other article untouched");

        state.remove(articleB.key());
        assertEquals(Set.of(), state.anchoredBy(2, 10));
        assertEquals(0, state.size());
    }

    @Test
    void anArticleWithoutAnchors_hasNoneToLetGo() {
        MergeState state = MergeState.inMemory();
        Item a = item("https://one.example/a");
        Article article = article(a);
        state.put(article, List.of(a), Set.of(), new long[0]);
        state.releaseAnchors(article.key(), new long[0]);
        assertArrayEquals(new long[0], state.anchors(article.key()), "nothing to let go: nothing read back later");
    }
}
