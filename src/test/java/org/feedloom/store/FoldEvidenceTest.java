package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.feedloom.model.Fold;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the store records why each copy was folded, the latest judgement per copy (by its link's canonical
 * key), and gives the latest first, exactly as recorded.
 */
class FoldEvidenceTest extends StoreContract {
    private static final Instant T0 = Instant.parse("2026-03-05T15:30:00Z");

    @Test
    void theLatestJudgementOfEachCopy_isKept_andTheLatestComeFirst() {
        Fold first = new Fold("https://gazette.example/bridge", "https://wire.example/bridge-copy", "Wire",
                0.8571428571428571, 42, 49, "the city council voted on");
        Fold second = new Fold("https://gazette.example/meteors", "https://digest.example/meteors", null, 1.0, 30, 30,
                null);
        Fold firstAgain = new Fold("https://gazette.example/bridge", "http://www.wire.example/bridge-copy/", "Wire",
                0.9, 45, 50, "the city council voted on");
        try (JdbcStore store = open()) {
            store.saveFolds(List.of(first), T0);
            store.saveFolds(List.of(second), T0.plusSeconds(1));
            assertEquals(List.of(second, first), store.latestFolds(10), "newest first, every field as written");
            assertEquals(List.of(second), store.latestFolds(1));

            store.saveFolds(List.of(firstAgain), T0.plusSeconds(2)); // the same copy (one canonical key), judged again
            assertEquals(List.of(firstAgain, second), store.latestFolds(10), "one row per copy, the latest");
        }
        try (JdbcStore store = open()) {
            assertEquals(List.of(firstAgain, second), store.latestFolds(10), "kept across closing and opening");
        }
    }
}
