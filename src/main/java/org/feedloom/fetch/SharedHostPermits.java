package org.feedloom.fetch;

/**
 * Per-host permits shared with other processes that fetch from the same hosts (instances sharing a database), so
 * that {@code fetch.perHost} holds for all of them together. A permit is one of the host's numbered slots. Taking
 * one never blocks for long: it answers at once whether a slot was free. A slot a process took and never gave back
 * (it died) frees itself after a while. Implementations are thread-safe and never throw: a failure to reach what
 * holds the slots gives {@link #UNSHARED}: the request goes ahead under this process's own limits.
 */
public interface SharedHostPermits {
    /** What {@link #take} gives when the shared slots cannot be reached; giving it back does nothing. */
    int UNSHARED = Integer.MAX_VALUE;

    /** Takes a free slot of {@code host}'s {@code limit} and returns its number, or -1 when all are taken. */
    int take(String host, int limit);

    /** Gives back the slot {@link #take} gave. */
    void give(String host, int slot);
}
