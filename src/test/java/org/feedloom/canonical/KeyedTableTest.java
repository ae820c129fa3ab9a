package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyedTableTest {
    /** A value carrying its key, and a version to tell a replaced value from its replacement. */
    private record Value(String key, int version) {}

    /**
     * Random puts (some only if absent), replacements and removals give what a {@code HashMap} gives after every
     * step: the same value for every key asked (present or not), the same size, the same values iterated. Half the
     * keys share their hash with others ("Aa" and "BB" hash alike, and so do any strings made of them), so runs are
     * long and removals move values back across them.
     */
    @Test
    void randomPutsAndRemovals_giveWhatAHashMapGives() {
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            KeyedTable<Value> table = new KeyedTable<>(Value::key);
            Map<String, Value> model = new HashMap<>();
            int range = 20 + random.nextInt(400);
            for (int step = 0; step < 4000; step++) {
                String key = key(random, range);
                int op = random.nextInt(4);
                if (op >= 2) {
                    Value value = new Value(key, step);
                    assertSame(model.put(key, value), table.put(value), "seed " + seed + ", step " + step);
                } else if (op == 1) {
                    Value value = new Value(key, step);
                    assertSame(model.putIfAbsent(key, value), table.putIfAbsent(value),
                            "putIfAbsent: seed " + seed + ", step " + step);
                } else {
                    assertSame(model.remove(key), table.remove(key), "seed " + seed + ", step " + step);
                }
                assertEquals(model.size(), table.size());
                if (step % 97 == 0) {
                    for (int k = 0; k < range; k++) {
                        String asked = key(k);
                        assertSame(model.get(asked), table.get(asked), "seed " + seed + ", key " + asked);
                        assertEquals(model.containsKey(asked), table.containsKey(asked));
                    }
                    Set<Value> iterated = new HashSet<>();
                    table.forEach(iterated::add);
                    assertEquals(new HashSet<>(model.values()), iterated);
                }
            }
        }
    }

    @Test
    void emptiedAfterGrowing_holdsNothing_andTakesValuesAgain() {
        KeyedTable<Value> table = new KeyedTable<>(Value::key);
        for (int i = 0; i < 10_000; i++) {
            table.put(new Value("k" + i, i));
        }
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, table.remove("k" + i).version());
        }
        assertTrue(table.isEmpty());
        assertFalse(table.iterator().hasNext());
        assertNull(table.get("k1"));
        table.put(new Value("k1", 1));
        assertEquals(1, table.get("k1").version());
    }

    @Test
    void anIterator_failsOnceTheTableGainsOrLosesAValue_butNotWhenAValueIsReplaced() {
        KeyedTable<Value> table = new KeyedTable<>(Value::key);
        table.put(new Value("a", 0));
        table.put(new Value("b", 0));
        Iterator<Value> replaced = table.iterator();
        table.put(new Value("a", 1));
        replaced.next();
        Iterator<Value> gained = table.iterator();
        table.put(new Value("c", 0));
        assertThrows(ConcurrentModificationException.class, gained::next);
        Iterator<Value> lost = table.iterator();
        table.remove("a");
        assertThrows(ConcurrentModificationException.class, lost::next);
    }

    @Test
    void nullKeysAndValues_areRefused() {
        KeyedTable<Value> table = new KeyedTable<>(Value::key);
        assertThrows(NullPointerException.class, () -> table.put(null));
        assertThrows(NullPointerException.class, () -> table.get(null));
        assertThrows(NullPointerException.class, () -> table.remove(null));
    }

    private static String key(Random random, int range) {
        return key(random.nextInt(range));
    }

    /** Odd numbers: ordinary keys; even ones: strings of "Aa" and "BB" of one length, which all share a hash. */
    private static String key(int n) {
        if (n % 2 == 1) {
            return "https://example.com/" + n;
        }
        StringBuilder colliding = new StringBuilder();
        for (int bits = n / 2, i = 0; i < 8; i++, bits >>= 1) {
            colliding.append((bits & 1) == 0 ? "Aa" : "BB");
        }
        return colliding.toString();
    }
}
