package org.feedloom.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.MergedArticles;
import org.feedloom.canonical.Parallelism;
import org.feedloom.model.Item;
import org.feedloom.model.Source;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.MergedSourceChange;
import org.feedloom.store.SourceChange;
import org.feedloom.store.SourceWrite;
import org.feedloom.store.StoreMerge;
import org.feedloom.topic.SourceExcludes;

/**
 * The merge kept in the store (issue 13): the configured sources, the seeds and each batch of fetches merged into
 * the merged archive the store keeps, each in the transaction that stores what it merges, under the sources'
 * {@code exclude} keywords and the fold rule, with the published ids and first sights the store keeps. Each returns
 * what it changed of the articles ({@link MergedArticles.Change}), for the showing. Nothing here holds the archive
 * or anything else between calls: the store's is read as a change needs it, and a restart, or another instance
 * sharing the store, finds it as the last commit left it.
 *
 * <p>A fetch is merged under the excludes the archive holds its source under, read in its transaction: one of a
 * source that is not configured (removed while its fetch ran) is stored and not merged; configured again, the source
 * has its stored items merged ({@link ArticleStore#mergeSources}). Not wired into the server yet.
 */
final class StoreMerger {
    private final ArticleStore store;
    private final FoldRule fold;
    private final Parallelism parallelism;
    private final Clock clock;

    StoreMerger(ArticleStore store, FoldRule fold, Parallelism parallelism, Clock clock) {
        this.store = store;
        this.fold = fold;
        this.parallelism = parallelism;
        this.clock = clock;
    }

    /**
     * What a batch of fetches stored and changed: for each write, in order, every item now stored for its source
     * (null for a state alone), and the articles merged.
     */
    record Committed(List<List<Item>> stored, MergedArticles.Change change) {}

    /**
     * Makes {@code sources} the sources merged, each under its {@code exclude}; merges the stored items of those that
     * came or went (out of the configuration, their items stay stored) and again those whose excludes changed.
     */
    MergedArticles.Change configure(List<Source> sources) {
        Map<String, List<String>> next = new LinkedHashMap<>();
        sources.forEach(s -> next.put(s.id(), s.exclude()));
        return store.mergeSources(next, (changes, in) -> {
            List<Item> gone = new ArrayList<>();
            List<Item> added = new ArrayList<>();
            for (MergedSourceChange c : changes) {
                SourceChange items = c.change(SourceExcludes::kept);
                gone.addAll(items.gone());
                added.addAll(items.added());
            }
            return merge(in, gone, added);
        });
    }

    /** Keeps {@code seeds} as the seeds merged, and merges what changed since those kept before. */
    MergedArticles.Change seeds(List<Item> seeds) {
        return store.commitSeeds(seeds, (change, in) -> merge(in, change.gone(), change.added()));
    }

    /** Commits {@code writes} in one transaction with the merge of what they changed of configured sources' items. */
    Committed commit(List<SourceWrite> writes) {
        return store.commitBatch(writes, (changes, in) -> {
            List<Item> gone = new ArrayList<>();
            List<Item> added = new ArrayList<>();
            List<List<Item>> stored = new ArrayList<>(changes.size());
            for (SourceChange c : changes) {
                stored.add(c == null ? null : c.stored());
                // the excludes the archive holds the source under (none: not configured), in this transaction
                List<String> exclude = c == null ? null : in.excludesOf(c.sourceId());
                if (exclude != null) { // the excludes that kept what was merged keep what goes too
                    gone.addAll(SourceExcludes.kept(exclude, c.gone()));
                    added.addAll(SourceExcludes.kept(exclude, c.added()));
                }
            }
            // two writes of one source in a batch: an item the first added and the second took away is in neither
            SourceChange net = SourceChange.of("batch", gone, added);
            return new Committed(stored, merge(in, net.gone(), net.added()));
        });
    }

    /**
     * Merges the archive again from scratch ({@code reindex}): empties it, then merges the stored items of each of
     * {@code sources} under its {@code exclude}, one source a transaction, telling {@code merged} how many are done,
     * and the {@code seeds}. The ids and first sights the store records are kept, so no published id changes.
     */
    void reindex(List<Source> sources, List<Item> seeds, IntConsumer merged) {
        store.clearMerged();
        List<Source> done = new ArrayList<>();
        for (Source source : sources) {
            done.add(source);
            configure(done);
            merged.accept(done.size());
        }
        seeds(seeds);
    }

    /**
     * Merges again, under the ids the store now records, the articles that own {@code aliasKeys}: another instance
     * sharing the store recorded ids for them first ({@link ArticleStore#savePublishedIds} gave those records back),
     * and the ids it published are the ones that hold.
     */
    MergedArticles.Change remerge(Collection<String> aliasKeys) {
        return store.merging(in -> {
            Set<Item> members = new LinkedHashSet<>();
            MergedArticles archive = new MergedArticles(in.state(), fold, parallelism);
            aliasKeys.forEach(key -> members.addAll(archive.membersOfOwner(key)));
            List<Item> taken = List.copyOf(members); // taken out and put back in: merged again with the ids
            return merge(in, taken, taken);
        });
    }

    private MergedArticles.Change merge(StoreMerge in, List<Item> gone, List<Item> added) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new MergedArticles(in.state(), fold, parallelism).apply(gone, added, in.ids(), in.firstSeenOr(now));
    }
}
