package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 15: the primitive anchor index answers as a map of anchors to sets of keys does, through growth and deletes. */
class AnchorIndexTest {

    @Test
    void randomAddsAndRemoves_giveWhatAMapOfSetsGives() {
        Random r = new Random(15);
        AnchorIndex index = new AnchorIndex();
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
            } else {
                index.add(anchor, key);
                expected.computeIfAbsent(anchor, a -> new HashSet<>()).add(key);
            }
            if (step % 5_000 == 0 || step == 59_999) {
                for (long a : anchors) {
                    assertEquals(expected.getOrDefault(a, Set.of()), index.get(a), "anchor " + a + ", step " + step);
                }
            }
        }
    }
}
