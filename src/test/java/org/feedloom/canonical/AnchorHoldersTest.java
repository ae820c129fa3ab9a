package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnchorHoldersTest {

    @Test
    void anAnchorNotAsked_hasNoHolders_andOneAskedWithoutAny_hasNone() {
        AnchorHolders holders = new AnchorHolders();
        assertNull(holders.get(7));
        assertTrue(holders.ask(7));
        assertFalse(holders.ask(7), "asked once");
        assertEquals(Set.of(), holders.get(7));
        assertEquals(Map.of(7L, Set.of()), holders.toMap());
    }

    @Test
    void holders_comeInTheOrderAdded_eachOnce() {
        AnchorHolders holders = new AnchorHolders();
        holders.add(-3, "b");
        holders.add(-3, "a");
        holders.add(-3, "b");
        assertEquals(List.of("b", "a"), List.copyOf(holders.get(-3)));
        assertFalse(holders.ask(-3), "adding asks");
        assertEquals(List.of("b", "a"), List.copyOf(holders.get(-3)), "asking again keeps them");
    }

    /**
     * Random asks and adds, anchors alike in their low or high bits among them (the smallest of many hashes share
     * their high bits; a table indexed by the low bits alone would chain those alike there), checked against a map.
     */
    @Test
    void manyAnchors_giveWhatAMapOfThemGives() {
        Random random = new Random(13);
        AnchorHolders holders = new AnchorHolders();
        Map<Long, Set<String>> model = new LinkedHashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long anchor = switch (random.nextInt(4)) {
                case 0 -> random.nextLong();
                case 1 -> Long.MIN_VALUE + random.nextInt(5_000); // high bits alike
                case 2 -> (long) random.nextInt(5_000) << 32; // low bits alike
                default -> random.nextInt(100) - 50; // zero and small ones, often again
            };
            if (random.nextBoolean()) {
                assertEquals(!model.containsKey(anchor), holders.ask(anchor), "ask " + anchor);
                model.putIfAbsent(anchor, new LinkedHashSet<>());
            } else {
                String key = "k" + random.nextInt(20);
                holders.add(anchor, key);
                model.computeIfAbsent(anchor, a -> new LinkedHashSet<>()).add(key);
            }
        }
        for (Map.Entry<Long, Set<String>> e : model.entrySet()) {
            assertEquals(List.copyOf(e.getValue()), List.copyOf(holders.get(e.getKey())), "anchor " + e.getKey());
        }
        assertEquals(model, holders.toMap());
        for (int i = 0; i < 10_000; i++) {
            long other = random.nextLong();
            assertEquals(model.containsKey(other), holders.get(other) != null);
        }
    }
}
