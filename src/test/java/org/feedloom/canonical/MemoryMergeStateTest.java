package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.feedloom.model.Article;
import org.feedloom.model.Item;
import org.feedloom.model.Link;
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

    /**
     * A shown copy held in place of the merged article (its topics the rules' and the merged ones): the state gives
     * back the merged article by its key, by any of its alias keys and among all; a copy differing in more, or of an
     * article it does not hold, is refused; taking the article out leaves nothing of it.
     */
    @Test
    void aShownCopy_heldInPlaceOfTheMergedArticle_givesTheMergedArticleBack() {
        MergeState state = MergeState.inMemory();
        Item a = new Item(Origin.FEED, "source:a", List.of("https://one.example/a", "https://one.example/story?id=7"),
                "A story", null, null, T0, null, null, List.of("Merged topic"), List.of(), List.of(), List.of(), null,
                null, SeedFacts.NONE, "https://one.example/a", null);
        Article merged = article(a);
        assertFalse(state.holdShown(merged), "no article under its key yet");
        state.put(merged, List.of(a), Set.of(), new long[] {1});
        Article shown = merged.withTopics(List.of("Rule topic", "Merged topic"));
        assertFalse(state.holdShown(merged.withRelated(List.of(new Link("https://two.example/b", "B")))
                .withTopics(List.of("Rule topic"))), "differs in its related links too");
        assertTrue(state.holdShown(shown));
        String ampKey = merged.aliasKeys().stream().filter(k -> !k.equals(merged.key())).findFirst().orElseThrow();
        assertEquals(merged, state.article(merged.key()));
        assertEquals(merged, state.ownerOf(ampKey));
        assertEquals(List.of(merged), state.articles());
        assertEquals(List.of(merged.key()), state.keys());
        assertTrue(state.holdShown(merged.withTopics(List.of("Other rule topic", "Merged topic"))),
                "the rules changed: the new shown copy is held");
        assertEquals(merged, state.article(merged.key()));
        state.remove(merged.key());
        assertNull(state.article(merged.key()));
        assertNull(state.ownerOf(ampKey));
        assertEquals(Set.of(), state.anchoredBy(1, 10));
    }
}
