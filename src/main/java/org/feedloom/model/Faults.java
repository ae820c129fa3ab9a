package org.feedloom.model;

/**
 * What a long-running loop (the rebuilder, the fetch workers, the chores) does with what a run of its work threw: a
 * fault of the code (any exception, a class that could not be loaded, an assertion, a stack overflow from deep input
 * through recursive code, unwound by the time it is caught) is logged and the loop goes on; an error of the JVM itself
 * ends it, since nothing it runs next can be trusted.
 */
public final class Faults {
    private Faults() {}

    /**
     * Whether {@code e} is an error of the JVM itself, which ends the loop that caught it: a
     * {@link VirtualMachineError} (out of memory, an internal error) but a {@link StackOverflowError}.
     */
    public static boolean ofTheJvm(Throwable e) {
        return e instanceof VirtualMachineError && !(e instanceof StackOverflowError);
    }

    /**
     * Throws {@code e} again if it is an error of the JVM itself ({@link #ofTheJvm}); returns otherwise, for the
     * caller to log it and go on: {@code catch (RuntimeException | Error e) { Faults.rethrowIfOfTheJvm(e); ... }}.
     */
    public static void rethrowIfOfTheJvm(Throwable e) {
        if (ofTheJvm(e)) {
            throw (Error) e;
        }
    }

    /** What {@code e} says: its message, or its class and message when it has none (a stack overflow has none). */
    public static String describe(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
