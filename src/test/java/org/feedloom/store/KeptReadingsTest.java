package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedloom.canonical.Coverage;
import org.feedloom.canonical.TextAnchors;
import org.feedloom.canonical.TextTerms;
import org.feedloom.topic.TopicReading;
import org.junit.jupiter.api.Test;

/**
 * The store keeps what rebuilds read from merged articles' texts (fold anchors, story terms, topic readings) by
 * article key, under the way they were read, and gives them back as a list: a null value deletes an article's row, a
 * later value replaces it, and rows read another way (the fold rule or the reading changed) are not given and are
 * forgotten.
 */
class TextAnchorsTest extends StoreContract {
    private static final String RULE = "words 5, anchors 8 of 150, v1, at least 20";

    @Test
    void anchors_areKeptByArticle_replacedDeletedAndForgottenUnderAnotherRule() {
        TextAnchors bridge = new TextAnchors(new TextAnchors.Text(120, 0x1234_5678_9abc_def0L, -1, 0),
                new long[] {-7, 3, Long.MAX_VALUE});
        TextAnchors meteors = new TextAnchors(new TextAnchors.Text(-1, 0, 4_000, -42), new long[0]);
        TextAnchors bridgeEdited = new TextAnchors(new TextAnchors.Text(121, 99, 2_000, 7), new long[] {1, 2});
        try (JdbcStore store = open()) {
            assertEquals(Set.of(), Set.copyOf(store.anchors(RULE)), "a new store has none");
            store.saveReadings(Map.of("gazette.example/bridge", bridge, "gazette.example/meteors", meteors), RULE,
                    Map.of(), Coverage.READING);
            assertEquals(Set.of(bridge, meteors), Set.copyOf(store.anchors(RULE)),
                    "every field as written, the signed 64-bit values too");
            assertEquals(Map.of("gazette.example/meteors", meteors),
                    store.anchorsOf(List.of("gazette.example/meteors", "gazette.example/none"), RULE),
                    "and read back for some articles, none for a key without any");
            assertEquals(Map.of(), store.anchorsOf(List.of("gazette.example/bridge"), "another rule"),
                    "none for another rule");

            Map<String, TextAnchors> change = new HashMap<>();
            change.put("gazette.example/bridge", bridgeEdited);
            change.put("gazette.example/meteors", null); // merged away
            store.saveReadings(change, RULE, Map.of(), Coverage.READING);
        }
        try (JdbcStore store = open()) {
            assertEquals(List.of(bridgeEdited), store.anchors(RULE),
                    "replaced and deleted, kept across closing and opening");
            assertEquals(Map.of("gazette.example/bridge", bridgeEdited),
                    store.anchorsOf(List.of("gazette.example/bridge", "gazette.example/meteors"), RULE),
                    "read back by article as replaced, none for the deleted");
            assertEquals(List.of(), store.anchors("words 5, anchors 8 of 150, v1, at least 30"),
                    "none read under another rule");
            assertEquals(List.of(), store.anchors(RULE), "and those of the old rule forgotten");
        }
    }

    @Test
    void storyTerms_areKeptByArticle_replacedAndDeleted_andReadBackOnlyAsReadTheSameWay() {
        TextTerms dam = new TextTerms(0x8000_0000_0000_0001L, false, new long[] {Long.MIN_VALUE, 5, -9});
        TextTerms release = new TextTerms(77, true, new long[] {12});
        TextTerms damEdited = new TextTerms(-3, false, new long[0]);
        List<String> keys = List.of("inland.example/dam", "wire.example/release", "inland.example/none");
        try (JdbcStore store = open()) {
            assertEquals(Map.of(), store.storyTermsOf(keys, Coverage.READING), "a new store has none");
            store.saveReadings(Map.of(), RULE, Map.of("inland.example/dam", dam, "wire.example/release", release),
                    Coverage.READING);
            assertEquals(Map.of("inland.example/dam", dam, "wire.example/release", release),
                    store.storyTermsOf(keys, Coverage.READING), "every field as written, none for a key without");
            assertEquals(Map.of("wire.example/release", release),
                    store.storyTermsOf(List.of("wire.example/release"), Coverage.READING), "only those asked for");
            Map<String, TextTerms> change = new HashMap<>();
            change.put("inland.example/dam", damEdited);
            change.put("wire.example/release", null);
            store.saveReadings(Map.of(), RULE, change, Coverage.READING);
        }
        try (JdbcStore store = open()) {
            assertEquals(Map.of("inland.example/dam", damEdited), store.storyTermsOf(keys, Coverage.READING),
                    "replaced and deleted, kept across closing and opening");
            assertEquals(Map.of(), store.storyTermsOf(keys, "story terms 9, v2"), "none read another way");
            store.saveReadings(Map.of(), RULE, Map.of("inland.example/dam", dam), "story terms 9, v2");
            assertEquals(Map.of(), store.storyTermsOf(keys, Coverage.READING),
                    "a text read again another way replaces what the old way gave");
            assertEquals(Map.of("inland.example/dam", dam), store.storyTermsOf(keys, "story terms 9, v2"));
        }
    }
    @Test
    void topicReadings_areKeptByArticle_replacedAndDeleted_andReadBackOnlyUnderTheSameRules() {
        TopicReading dam = new TopicReading(0x8000_0000_0000_0001L, new int[] {0, 3, 40}, new int[] {3});
        TopicReading release = new TopicReading(-77, new int[0], new int[0]);
        TopicReading damEdited = new TopicReading(5, new int[] {1}, new int[] {0, 1});
        String rules = "topic-rules/1/5be0cd19137e2179/41";
        List<String> keys = List.of("inland.example/dam", "wire.example/release", "inland.example/none");
        try (JdbcStore store = open()) {
            assertEquals(Map.of(), store.topicReadingsOf(keys, rules), "a new store has none");
            store.saveReadings(Map.of(), RULE, Map.of(), Coverage.READING,
                    Map.of("inland.example/dam", dam, "wire.example/release", release), rules);
            assertEquals(Map.of("inland.example/dam", dam, "wire.example/release", release),
                    store.topicReadingsOf(keys, rules), "every field as written, none for a key without");
            Map<String, TopicReading> change = new HashMap<>();
            change.put("inland.example/dam", damEdited);
            change.put("wire.example/release", null); // merged away
            store.saveReadings(Map.of(), RULE, Map.of(), Coverage.READING, change, rules);
        }
        try (JdbcStore store = open()) {
            assertEquals(Map.of("inland.example/dam", damEdited), store.topicReadingsOf(keys, rules),
                    "replaced and deleted, kept across closing and opening");
            assertEquals(Map.of(), store.topicReadingsOf(keys, "topic-rules/1/0/1"), "none under other rules");
            store.saveReadings(Map.of(), RULE, Map.of(), Coverage.READING, Map.of("inland.example/dam", dam),
                    "topic-rules/1/0/1");
            assertEquals(Map.of(), store.topicReadingsOf(keys, rules),
                    "a text read again by other rules replaces what the earlier rules read");
            assertEquals(Map.of("inland.example/dam", dam), store.topicReadingsOf(keys, "topic-rules/1/0/1"));
        }
    }
}
