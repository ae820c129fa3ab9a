package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeapFitTest {
    private static final long MB = 1L << 20;

    /**
     * A JVM as {@link HeapFit} sees it, its flags checked as HotSpot checks them (a minimum free ratio above the
     * maximum is refused), its old generation and collections set by the test; records the ratios of each
     * collection.
     */
    private static final class TestJvm implements HeapFit.Jvm {
        final Map<String, Integer> flags = new HashMap<>();
        final List<String> collectedUnder = new ArrayList<>();
        int flagsSet;
        long collections;
        long used;
        long committed;
        /** Whether a collection gives room back (not with {@code -XX:+DisableExplicitGC}, say). */
        boolean shrinks = true;

        TestJvm(int minFree, int maxFree) {
            flags.put(HeapFit.MIN_FREE, minFree);
            flags.put(HeapFit.MAX_FREE, maxFree);
        }

        @Override
        public int flag(String name) {
            return flags.get(name);
        }

        @Override
        public void setFlag(String name, int value) {
            int min = HeapFit.MIN_FREE.equals(name) ? value : flags.get(HeapFit.MIN_FREE);
            int max = HeapFit.MAX_FREE.equals(name) ? value : flags.get(HeapFit.MAX_FREE);
            if (min > max) {
                throw new IllegalArgumentException(name + " " + value + ": MinHeapFreeRatio above MaxHeapFreeRatio");
            }
            flags.put(name, value);
            flagsSet++;
        }

        @Override
        public long collections() {
            return collections;
        }

        @Override
        public MemoryUsage oldGeneration() {
            return new MemoryUsage(0, used, committed, -1);
        }

        @Override
        public void collect() {
            collectedUnder.add(ratios());
            collections++;
            if (shrinks) {
                committed = (long) (used / (1 - flags.get(HeapFit.MAX_FREE) / 100.0)); // shrunk as the ratio allows
            }
        }

        String ratios() {
            return flags.get(HeapFit.MIN_FREE) + "/" + flags.get(HeapFit.MAX_FREE);
        }

        /** This JVM's old generation as a burst left it: 100 MB used of 300 MB (what 20% free allows is 125 MB). */
        TestJvm grown() {
            used = 100 * MB;
            committed = 300 * MB;
            return this;
        }
    }

    @Test
    void start_onTightOptions_growsTheHeapByTheWorkingRatios() {
        TestJvm jvm = new TestJvm(10, 20);
        HeapFit.start(jvm);
        assertEquals(HeapFit.WORKING_MIN_FREE + "/" + HeapFit.WORKING_MAX_FREE, jvm.ratios());
        assertTrue(jvm.collectedUnder.isEmpty());
    }

    @Test
    void start_onOptionsAsLooseAsTheWorkingOnes_changesNothing_andNeverFitsByItself() {
        TestJvm jvm = new TestJvm(50, 80);
        HeapFit fit = HeapFit.start(jvm);
        jvm.used = 100 * MB;
        jvm.committed = 400 * MB;
        assertFalse(fit.fitIfIdle());
        assertFalse(fit.fitIfIdle());
        assertEquals(0, jvm.flagsSet);
        fit.fit(); // asked for (after the start-up merge): one collection, the ratios as they are
        assertEquals(List.of("50/80"), jvm.collectedUnder);
        assertEquals(0, jvm.flagsSet);
    }

    @Test
    void fitIfIdle_collectsUnderTheOptionsRatios_whenNoCollectionRanSinceTheLastCall_andTheHeapHasRoomToGiveBack() {
        TestJvm jvm = new TestJvm(10, 20).grown();
        HeapFit fit = HeapFit.start(jvm);
        assertFalse(fit.fitIfIdle(), "the first call has nothing to compare with");
        assertTrue(fit.fitIfIdle());
        assertEquals(List.of("10/20"), jvm.collectedUnder);
        assertEquals("40/70", jvm.ratios(), "working again after the collection");
        assertEquals(125 * MB, jvm.committed);
        assertFalse(fit.fitIfIdle(), "fitted: nothing more to give back");
        assertEquals(1, jvm.collectedUnder.size());
    }

    @Test
    void fitIfIdle_leavesAHeapAlone_whileCollectionsRun_orWhenItHasLittleToGiveBack() {
        TestJvm jvm = new TestJvm(10, 20).grown();
        HeapFit fit = HeapFit.start(jvm);
        fit.fitIfIdle();
        for (int i = 0; i < 5; i++) {
            jvm.collections += 3; // a burst: young collections between every two calls
            assertFalse(fit.fitIfIdle());
        }
        jvm.committed = 125 * MB + HeapFit.SLACK_BYTES; // idle, and no more than the slack to give back
        assertFalse(fit.fitIfIdle());
        assertTrue(jvm.collectedUnder.isEmpty());
        jvm.committed += MB;
        assertTrue(fit.fitIfIdle());
    }

    @Test
    void aFitThatGaveNothingBack_isNotTriedAgain_untilTheHeapChangesSize() {
        TestJvm jvm = new TestJvm(10, 20).grown();
        jvm.shrinks = false; // explicit collections disabled, or a collector that shrinks only later
        HeapFit fit = HeapFit.start(jvm);
        fit.fitIfIdle();
        assertTrue(fit.fitIfIdle());
        for (int i = 0; i < 5; i++) {
            assertFalse(fit.fitIfIdle(), "idle and loose, but a collection now would give nothing back either");
        }
        jvm.committed += 50 * MB; // the heap grew meanwhile
        assertTrue(fit.fitIfIdle());
        assertEquals(2, jvm.collectedUnder.size());
    }

    @Test
    void theRatiosAreSetInAnOrderTheJvmAccepts_bothWays() {
        // from 10/20 the minimum cannot go to 40 before the maximum is 70, nor the maximum back to 20 before the
        // minimum is 10: the test JVM refuses as HotSpot does, so any other order fails here
        TestJvm jvm = new TestJvm(10, 20);
        assertThrows(IllegalArgumentException.class, () -> jvm.setFlag(HeapFit.MIN_FREE, 40));
        HeapFit fit = HeapFit.start(jvm);
        fit.fit();
        fit.fit();
        assertEquals(List.of("10/20", "10/20"), jvm.collectedUnder);
        assertEquals("40/70", jvm.ratios());
    }

    @Test
    void onTheRunningJvm_theFlagsAreSetAndAFitCollects() {
        HotSpotDiagnosticMXBean flags = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String min = flags.getVMOption(HeapFit.MIN_FREE).getValue();
        String max = flags.getVMOption(HeapFit.MAX_FREE).getValue();
        try {
            flags.setVMOption(HeapFit.MIN_FREE, "0");
            flags.setVMOption(HeapFit.MAX_FREE, "20");
            flags.setVMOption(HeapFit.MIN_FREE, "10");
            HeapFit.Jvm jvm = HeapFit.running();
            HeapFit fit = HeapFit.start(jvm);
            assertEquals("40", flags.getVMOption(HeapFit.MIN_FREE).getValue());
            assertEquals("70", flags.getVMOption(HeapFit.MAX_FREE).getValue());
            long before = jvm.collections();
            fit.fit();
            assertTrue(jvm.collections() > before, "a full collection ran");
            assertEquals("40", flags.getVMOption(HeapFit.MIN_FREE).getValue());
            assertTrue(jvm.oldGeneration().getCommitted() > 0);
        } finally {
            flags.setVMOption(HeapFit.MIN_FREE, "0");
            flags.setVMOption(HeapFit.MAX_FREE, max);
            flags.setVMOption(HeapFit.MIN_FREE, min);
        }
    }
}
