package org.feedloom.store;

import java.util.List;
import org.feedloom.model.Checks;
import org.feedloom.model.Item;
import org.feedloom.model.SourceState;

/**
 * What one write of a {@link ArticleStore#commitBatch batch} did: the state saved (for a fetch, with its count of
 * items not stored before), and the source's stored items that went (expired, capped, or replaced by a changed
 * version) and came (new, or a changed version). Both lists are empty for a state alone or a fetch that changed no
 * stored item.
 */
public record SourceChange(SourceState state, List<Item> gone, List<Item> added) {
    public SourceChange {
        Checks.notNull(state, "state");
        gone = List.copyOf(gone);
        added = List.copyOf(added);
    }

    public String sourceId() {
        return state.sourceId();
    }

    /** Whether the source's stored items changed. */
    public boolean itemsChanged() {
        return !gone.isEmpty() || !added.isEmpty();
    }
}
