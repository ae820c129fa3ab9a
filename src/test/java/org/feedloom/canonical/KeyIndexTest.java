package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the primitive index of anchors and terms answers as a map of hashes to sets (and lists) of keys does,
 * through collisions, clusters that wrap around the table, deletes in the middle of a cluster and growth.
 */
class KeyIndexTest {

    @Test
    void randomAddsAndRemoves_giveWhatAMapOfSetsGives() {
        Random r = new Random(15);
        KeyIndex index = new KeyIndex();
        Map<Long, Set<String>> expected = new HashMap<>();
        long[] anchors = new long[3_000];
        for (int i = 0; i < anchors.length; i++) {
            // some anchors differ only in their low bits, so that many share a first slot and probe past each other
            anchors[i] = i % 3 == 0 ? r.nextLong() : (long) i << 40;
        }
        for (int step = 0; step < 60_000; step++) {
            long anchor = anchors[r.nextInt(anchors.length)];
            String key = "k" + r.nextInt(5);
            if (r.nextInt(3) == 0) {
                index.remove(anchor, key);
                Set<String> keys = expected.get(anchor);
                if (keys != null && keys.remove(key) && keys.isEmpty()) {
                    expected.remove(anchor);
                }
            } else if (expected.computeIfAbsent(anchor, a -> new HashSet<>()).add(key)) {
                index.add(anchor, key); // a key is added under an anchor at most once until removed
            }
            if (step % 5_000 == 0 || step == 59_999) {
                for (long a : anchors) {
                    Set<String> keys = expected.getOrDefault(a, Set.of());
                    assertEquals(keys, index.get(a), "anchor " + a + ", step " + step);
                    Set<String> limited = index.get(a, 1);
                    assertEquals(Math.min(keys.size(), 2), limited.size(), "at most limit + 1 keys");
                    assertTrue(keys.containsAll(limited));
                }
            }
        }
    }

    @Test
    void trimmedAfterMostHashesWent_givesTheirRoomBack_andStillAnswersForTheRest() {
        KeyIndex index = new KeyIndex();
        for (long a = 0; a < 100_000; a++) {
            index.add(a << 40, "k" + a);
            index.add(a << 40, "other" + a % 3); // some hashes with several keys
        }
        int full = index.slots();
        for (long a = 0; a < 100_000; a++) {
            if (a % 50 != 0) {
                index.remove(a << 40, "k" + a);
                index.remove(a << 40, "other" + a % 3);
            }
        }
        index.trim();
        int trimmed = index.slots();
        assertTrue(trimmed * 16 <= full, "from " + full + " slots to " + trimmed);
        for (long a = 0; a < 100_000; a++) {
            assertEquals(a % 50 == 0 ? Set.of("k" + a, "other" + a % 3) : Set.of(), index.get(a << 40), "hash " + a);
        }
        index.add(7L << 40, "again"); // and grows again
        assertEquals(Set.of("again"), index.get(7L << 40));
    }

    @Test
    void countAndForEach_answerAsAHashMapOfListsDoes_inTheOrderKeysCame() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            KeyIndex postings = new KeyIndex();
            Map<Long, List<String>> expected = new HashMap<>();
            // keys that share their low bits collide in every table size, and some sit at the table's end
            long[] keys = new long[40];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = i % 3 == 0 ? (long) random.nextInt(8) << 40 | 15 : random.nextLong();
            }
            for (int step = 0; step < 2_000; step++) {
                long key = keys[random.nextInt(keys.length)];
                String article = "a" + random.nextInt(12); // up to 12 under a key: past the small arrays, into a list
                List<String> list = expected.computeIfAbsent(key, k -> new ArrayList<>());
                if (list.contains(article)) {
                    postings.remove(key, article);
                    list.remove(article);
                } else {
                    postings.add(key, article);
                    list.add(article);
                }
                if (list.isEmpty()) {
                    expected.remove(key);
                }
                for (long k : keys) {
                    List<String> got = new ArrayList<>();
                    postings.forEach(k, got::add);
                    assertEquals(expected.getOrDefault(k, List.of()), got, "round " + round + ", step " + step);
                    assertEquals(got.size(), postings.count(k));
                }
            }
        }
    }
}
