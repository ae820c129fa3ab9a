package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.junit.jupiter.api.Test;

/** {@link SourceChange#of}: the items gone and added between two lists, by equality, as many times as they differ. */
class SourceChangeTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Item A = item("https://a.example/1", "A");
    private static final Item B = item("https://b.example/1", "B");
    private static final Item B2 = item("https://b.example/1", "B, edited");

    @Test
    void anItemInBoth_isInNeither_andAnEditedOne_isGoneAndAdded() {
        SourceChange change = SourceChange.of("s", List.of(A, B), List.of(A, B2));
        assertEquals(List.of(B), change.gone());
        assertEquals(List.of(B2), change.added());
        assertEquals(List.of(A, B2), change.stored());
    }

    @Test
    void anItemTwiceBeforeAndOnceAfter_isGoneOnce() {
        SourceChange change = SourceChange.of("s", List.of(A, A, B), List.of(B, A));
        assertEquals(List.of(A), change.gone());
        assertEquals(List.of(), change.added());
    }

    @Test
    void nothingBefore_addsEverything_inOrder_andNothingAfter_takesEverythingAway() {
        SourceChange first = SourceChange.of("s", List.of(), List.of(B, A, A));
        assertEquals(List.of(), first.gone());
        assertEquals(List.of(B, A, A), first.added());
        SourceChange last = SourceChange.of("s", List.of(A, B), List.of());
        assertEquals(List.of(A, B), last.gone());
        assertEquals(List.of(), last.added());
    }

    private static Item item(String url, String title) {
        return new Item(Origin.FEED, "source:a", List.of(url), title, null, null, T0, null, null, List.of(),
                List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }
}
