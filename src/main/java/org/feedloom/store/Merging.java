package org.feedloom.store;

import java.util.List;
import org.feedloom.canonical.MergeState;
import org.feedloom.model.Item;

/**
 * The merged archive inside a store transaction ({@link ArticleStore#mergingStored}, {@link ArticleStore#commitBatch}),
 * with the sources' stored items beside it: what merging a source's items again (a changed {@code exclude}, a source
 * configured or removed) reads. Valid only during the call it is given to.
 */
public interface Merging {
    /** The merged archive. */
    MergeState state();

    /** Every item stored for source {@code sourceId}, newest first (empty for a source without any). */
    List<Item> itemsOf(String sourceId);

    /** Merges a batch's changes, inside the batch's transaction. */
    @FunctionalInterface
    interface Batch {
        /** Called once per batch that changed some source's items, with every write's change, in order. */
        void merge(Merging merging, List<SourceChange> changes);

        /** Called once the transaction {@link #merge} ran in is committed. */
        default void committed() {
        }

        /** Called if the transaction {@link #merge} ran in was rolled back (or the batch failed before it). */
        default void rolledBack() {
        }

        Batch NONE = (merging, changes) -> { };
    }
}
