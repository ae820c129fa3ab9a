package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.canonical.Coverage;
import org.feedloom.canonical.TextTerms;
import org.feedloom.topic.TopicReading;
import org.junit.jupiter.api.Test;

/**
 * The store keeps what rebuilds read from merged articles' texts (story terms, topic readings) by article key, under
 * the way they were read: a null value deletes an article's row, a later value replaces it, and rows read another way
 * (the reading or the rules changed) are not given.
 */
class KeptReadingsTest extends StoreContract {
    @Test
    void storyTerms_areKeptByArticle_replacedAndDeleted_andReadBackOnlyAsReadTheSameWay() {
        TextTerms dam = new TextTerms(0x8000_0000_0000_0001L, false, new long[] {Long.MIN_VALUE, 5, -9});
        TextTerms release = new TextTerms(77, true, new long[] {12});
        TextTerms damEdited = new TextTerms(-3, false, new long[0]);
        List<String> keys = List.of("inland.example/dam", "wire.example/release", "inland.example/none");
        try (JdbcStore store = open()) {
            assertEquals(Map.of(), store.storyTermsOf(keys, Coverage.READING), "a new store has none");
            store.saveReadings(Map.of("inland.example/dam", dam, "wire.example/release", release),
                    Coverage.READING);
            assertEquals(Map.of("inland.example/dam", dam, "wire.example/release", release),
                    store.storyTermsOf(keys, Coverage.READING), "every field as written, none for a key without");
            assertEquals(Map.of("wire.example/release", release),
                    store.storyTermsOf(List.of("wire.example/release"), Coverage.READING), "only those asked for");
            Map<String, TextTerms> change = new HashMap<>();
            change.put("inland.example/dam", damEdited);
            change.put("wire.example/release", null);
            store.saveReadings(change, Coverage.READING);
        }
        try (JdbcStore store = open()) {
            assertEquals(Map.of("inland.example/dam", damEdited), store.storyTermsOf(keys, Coverage.READING),
                    "replaced and deleted, kept across closing and opening");
            assertEquals(Map.of(), store.storyTermsOf(keys, "story terms 9, v2"), "none read another way");
            store.saveReadings(Map.of("inland.example/dam", dam), "story terms 9, v2");
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
            store.saveReadings(Map.of(), Coverage.READING,
                    Map.of("inland.example/dam", dam, "wire.example/release", release), rules);
            assertEquals(Map.of("inland.example/dam", dam, "wire.example/release", release),
                    store.topicReadingsOf(keys, rules), "every field as written, none for a key without");
            Map<String, TopicReading> change = new HashMap<>();
            change.put("inland.example/dam", damEdited);
            change.put("wire.example/release", null); // merged away
            store.saveReadings(Map.of(), Coverage.READING, change, rules);
        }
        try (JdbcStore store = open()) {
            assertEquals(Map.of("inland.example/dam", damEdited), store.topicReadingsOf(keys, rules),
                    "replaced and deleted, kept across closing and opening");
            assertEquals(Map.of(), store.topicReadingsOf(keys, "topic-rules/1/0/1"), "none under other rules");
            store.saveReadings(Map.of(), Coverage.READING, Map.of("inland.example/dam", dam),
                    "topic-rules/1/0/1");
            assertEquals(Map.of(), store.topicReadingsOf(keys, rules),
                    "a text read again by other rules replaces what the earlier rules read");
            assertEquals(Map.of("inland.example/dam", dam), store.topicReadingsOf(keys, "topic-rules/1/0/1"));
        }
    }
}
