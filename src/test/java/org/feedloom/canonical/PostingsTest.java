package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The coverage index's open-addressing multimap answers as a {@code HashMap<Long, List<String>>} does, through
 * collisions, clusters that wrap around the table, deletions in the middle of a cluster and growth.
 */
class PostingsTest {

    @Test
    void randomAddsAndRemovals_answerAsAHashMapOfListsDoes() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            Postings postings = new Postings();
            Map<Long, List<String>> expected = new HashMap<>();
            // keys that share their low bits collide in every table size, and some sit at the table's end
            long[] keys = new long[40];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = i % 3 == 0 ? (long) random.nextInt(8) << 40 | 15 : random.nextLong();
            }
            for (int step = 0; step < 2_000; step++) {
                long key = keys[random.nextInt(keys.length)];
                String article = "a" + random.nextInt(6);
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
