package org.feedloom.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.MergeState;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.store.Merging;
import org.feedloom.store.SourceChange;

/**
 * An {@link Aggregator} over a merge state in memory, fed the way the store feeds it in a running Feedloom: a
 * source's items set again arrive as a batch's change (what went, what came), a source set for the first time is
 * configured and merged as {@link Aggregator#mergeSources} merges one, and every merge is committed at once. Lets the
 * app's tests say "the source now lists these items" without a store.
 */
final class MemoryArchive {
    final Aggregator aggregator;
    final MergeState state = MergeState.inMemory();
    private final Map<String, List<Item>> stored = new HashMap<>();
    private final Map<String, Source> sources = new LinkedHashMap<>();

    MemoryArchive(Clock clock) {
        this(new Aggregator(clock));
    }

    MemoryArchive(Clock clock, FoldRule fold) {
        this(new Aggregator(clock, fold));
    }

    MemoryArchive(Aggregator aggregator) {
        this.aggregator = aggregator;
    }

    void setSeeds(List<Item> seeds) {
        aggregator.mergeSeeds(state, seeds);
        aggregator.committed();
    }

    /** The items source {@code id} stores now: a change of a configured source, or a new source configured. */
    void setSourceItems(String id, List<Item> items) {
        List<Item> before = stored.put(id, List.copyOf(items));
        if (!sources.containsKey(id)) {
            sources.put(id, source(id, List.of()));
            configure();
            return;
        }
        List<Item> gone = new ArrayList<>();
        List<Item> added = new ArrayList<>();
        difference(before, items, gone, added);
        aggregator.batchMerge().merge(merging(), List.of(new SourceChange(SourceState.pending(id, "https://s/"),
                gone, added)));
        aggregator.committed();
    }

    /** The items source {@code id} stores now (empty if none). */
    List<Item> sourceItems(String id) {
        return stored.getOrDefault(id, List.of());
    }

    /** Configures {@code configured} in place of the sources set so far (their items stay stored). */
    void setSources(List<Source> configured) {
        sources.clear();
        configured.forEach(s -> sources.put(s.id(), s));
        configure();
    }

    /** Takes source {@code id} out of the configuration. */
    void removeSource(String id) {
        sources.remove(id);
        configure();
    }

    Catalog rebuild() {
        return aggregator.rebuild(state);
    }

    Catalog rebuild(int batch) {
        return aggregator.rebuild(state, batch);
    }

    private void configure() {
        aggregator.setSources(List.copyOf(sources.values()));
        aggregator.mergeSources(merging(), id -> { });
        aggregator.committed();
    }

    static Source source(String id, List<String> exclude) {
        return new Source(id, null, "https://" + id + ".example/feed", null, List.of(), exclude, null, true, null);
    }

    private Merging merging() {
        return new Merging() {
            @Override
            public MergeState state() {
                return state;
            }

            @Override
            public List<Item> itemsOf(String sourceId) {
                return sourceItems(sourceId);
            }
        };
    }

    private static void difference(List<Item> before, List<Item> after, List<Item> gone, List<Item> added) {
        Map<Item, Integer> count = new HashMap<>();
        (before == null ? List.<Item>of() : before).forEach(item -> count.merge(item, 1, Integer::sum));
        for (Item item : after) {
            if (count.merge(item, -1, Integer::sum) < 0) {
                added.add(item);
            }
        }
        count.forEach((item, n) -> {
            for (int i = 0; i < n; i++) {
                gone.add(item);
            }
        });
    }
}
