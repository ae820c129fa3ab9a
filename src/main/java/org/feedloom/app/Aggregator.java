package org.feedloom.app;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.HiddenUrls;
import org.feedloom.canonical.MergeState;
import org.feedloom.canonical.MergedArticles;
import org.feedloom.canonical.PublishedIds;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Fold;
import org.feedloom.model.Item;
import org.feedloom.model.PublishedId;
import org.feedloom.model.Removals;
import org.feedloom.model.Source;
import org.feedloom.model.TopicRule;
import org.feedloom.store.Merging;
import org.feedloom.store.SourceChange;
import org.feedloom.topic.SourceExcludes;
import org.feedloom.topic.TopicIndex;

/**
 * Keeps the merged archive up to date with its inputs and publishes the catalog built from it. The archive lives in
 * a {@link MergeState} (the store's, in a running Feedloom) that every method working on it is given, inside the
 * store transaction that changed the inputs: a batch of fetches ({@link #mergeBatch}), the seed files
 * ({@link #mergeSeeds}), the configured sources and their {@code exclude} keywords ({@link #mergeSources}). Each
 * merges only what changed ({@link MergedArticles}); nothing re-merges the archive, and no input is held in memory.
 * Sequences the stages (drop excluded items, merge, drop hidden articles, assign topics, group) and contains none
 * of their logic.
 *
 * <p>A {@link #rebuild} takes the articles the merges changed since the last one and publishes a new catalog;
 * readers get the last complete catalog without locking. Methods that change anything are serialised on this
 * object; a caller in a store transaction takes the store's lock first, then this one, never the other way round.
 */
final class Aggregator {
    private final Clock clock;
    private final FoldRule fold;
    private final AtomicReference<Catalog> catalog = new AtomicReference<>(Catalog.empty());
    private volatile PublishedIds publishedIds = new PublishedIds();
    private final List<PublishedId> newPublishedIds = new ArrayList<>();
    /**
     * What the merges of the store transaction under way did to this object, applied once it commits
     * ({@link #committed}) and forgotten if it is rolled back: what is published is always what was committed.
     */
    private final List<Runnable> staged = new ArrayList<>();
    /** Per source with an {@code exclude}, its stored items the rule drops. */
    private final Map<String, Integer> dropped = new TreeMap<>();
    /** The merged articles that are shown, by key, with their topics assigned: kept up to date with the merge. */
    private final Map<String, Article> shown = new HashMap<>();
    /** The shown articles in {@link TopicIndex#NEWEST_FIRST} order, as the last rebuild published them. */
    private List<Article> ordered = List.of();
    /** The keys shown or unshown since the last rebuild published {@link #ordered}. */
    private final Set<String> touched = new HashSet<>();
    /** Per shown article that a topic's {@code exclude} kept out of a topic, those topics' slugs. */
    private final Map<String, Map<String, Integer>> excludedFrom = new HashMap<>();
    /** The keys of the merged articles that {@code hide:} keeps out. */
    private final Set<String> hiddenKeys = new HashSet<>();
    /** The keys of the articles merged away, and the articles merged anew, since the last rebuild showed them. */
    private final Set<String> unshown = new HashSet<>();
    private final Map<String, Article> unshownChanged = new LinkedHashMap<>();
    /** Whether the topic rules or the hidden URLs changed since the last rebuild (every article is assessed again). */
    private boolean rulesChanged = true;
    /**
     * The keys of the merged articles that the current topic rules and hidden URLs have not assessed yet, after they
     * changed on a running catalog: {@link #ASSESS_BATCH} of them a rebuild, so one rebuild never assesses the
     * whole archive and fetched items keep being published meanwhile.
     */
    private final java.util.ArrayDeque<String> toAssess = new java.util.ArrayDeque<>();
    /** How many articles the assessment under way started with (0 when none is); those not in the queue are done. */
    private int assessing;
    private List<TopicRule> rules = List.of();
    private List<String> hiddenUrls = List.of();
    /** Read without the lock too ({@link #asPublished}), so readers of stored pages never wait for a rebuild. */
    private volatile TopicIndex topics = new TopicIndex(List.of());
    /** The configured sources' excludes: what {@link #mergeSources} merges their items by. */
    private SourceExcludes sourceExcludes = SourceExcludes.NONE;
    private volatile HiddenUrls hidden = HiddenUrls.NONE;
    /** The latest copies folded, by copy link, oldest first; at most {@link #FOLDS_SHOWN}. */
    private final LinkedHashMap<String, Fold> folds = new LinkedHashMap<>();
    static final int FOLDS_SHOWN = 50;
    /** What the last rebuild kept out, for the status page. */
    private volatile Removals removals = Removals.NONE;

    Aggregator(Clock clock) {
        this(clock, FoldRule.DEFAULT);
    }

    /** An aggregator that folds syndicated copies by {@code fold} (for its whole life: a change needs a restart). */
    Aggregator(Clock clock, FoldRule fold) {
        this.clock = clock;
        this.fold = fold;
    }

    Catalog catalog() {
        return catalog.get();
    }

    /**
     * Publishes {@code published} (articles a previous run published, topics already assigned, read back from the
     * store) less the hidden ones, grouped by the current topic rules (their excludes applied: a rule changed while
     * stopped applies from the first request), as catalog version 1, until the first rebuild; versions continue from
     * it, so no rendered document is cached under two catalogs' version.
     */
    synchronized void startWith(List<Article> published) {
        List<Article> visible = asPublished(published);
        catalog.set(topics.catalog(catalog.get().version() + 1, visible).stampedAfter(catalog.get()));
    }

    /**
     * Articles a previous run published, as the current rules publish them: less the hidden ones, topics assigned
     * by the current topic rules (their excludes applied). Does not wait for a rebuild.
     */
    List<Article> asPublished(List<Article> published) {
        return topics.assignAll(hidden.visible(published)).articles();
    }

    /** The slug of a topic name under the current topic rules. */
    String slugOf(String topicName) {
        return topics.slugOf(topicName);
    }

    /** Adopts the ids the store kept (at start-up, before the first rebuild). */
    void usePublishedIds(List<PublishedId> stored) {
        publishedIds = new PublishedIds(stored);
    }

    /** Ids recorded by rebuilds since the last call (alias keys published for the first time), for the store. */
    synchronized List<PublishedId> drainNewPublishedIds() {
        List<PublishedId> out = List.copyOf(newPublishedIds);
        newPublishedIds.clear();
        return out;
    }

    /** The topic rules that apply from the next rebuild on; the same rules again change nothing. */
    synchronized void setTopicRules(List<TopicRule> rules) {
        if (!rules.equals(this.rules)) {
            this.rules = List.copyOf(rules);
            topics = new TopicIndex(rules);
            rulesChanged = true;
        }
    }

    /**
     * The configured sources, whose items (as their {@code exclude} keywords choose them) the next
     * {@link #mergeSources} merges, stored ones included; the items of a source no longer configured go.
     */
    synchronized void setSources(List<Source> sources) {
        sourceExcludes = new SourceExcludes(sources);
    }

    /** The {@code hide:} URLs that apply from the next rebuild on. */
    synchronized void setHidden(List<String> urls) {
        if (!urls.equals(hiddenUrls)) {
            hiddenUrls = List.copyOf(urls);
            hidden = new HiddenUrls(urls);
            rulesChanged = true;
        }
    }

    /** Whether articles are waiting to be assessed under changed rules (a rebuild will take the next batch). */
    synchronized boolean assessing() {
        return !toAssess.isEmpty();
    }

    /** What the last rebuild kept out of the catalog, and how far applying changed rules is. */
    Removals removals() {
        return removals;
    }

    /**
     * The merge of a batch of fetches' changes to their sources' stored items, for the store writer: in the batch's
     * transaction, each source's items merged by the rule its merged items were chosen by (a source not merged yet
     * is left to {@link #mergeSources}); what it changed is published by a rebuild once the batch is committed.
     */
    Merging.Batch batchMerge() {
        return new Merging.Batch() {
            @Override
            public void merge(Merging merging, List<SourceChange> changes) {
                mergeBatch(merging, changes);
            }

            @Override
            public void committed() {
                Aggregator.this.committed();
            }

            @Override
            public void rolledBack() {
                Aggregator.this.rolledBack();
            }
        };
    }

    private synchronized void mergeBatch(Merging merging, List<SourceChange> changes) {
        SourceExcludes merged = SourceExcludes.ofRules(merging.state().sources());
        List<Item> gone = new ArrayList<>();
        List<Item> added = new ArrayList<>();
        for (SourceChange change : changes) {
            String id = change.sourceId();
            if (merged.ruleOf(id) == null) {
                continue;
            }
            int drops = 0;
            for (Item item : change.gone()) {
                if (merged.drops(id, item)) {
                    drops--;
                } else {
                    gone.add(item);
                }
            }
            for (Item item : change.added()) {
                if (merged.drops(id, item)) {
                    drops++;
                } else {
                    added.add(item);
                }
            }
            if (drops != 0) {
                int delta = drops;
                staged.add(() -> dropped.merge(id, delta, Integer::sum));
            }
        }
        merge(merging.state(), gone, added);
    }

    /** Merges the seed items {@code seeds} in place of those last merged (published once {@link #committed}). */
    synchronized void mergeSeeds(MergeState state, List<Item> seeds) {
        List<Item> gone = new ArrayList<>();
        List<Item> added = new ArrayList<>();
        difference(state.seeds(), seeds, gone, added);
        merge(state, gone, added);
        state.setSeeds(seeds);
    }

    /**
     * Merges the items of every configured source as its {@code exclude} keywords choose them, where that differs
     * from what is merged: a source configured since, one whose {@code exclude} changed, one no longer configured
     * (its items go). Each source is merged alone, {@code onMerged} told its id after; a source whose rule did not
     * change is only counted ({@link Removals#excludedBySource}). Returns how many sources were merged again.
     * Published once {@link #committed}.
     */
    synchronized int mergeSources(Merging merging, java.util.function.Consumer<String> onMerged) {
        MergeState state = merging.state();
        Map<String, String> recorded = state.sources();
        SourceExcludes before = SourceExcludes.ofRules(recorded);
        Map<String, String> wanted = sourceExcludes.rules();
        Set<String> ids = new java.util.TreeSet<>(recorded.keySet());
        ids.addAll(wanted.keySet());
        Map<String, Integer> counts = new HashMap<>();
        int merged = 0;
        for (String id : ids) {
            String was = recorded.get(id);
            String now = wanted.get(id);
            boolean same = java.util.Objects.equals(was, now);
            if (same && (now.isEmpty() || dropped.containsKey(id))) {
                continue; // nothing to merge, nothing to count again
            }
            List<Item> items = merging.itemsOf(id);
            SourceExcludes.Kept kept = now == null ? null : sourceExcludes.keep(id, items);
            counts.put(id, kept == null ? null : kept.dropped());
            if (same) {
                continue;
            }
            List<Item> gone = new ArrayList<>();
            List<Item> added = new ArrayList<>();
            difference(was == null ? List.of() : before.keep(id, items).items(),
                    kept == null ? List.of() : kept.items(), gone, added);
            merge(state, gone, added);
            state.setSource(id, now);
            merged++;
            onMerged.accept(id);
        }
        staged.add(() -> counts.forEach((id, n) -> {
            if (n == null) {
                dropped.remove(id);
            } else {
                dropped.put(id, n);
            }
        }));
        return merged;
    }

    /**
     * Takes every article out of {@code state} and forgets what was merged, for a merge from scratch
     * ({@code reindex}): {@link #mergeSeeds} and {@link #mergeSources} then merge everything again.
     */
    synchronized void clear(MergeState state) {
        state.clear();
        staged.add(() -> {
            dropped.clear();
            unshown.addAll(shown.keySet());
            unshown.addAll(hiddenKeys);
            unshownChanged.clear();
        });
    }

    /** Publishes (at the next rebuild) what the merges of the store transaction that just committed did. */
    synchronized void committed() {
        staged.forEach(Runnable::run);
        staged.clear();
    }

    /** Forgets what the merges of the store transaction that was just rolled back did. */
    synchronized void rolledBack() {
        staged.clear();
    }

    /** The articles a background rebuild assesses under changed rules, at most. */
    static final int ASSESS_BATCH = 5_000;

    /**
     * Publishes the articles the merges changed since the last rebuild as a new catalog, assessing every article of
     * {@code state} again if the rules changed; returns it.
     */
    synchronized Catalog rebuild(MergeState state) {
        return rebuild(state, Integer.MAX_VALUE);
    }

    /**
     * Publishes the articles the merges changed since the last rebuild as a new catalog; returns it. After a change
     * of the topic rules or hidden URLs, assesses at most {@code batch} articles of {@code state} again under them
     * ({@link #assessing} says whether some wait; the articles merged since are assessed under them at once).
     * The first rebuild shows every article of {@code state}.
     */
    synchronized Catalog rebuild(MergeState state, int batch) {
        Instant now = now();
        if (rulesChanged) {
            rulesChanged = false;
            toAssess.clear();
            if (shown.isEmpty() && hiddenKeys.isEmpty()) { // nothing shown yet: every article is shown now
                for (Article article : state.articles()) {
                    unshown.remove(article.key());
                    unshownChanged.put(article.key(), article);
                }
            } else {
                state.articles().forEach(a -> toAssess.add(a.key()));
            }
            assessing = toAssess.size();
        }
        unshown.forEach(this::unshow);
        for (Article article : unshownChanged.values()) {
            unshow(article.key());
            show(article);
        }
        unshown.clear();
        unshownChanged.clear();
        assess(state, batch);
        List<Article> fresh = freshlyShown();
        Catalog next = topics.catalogOfSorted(catalog.get().version() + 1, reorder(fresh))
                .stampedAfter(catalog.get());
        Map<String, Integer> byTopic = new TreeMap<>();
        excludedFrom.values().forEach(m -> m.forEach((slug, n) -> byTopic.merge(slug, n, Integer::sum)));
        List<Fold> newestFirst = new ArrayList<>(folds.values());
        java.util.Collections.reverse(newestFirst);
        removals = new Removals(Map.copyOf(dropped), byTopic, excludedFrom.size(), hiddenKeys.size(),
                assessing - toAssess.size(), assessing, newestFirst);
        catalog.set(next);
        // every shown article was fresh in the rebuild that showed it: the others' keys are recorded already
        newPublishedIds.addAll(publishedIds.record(fresh, now));
        return next;
    }

    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** Merges a change; the articles it removed or changed are shown (or not) again at the next rebuild. */
    private void merge(MergeState state, List<Item> gone, List<Item> added) {
        if (gone.isEmpty() && added.isEmpty()) {
            return;
        }
        Instant now = now();
        MergedArticles.Change change = new MergedArticles(state, fold).apply(gone, added, publishedIds,
                key -> state.firstSeen(key, now));
        staged.add(() -> changed(change));
    }

    /** Notes a committed change: its articles are shown (or not) again at the next rebuild. */
    private void changed(MergedArticles.Change change) {
        for (String key : change.removed()) {
            unshownChanged.remove(key);
            unshown.add(key);
        }
        for (Fold fold : change.folds()) {
            folds.remove(fold.copyUrl()); // re-inserted: the newest last
            folds.put(fold.copyUrl(), fold);
            if (folds.size() > FOLDS_SHOWN) {
                folds.remove(folds.keySet().iterator().next());
            }
        }
        for (Article article : change.changed()) {
            unshown.remove(article.key());
            unshownChanged.put(article.key(), article);
        }
    }

    /** The articles touched since the last rebuild that are shown now, in {@link TopicIndex#NEWEST_FIRST} order. */
    private List<Article> freshlyShown() {
        List<Article> fresh = new ArrayList<>();
        for (String key : touched) {
            Article article = shown.get(key);
            if (article != null) {
                fresh.add(article);
            }
        }
        fresh.sort(TopicIndex.NEWEST_FIRST);
        return fresh;
    }

    /**
     * The shown articles in {@link TopicIndex#NEWEST_FIRST} order: the last order without the articles touched
     * since, merged with {@code fresh} (those of them still shown, sorted); so a rebuild sorts what changed, not the
     * archive.
     */
    private List<Article> reorder(List<Article> fresh) {
        List<Article> next = new ArrayList<>(shown.size());
        int i = 0;
        for (Article kept : ordered) {
            if (touched.contains(kept.key())) {
                continue;
            }
            while (i < fresh.size() && TopicIndex.NEWEST_FIRST.compare(fresh.get(i), kept) < 0) {
                next.add(fresh.get(i++));
            }
            next.add(kept);
        }
        next.addAll(fresh.subList(i, fresh.size()));
        touched.clear();
        ordered = next;
        return next;
    }

    /** Assesses the next {@code batch} articles waiting under changed rules: topics and hiding again. */
    private void assess(MergeState state, int batch) {
        for (int i = 0; i < batch && !toAssess.isEmpty(); i++) {
            String key = toAssess.poll();
            Article article = state.article(key); // as merged now: it may have changed since it was queued
            if (article != null) {
                unshow(key);
                show(article);
            }
        }
        if (toAssess.isEmpty()) {
            assessing = 0;
        }
    }

    /** Takes a merged article into the shown ones (topics assigned), or into the hidden ones. */
    private void show(Article article) {
        touched.add(article.key());
        if (hidden.hides(article)) {
            hiddenKeys.add(article.key());
            return;
        }
        TopicIndex.Assigned assigned = topics.assignAll(List.of(article));
        shown.put(article.key(), assigned.articles().get(0));
        if (assigned.excludedArticles() > 0) {
            excludedFrom.put(article.key(), assigned.excludedByTopic());
        }
    }

    private void unshow(String key) {
        touched.add(key);
        shown.remove(key);
        excludedFrom.remove(key);
        hiddenKeys.remove(key);
    }

    /** What went from {@code before} to {@code after}: each item as often as it went, or came. */
    private static void difference(List<Item> before, List<Item> after, List<Item> gone, List<Item> added) {
        if (before == after) {
            return;
        }
        Map<Item, Integer> count = new HashMap<>();
        before.forEach(item -> count.merge(item, 1, Integer::sum));
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
