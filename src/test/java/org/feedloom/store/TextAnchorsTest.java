package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedloom.canonical.TextAnchors;
import org.junit.jupiter.api.Test;

/**
 * The store keeps the anchors of merged articles' texts by article key, under the anchoring they were read by, and
 * gives them back as a list: a null value deletes an article's row, a later value replaces it, and rows of another
 * anchoring (the fold rule changed) are not given and are forgotten.
 */
class TextAnchorsTest extends StoreContract {
    private static final String RULE = "words 5, anchors 8 of 150, v1, at least 20";

    @Test
    void anchors_areKeptByArticle_replacedDeletedAndForgottenUnderAnotherRule() {
        TextAnchors bridge = new TextAnchors(120, 0x1234_5678_9abc_def0L, -1, 0, new long[] {-7, 3, Long.MAX_VALUE});
        TextAnchors meteors = new TextAnchors(-1, 0, 4_000, -42, new long[0]);
        TextAnchors bridgeEdited = new TextAnchors(121, 99, 2_000, 7, new long[] {1, 2});
        try (JdbcStore store = open()) {
            assertEquals(Set.of(), Set.copyOf(store.anchors(RULE)), "a new store has none");
            store.saveAnchors(Map.of("gazette.example/bridge", bridge, "gazette.example/meteors", meteors), RULE);
            assertEquals(Set.of(bridge, meteors), Set.copyOf(store.anchors(RULE)),
                    "every field as written, the signed 64-bit values too");

            Map<String, TextAnchors> change = new HashMap<>();
            change.put("gazette.example/bridge", bridgeEdited);
            change.put("gazette.example/meteors", null); // merged away
            store.saveAnchors(change, RULE);
        }
        try (JdbcStore store = open()) {
            assertEquals(List.of(bridgeEdited), store.anchors(RULE),
                    "replaced and deleted, kept across closing and opening");
            assertEquals(List.of(), store.anchors("words 5, anchors 8 of 150, v1, at least 30"),
                    "none read under another rule");
            assertEquals(List.of(), store.anchors(RULE), "and those of the old rule forgotten");
        }
    }
}
