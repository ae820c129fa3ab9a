package org.feedloom.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.MergeState;
import org.feedloom.canonical.MergedArticles;
import org.feedloom.canonical.Parallelism;
import org.feedloom.model.Article;
import org.feedloom.model.Item;
import org.feedloom.model.Source;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.MergedSourceChange;
import org.feedloom.store.SourceChange;
import org.feedloom.store.SourceWrite;
import org.feedloom.store.StoreMerge;
import org.feedloom.topic.SourceExcludes;

/**
 * The server's merge, kept in the store (issue 13): the configured sources, the seeds and each batch of fetches
 * merged into the merged archive the store keeps, each in the transaction that stores what it merges, under the
 * sources' {@code exclude} keywords and the fold rule, with the published ids and first sights the store keeps. The
 * ids of the articles a merge made are recorded in its transaction, so an id is fixed from the merge on, and
 * instances sharing the store (whose writes are serialised) never record two ids for one alias key. Nothing here
 * holds the archive between calls: the store's is read as a change needs it, and a restart, or another instance
 * sharing the store, finds it as the last commit left it.
 *
 * <p>Each merge's outcome ({@link Merged}: what changed of the articles, and what the sources' excludes dropped) is
 * told to the listener after its commit, in the order of the commits, for the showing: calls are serialised here, so
 * no later commit's outcome is told before an earlier one's.
 *
 * <p>A fetch is merged under the excludes the archive holds its source under, read in its transaction: one of a
 * source that is not configured (removed while its fetch ran) is stored and not merged; configured again, the source
 * has its stored items merged ({@link ArticleStore#mergeSources}).
 */
final class StoreMerger {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoreMerger.class);
    private final ArticleStore store;
    private final FoldRule fold;
    private final Parallelism parallelism;
    private final Clock clock;
    private final Consumer<Merged> listener;

    StoreMerger(ArticleStore store, FoldRule fold, Parallelism parallelism, Clock clock, Consumer<Merged> listener) {
        this.store = store;
        this.fold = fold;
        this.parallelism = parallelism;
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * What a merge changed of the articles, and per source whose stored items it saw under {@code exclude} keywords
     * the number of them those dropped (a source without keywords, or no longer merged: null); {@code number}: the
     * latest merge in the store whose change it tells ({@link StoreMerge#number}; 0 for none), which a sync after it
     * is shown marks shown ({@link ArticleStore.Showing}).
     */
    record Merged(MergedArticles.Change change, Map<String, Integer> dropped, long number) {
        static final Merged NOTHING = new Merged(
                new MergedArticles.Change(Set.of(), List.of(), 0, List.of()), Map.of(), 0);

        Merged {
            dropped = java.util.Collections.unmodifiableMap(new HashMap<>(dropped));
        }

        /** Whether no article changed. */
        boolean isEmpty() {
            return change.removed().isEmpty() && change.changed().isEmpty();
        }
    }

    /** What a batch of fetches stored: for each write, in order, every item now stored for its source (null for a state alone). */
    record Committed(List<List<Item>> stored, Merged merged) {}

    /**
     * Makes {@code sources} the sources merged, each under its {@code exclude}; merges the stored items of those that
     * came or went (out of the configuration, their items stay stored) and again those whose excludes changed.
     */
    synchronized Merged configure(List<Source> sources) {
        Map<String, List<String>> next = new LinkedHashMap<>();
        sources.forEach(s -> next.put(s.id(), s.exclude()));
        return told(store.mergeSources(next, (changes, in) -> {
            List<Item> gone = new ArrayList<>();
            List<Item> added = new ArrayList<>();
            Map<String, Integer> dropped = new HashMap<>();
            for (MergedSourceChange c : changes) {
                SourceChange items = c.change(SourceExcludes::kept);
                gone.addAll(items.gone());
                added.addAll(items.added());
                dropped.put(c.sourceId(), droppedBy(c.excludesAfter(), c.stored()));
            }
            return new Merged(merge(in, gone, added), dropped, in.number());
        }));
    }

    /** Keeps {@code seeds} as the seeds merged, and merges what changed since those kept before. */
    synchronized Merged seeds(List<Item> seeds) {
        return told(store.commitSeeds(seeds,
                (change, in) -> new Merged(merge(in, change.gone(), change.added()), Map.of(), in.number())));
    }

    /** Commits {@code writes} in one transaction with the merge of what they changed of configured sources' items. */
    synchronized Committed commit(List<SourceWrite> writes) {
        Committed committed = store.commitBatch(writes, (changes, in) -> {
            List<Item> gone = new ArrayList<>();
            List<Item> added = new ArrayList<>();
            List<List<Item>> stored = new ArrayList<>(changes.size());
            Map<String, Integer> dropped = new HashMap<>();
            for (SourceChange c : changes) {
                stored.add(c == null ? null : c.stored());
                // the excludes the archive holds the source under (none: not configured), in this transaction
                List<String> exclude = c == null ? null : in.excludesOf(c.sourceId());
                if (exclude != null) { // the excludes that kept what was merged keep what goes too
                    gone.addAll(SourceExcludes.kept(exclude, c.gone()));
                    added.addAll(SourceExcludes.kept(exclude, c.added()));
                    if (!c.gone().isEmpty() || !c.added().isEmpty()) {
                        dropped.put(c.sourceId(), droppedBy(exclude, c.stored()));
                    }
                }
            }
            // two writes of one source in a batch: an item the first added and the second took away is in neither
            SourceChange net = SourceChange.of("batch", gone, added);
            return new Committed(stored, new Merged(merge(in, net.gone(), net.added()), dropped, in.number()));
        });
        told(committed.merged());
        return committed;
    }

    /**
     * Merges the archive again from scratch ({@code reindex}): empties it, then merges the stored items of each of
     * {@code sources} under its {@code exclude}, one source a transaction, telling {@code merged} how many are done,
     * and the {@code seeds}. The ids and first sights the store records are kept, so no published id changes.
     */
    synchronized void reindex(List<Source> sources, List<Item> seeds, IntConsumer merged) {
        Set<String> before = new HashSet<>(store.readMerged(MergeState::keys));
        store.clearMerged();
        told(new Merged(new MergedArticles.Change(before, List.of(), 0, List.of()), Map.of(), 0));
        List<Source> done = new ArrayList<>();
        for (Source source : sources) {
            done.add(source);
            configure(done);
            merged.accept(done.size());
        }
        seeds(seeds);
    }

    /**
     * Tells the listener the merged articles of {@code keys} as the store holds them now (gone where it holds none):
     * what another instance sharing the store merged, for this one's showing.
     */
    synchronized Merged reread(Collection<String> keys) {
        return told(reread(keys, 0));
    }

    /**
     * The merged articles of {@code keys} as the store holds them now (gone where it holds none), as the change of
     * the merges up to {@code number}.
     */
    private Merged reread(Collection<String> keys, long number) {
        return store.readMerged(state -> {
            Set<String> removed = new HashSet<>();
            List<Article> changed = new ArrayList<>();
            for (String key : new java.util.TreeSet<>(keys)) {
                Article article = state.article(key);
                if (article == null) {
                    removed.add(key);
                } else {
                    changed.add(article);
                }
            }
            return new Merged(new MergedArticles.Change(removed, changed, 0, List.of()), Map.of(), number);
        });
    }

    /**
     * Tells the listener the merged articles that merges changed or took away since the articles snapshot last showed
     * them ({@link ArticleStore#unshown}), as the store holds them now: a restart's showing, when the snapshot shows
     * the rest as the current rules would. Read under the merges' lock, as {@link #rereadAll} is.
     */
    synchronized Merged rereadUnshown() {
        ArticleStore.Unshown unshown = store.unshown();
        return told(reread(unshown.keys(), unshown.through()));
    }

    /**
     * Tells the listener every merged article as the store holds it now: a restart's showing starts from them. Read
     * under the merges' lock, so that its place among the outcomes told is where its view of the store is: a commit
     * waits for it (reading it beside the writer on a thread of its own was tried: no shorter first cycle, bound by
     * the cores, and a read-back twice as long).
     */
    synchronized Merged rereadAll() {
        long through = store.unshown().through();
        return told(store.readMerged(state -> new Merged(
                new MergedArticles.Change(Set.of(), state.articles(), 0, List.of()), Map.of(), through)));
    }

    /**
     * Tells the listener how many stored items the {@code exclude} keywords of each of {@code sources} that has some
     * drop (what {@code /status} shows; a merge tells it again for the sources whose items it merges).
     */
    synchronized Merged countDropped(List<Source> sources) {
        Map<String, Integer> dropped = new HashMap<>();
        for (Source source : sources) {
            if (!source.exclude().isEmpty()) {
                dropped.put(source.id(), droppedBy(source.exclude(), store.coordination().sourceItems(source.id())));
            }
        }
        return told(new Merged(Merged.NOTHING.change(), dropped, 0));
    }

    /** Whether the merged archive holds no article. */
    boolean isEmpty() {
        return store.readMerged(MergeState::isEmpty);
    }

    /**
     * Tells the listener {@code merged}, once committed. A fault of the listener is logged, not thrown: the merge is
     * committed, and a caller told it failed would take the commit for refused.
     */
    private Merged told(Merged merged) {
        try {
            listener.accept(merged);
        } catch (RuntimeException e) {
            LOG.error("showing a committed merge failed: its articles are shown when they change next", e);
        }
        return merged;
    }

    /** How many of {@code stored} the keywords {@code exclude} drop; null without keywords or a source not merged. */
    private static Integer droppedBy(List<String> exclude, List<Item> stored) {
        return exclude == null || exclude.isEmpty() ? null : stored.size() - SourceExcludes.kept(exclude, stored).size();
    }

    /** Merges a change, and records the ids of the articles it made, in the transaction of {@code in}. */
    private MergedArticles.Change merge(StoreMerge in, List<Item> gone, List<Item> added) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        MergedArticles.Change change = new MergedArticles(in.state(), fold, parallelism)
                .apply(gone, added, in.ids(), in.firstSeenOr(now));
        in.ids().record(change.changed(), now);
        Set<String> keys = new HashSet<>(change.removed());
        change.changed().forEach(article -> keys.add(article.key()));
        in.announce(keys, now);
        return change;
    }
}
