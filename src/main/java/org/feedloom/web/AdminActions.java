package org.feedloom.web;

/** What the admin routes can ask of the running aggregator. Implementations must be thread-safe and not block. */
public interface AdminActions {
    /** Schedules every enabled source for an immediate fetch; returns how many were scheduled. */
    int refreshAll();

    /** Schedules one source for an immediate fetch; false if there is no such source. */
    boolean refresh(String sourceId);

    /**
     * Whether the sources are scheduled: false while a restart still merges what is stored (the feeds are served
     * meanwhile, but there is nothing to refresh yet).
     */
    default boolean ready() {
        return true;
    }

    /** No live sources: nothing to refresh. */
    AdminActions NONE = new AdminActions() {
        @Override
        public int refreshAll() {
            return 0;
        }

        @Override
        public boolean refresh(String sourceId) {
            return false;
        }
    };
}
