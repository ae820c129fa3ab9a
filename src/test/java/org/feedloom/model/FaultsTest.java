package org.feedloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FaultsTest {
    @Test
    void theJvmsOwnErrors_areVirtualMachineErrorsButAStackOverflow() {
        assertTrue(Faults.ofTheJvm(new OutOfMemoryError("Java heap space")));
        assertTrue(Faults.ofTheJvm(new InternalError("the JVM's own")));
        assertFalse(Faults.ofTheJvm(new StackOverflowError()), "deep input through recursive code, unwound");
        assertFalse(Faults.ofTheJvm(new AssertionError("a broken invariant")));
        assertFalse(Faults.ofTheJvm(new NoClassDefFoundError("org/feedloom/Gone")));
        assertFalse(Faults.ofTheJvm(new IllegalStateException("a fault of the code")));
    }

    @Test
    void rethrowIfOfTheJvm_throwsOnlyThose() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Faults.rethrowIfOfTheJvm(oom)));
        Faults.rethrowIfOfTheJvm(new StackOverflowError());
        Faults.rethrowIfOfTheJvm(new IllegalStateException("returns"));
    }

    @Test
    void describe_isTheMessage_orTheClassWithoutOne() {
        assertEquals("no such table: item", Faults.describe(new IllegalStateException("no such table: item")));
        assertEquals("java.lang.StackOverflowError", Faults.describe(new StackOverflowError()));
    }
}
