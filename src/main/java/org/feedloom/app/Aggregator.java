package org.feedloom.app;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.feedloom.canonical.Coverage;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.KeyedTable;
import org.feedloom.canonical.MergeCheckpoint;
import org.feedloom.canonical.MergeState;
import org.feedloom.canonical.MergedArticles;
import org.feedloom.canonical.Parallelism;
import org.feedloom.canonical.PublishedIds;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.canonical.TextAnchors;
import org.feedloom.canonical.TextTerms;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Fold;
import org.feedloom.model.Item;
import org.feedloom.model.PublishedId;
import org.feedloom.model.Removals;
import org.feedloom.model.Source;
import org.feedloom.model.StoryLink;
import org.feedloom.model.TopicRule;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceChange;
import org.feedloom.store.StoreException;
import org.feedloom.topic.SourceExcludes;
import org.feedloom.topic.TopicIndex;
import org.feedloom.topic.TopicReading;

/**
 * Holds the current inputs (seed items, each live source's items, the topic rules, the source excludes and hidden
 * URLs) and the catalog built from them. Sequences the stages — drop excluded items, merge, show (drop hidden
 * articles, assign topics, link coverage of one story: {@link ShownArticles}), group — and contains none of their
 * logic. The merge is incremental ({@link MergedArticles}): a rebuild hands it only what changed since the last one
 * (the seeds and the sources whose items or excludes changed, as items gone and items new), so its cost follows the
 * change, not the archive. Rebuilds are serialised; readers get the last complete catalog without locking.
 */
final class Aggregator {
    private final Clock clock;
    private final AtomicReference<Catalog> catalog = new AtomicReference<>(Catalog.empty());
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, Instant> newFirstSeen = new ConcurrentHashMap<>();
    private volatile PublishedIds publishedIds = new PublishedIds();
    private final List<PublishedId> newPublishedIds = new ArrayList<>();
    private List<Item> seeds = List.of();
    /** Each source's items, as last set; read without the lock, so a fetch worker never waits for a rebuild. */
    private final Map<String, List<Item>> sourceItems = new ConcurrentHashMap<>();
    /** The articles of what the last rebuild merged: {@link #mergedSeeds} and {@link #mergedSources}. */
    private final MergedArticles merged;
    private List<Item> mergedSeeds = List.of();
    /** Each source's items as merged: those its excludes kept. */
    private final Map<String, List<Item>> mergedSources = new HashMap<>();
    /**
     * The sources whose items or excludes changed since the last rebuild. Concurrent, and added to without the lock
     * ({@link #setSourceItems}): the store's writer thread never waits for a rebuild's merge. A source's items are
     * set before it is added here, and a rebuild removes it before it reads them, so a change made while a rebuild
     * runs is merged by that rebuild or left for the next, never lost.
     */
    private final Set<String> changedSources = ConcurrentHashMap.newKeySet();
    /**
     * The items merged since {@link #releaseBodies} last ran, by list: their bodies are held until the rebuild that
     * merged them is synced to the store, then let go (the store keeps them).
     */
    private final List<List<Item>> toRelease = new ArrayList<>();
    /** Items whose articles the next rebuild merges again (their ids were corrected). */
    private final List<Item> remerge = new ArrayList<>();
    /** The sources merged by rebuilds since {@link #drainMergedSources}. */
    private final Set<String> mergedSinceDrain = new HashSet<>();
    /** Per source with an {@code exclude}, the items it dropped at the last rebuild. */
    private final Map<String, Integer> dropped = new TreeMap<>();
    /** The shown articles in {@link TopicIndex#NEWEST_FIRST} order, as the last rebuild published them. */
    private List<Article> ordered = List.of();
    /** What the last rebuild changed in the catalog's articles, for the store's sync. */
    private static final ArticleStore.Change NO_CHANGE = new ArticleStore.Change(List.of(), Set.of());
    private ArticleStore.Change lastChange = NO_CHANGE;
    /** The catalog the last rebuild published, and the topic index it was built by: the base of the next. */
    private Catalog rebuiltCatalog;
    private TopicIndex rebuiltWith;
    /** The keys of the articles merged away, and the articles merged anew, since the last rebuild showed them. */
    private Set<String> unshown = new HashSet<>();
    private Map<String, Article> unshownChanged = new LinkedHashMap<>();
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
    private SourceExcludes sourceExcludes = SourceExcludes.NONE;
    /** The merged articles shown or hidden, with their topics and coverage links. */
    private final ShownArticles showing;
    /** The latest copies folded, by copy link. */
    private final Latest<Fold> folds = new Latest<>(FOLDS_SHOWN, Fold::copyUrl);
    /** The folds made since the last {@link #drainNewFolds}, for the store: the latest of each copy, by copy link. */
    private final Map<String, Fold> newFolds = new LinkedHashMap<>();
    static final int FOLDS_SHOWN = 50;
    /** What the last rebuild kept out, for the status page. */
    private volatile Removals removals = Removals.NONE;
    /** What a text's anchors depend on under the fold rule besides the text ({@link FoldRule#anchoring}). */
    private final String anchoring;
    /**
     * The anchors of the texts merged since {@link #drainReadings}, by article key, for the store; those the store
     * gave at start-up are not given again.
     */
    private Map<String, TextAnchors> newAnchors = new HashMap<>();
    /** The keys of the articles merged away since {@link #drainReadings}: what was read from them goes too. */
    private Set<String> mergedAway = new HashSet<>();

    /**
     * A large change (a first fetch of many sources, the stored archive merged at start-up) reads its texts on every
     * core: the rebuilding thread and the common pool's.
     */
    static final Parallelism EVERY_CORE = new Parallelism(ForkJoinPool.commonPool(),
            Math.max(1, ForkJoinPool.commonPool().getParallelism() + 1));

    Aggregator(Clock clock) {
        this(clock, FoldRule.DEFAULT, RelatedRule.DEFAULT);
    }

    /**
     * An aggregator that folds syndicated copies by {@code fold} and links coverage of one story by {@code related}
     * (for its whole life: a change needs a restart).
     */
    Aggregator(Clock clock, FoldRule fold, RelatedRule related) {
        this.clock = clock;
        this.merged = new MergedArticles(MergeState.inMemory(), fold, EVERY_CORE);
        this.showing = new ShownArticles(merged, new Coverage(related));
        this.anchoring = fold.anchoring();
    }

    /** What a text's anchors depend on under this aggregator's fold rule besides the text. */
    String anchoring() {
        return anchoring;
    }

    /**
     * Takes the coverage links' evidence the store kept, for the next rebuild's showing: a link made again whose
     * evidence was kept reads no text. The first rebuild lets it go. What else the store kept of the texts is read
     * as the rebuild needs it: the fold anchors part by part as the merge groups the stored items
     * ({@link #readKeptAnchorsFrom}), the story terms a run of articles at a time as they are shown
     * ({@link #readKeptTermsFrom}).
     */
    synchronized void knowStoryLinks(List<StoryLink> links) {
        showing.knowStoryLinks(links);
    }

    /**
     * Has the showing of articles again (a restart's stored archive, the archive under changed topic rules) read
     * the story terms ({@link Coverage#READING}) the store kept for them from {@code read}, by article key, a run of
     * articles at a time ({@link ShownArticles#showAgain}): an article whose kept terms name its text has only its
     * excerpt read, for the topic rules. Without it every shown article's content is read for its terms.
     */
    synchronized void readKeptTermsFrom(Function<Collection<String>, Map<String, TextTerms>> read) {
        showing.readKeptTermsFrom(read);
    }

    /**
     * Has the showing of articles again read what the topic rules read from their texts, as the store kept it, from
     * {@code read} (article keys and the rules' {@link TopicIndex#reading}), by article key, a run of articles at a
     * time: an article whose kept reading names its text (title, excerpt, categories) under the same rules is shown
     * without its excerpt being read. Without it the rules read every shown article's excerpt.
     */
    synchronized void readKeptTopicReadingsFrom(
            java.util.function.BiFunction<Collection<String>, String, Map<String, TopicReading>> read) {
        showing.readKeptTopicReadingsFrom(read);
    }

    /**
     * Has the merge read back from {@code read} the anchors it let go once the store kept them ({@link #anchorsSaved}),
     * and those kept for the texts of items read back from the store (a restart's archive, a part at a time): the
     * kept anchors of some article keys, by key. Without it the merge holds every article's anchors, and reads the
     * texts of stored items again for theirs.
     */
    synchronized void readKeptAnchorsFrom(Function<Collection<String>, Map<String, TextAnchors>> read) {
        merged.readKeptAnchorsFrom(read);
    }

    /**
     * Tells the merge that the store now keeps {@code saved} (what {@link #drainReadings} gave), so that it may let go
     * of those anchors until a change takes their articles up again; nothing when no {@link #readKeptAnchorsFrom}
     * reads them back.
     */
    synchronized void anchorsSaved(Map<String, TextAnchors> saved) {
        merged.anchorsKept(saved);
    }

    /** How many merged articles' anchors the merge let go to the store ({@link #anchorsSaved}). */
    synchronized int anchorsLetGo() {
        return merged.anchorsLetGo();
    }

    /**
     * What the merge (anchors), the coverage (story terms) and the topic rules read from texts since the last call,
     * by article key, for the store (a null value: the article was merged away, and what was read from it goes);
     * then forgets it.
     */
    synchronized Readings drainReadings() {
        Map<String, TextAnchors> anchors = new HashMap<>();
        Map<String, TextTerms> terms = new HashMap<>();
        Map<String, TopicReading> topics = new HashMap<>();
        mergedAway.forEach(key -> {
            anchors.put(key, null);
            terms.put(key, null);
            topics.put(key, null);
        });
        anchors.putAll(newAnchors);
        terms.putAll(showing.drainReadTerms());
        topics.putAll(showing.drainTopicReadings());
        mergedAway = new HashSet<>();
        newAnchors = new HashMap<>();
        return new Readings(anchors, terms, topics, showing.topics().reading());
    }

    /**
     * What {@link #drainReadings} gives: anchors, story terms and topic readings by article key, null for an article
     * gone; and the name of the topic rules the readings were read by ({@link TopicIndex#reading}).
     */
    record Readings(Map<String, TextAnchors> anchors, Map<String, TextTerms> terms, Map<String, TopicReading> topics,
                    String topicRules) {}

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
        catalog.set(showing.topics().catalog(catalog.get().version() + 1, visible).stampedAfter(catalog.get()));
    }

    /**
     * Articles a previous run published, as the current rules publish them: less the hidden ones, topics assigned
     * by the current topic rules (their excludes applied). Does not wait for a rebuild.
     */
    List<Article> asPublished(List<Article> published) {
        return showing.topics().assignAll(showing.hidden().visible(published)).articles();
    }

    /** The slug of a topic name under the current topic rules. */
    String slugOf(String topicName) {
        return showing.topics().slugOf(topicName);
    }

    synchronized void setSeeds(List<Item> items) {
        seeds = List.copyOf(items);
    }

    /**
     * What the last rebuild changed in the catalog's articles (all of them): the articles it showed anew or again, and
     * the keys it stopped showing; forgotten once taken (the rebuilder's sync takes it), so that a large change (a
     * restart's is every article) is not held until the next rebuild. None when taken already.
     */
    synchronized ArticleStore.Change takeLastChange() {
        ArticleStore.Change taken = lastChange;
        lastChange = NO_CHANGE;
        return taken;
    }

    /** Sets a source's items for the next rebuild; does not wait for a rebuild under way. */
    void setSourceItems(String sourceId, List<Item> items) {
        sourceItems.put(sourceId, List.copyOf(items));
        changedSources.add(sourceId);
    }

    /** The items last set for a source (empty if none). */
    List<Item> sourceItems(String sourceId) {
        return sourceItems.getOrDefault(sourceId, List.of());
    }

    /**
     * Adds stored first-seen times (an article's publication time when nothing dates it). Call after
     * {@link #usePublishedIds}: a key that is a published alias key is kept as that record's string, the one the
     * merge uses, not as a second copy.
     */
    void addFirstSeen(Map<String, Instant> stored) {
        PublishedIds ids = publishedIds;
        stored.forEach((key, time) -> {
            PublishedId record = ids.of(key);
            firstSeen.putIfAbsent(record == null ? key : record.aliasKey(), time);
        });
    }

    /** First-seen times recorded by rebuilds since the last call, for the store; then forgets they are new. */
    Map<String, Instant> drainNewFirstSeen() {
        Map<String, Instant> out = new LinkedHashMap<>(newFirstSeen);
        out.keySet().forEach(newFirstSeen::remove);
        return out;
    }

    /** The folds made since the last call (each copy's latest evidence), for the store; then forgets them. */
    synchronized List<Fold> drainNewFolds() {
        List<Fold> out = List.copyOf(newFolds.values());
        newFolds.clear();
        return out;
    }

    /** The coverage links made since the last call, for the store; then forgets them. */
    synchronized List<StoryLink> drainNewStoryLinks() {
        return showing.drainNewStoryLinks();
    }

    /**
     * Shows the coverage links a previous run recorded ({@code newestFirst}, at most {@link #FOLDS_SHOWN}) until
     * newer ones replace them (at start-up, before the first rebuild).
     */
    synchronized void useStoryLinks(List<StoryLink> newestFirst) {
        showing.useStoryLinks(newestFirst);
    }

    /**
     * Shows the folds a previous run recorded ({@code newestFirst}, at most {@link #FOLDS_SHOWN}) until newer ones
     * replace them (at start-up, before the first rebuild).
     */
    synchronized void useFolds(List<Fold> newestFirst) {
        folds.addRecorded(newestFirst);
    }

    /** Adopts the ids the store kept (at start-up, before the first rebuild). */
    void usePublishedIds(List<PublishedId> stored) {
        publishedIds = new PublishedIds(stored);
    }

    /** Adds ids another instance sharing the store published (an alias key already recorded keeps its id). */
    void adoptPublishedIds(List<PublishedId> records) {
        publishedIds.adopt(records);
    }

    /**
     * Adopts ids another instance sharing the store recorded first for alias keys this one recorded too, and has
     * the next rebuild merge the articles that own those alias keys again, under those ids.
     */
    synchronized void correctPublishedIds(List<PublishedId> winners) {
        publishedIds.replace(winners);
        for (PublishedId winner : winners) {
            remerge.addAll(merged.membersOfOwner(winner.aliasKey()));
        }
    }

    /** The sources whose items rebuilds merged since the last call; then forgets them. */
    synchronized Set<String> drainMergedSources() {
        Set<String> out = Set.copyOf(mergedSinceDrain);
        mergedSinceDrain.clear();
        return out;
    }

    /** Ids recorded by rebuilds since the last call (alias keys published for the first time), for the store. */
    synchronized List<PublishedId> drainNewPublishedIds() {
        List<PublishedId> out = List.copyOf(newPublishedIds);
        newPublishedIds.clear();
        return out;
    }

    void removeSource(String sourceId) {
        sourceItems.remove(sourceId);
        changedSources.add(sourceId);
    }

    /** The topic rules that apply from the next rebuild on; the same rules again change nothing. */
    synchronized void setTopicRules(List<TopicRule> rules) {
        if (showing.setTopicRules(rules)) {
            rulesChanged = true;
        }
    }

    /** The sources whose {@code exclude} keywords apply from the next rebuild on (to stored items too). */
    synchronized void setSourceExcludes(List<Source> sources) {
        sourceExcludes = new SourceExcludes(sources);
        changedSources.addAll(sourceItems.keySet());
    }

    /** The {@code hide:} URLs that apply from the next rebuild on. */
    synchronized void setHidden(List<String> urls) {
        if (showing.setHidden(urls)) {
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

    /** The sources whose items changed since they were last merged, by id: what the next rebuild merges. */
    synchronized List<String> unmergedSources() {
        return changedSources.stream().sorted().toList();
    }

    /**
     * Merges one source's changes now rather than at the next rebuild, which shows and publishes them (a rebuild of
     * everything that reports its progress, as {@code reindex} does). Merging the sources one by one gives the
     * articles merging them at once gives ({@link MergedArticles}); no id is recorded until the rebuild.
     */
    synchronized void mergeSource(String sourceId) {
        if (changedSources.contains(sourceId)) {
            Taken taken = new Taken();
            taken.source(sourceId);
            changedSources.remove(sourceId);
            List<Item> gone = new ArrayList<>();
            List<Item> added = new ArrayList<>();
            try {
                takeChanges(sourceId, gone, added);
                merge(gone, added, now());
            } catch (StoreException e) {
                taken.putBack();
                throw e;
            }
        }
    }

    /**
     * The items (gone and added) a rebuild merges at once, about: a larger change (the stored archive merged at
     * start-up, a first fetch of many sources) is merged a few sources at a time, each part a change of its own, which
     * gives the articles one merge gives ({@link MergedArticles}). A merge's working state (its groups, keys, folds,
     * the articles before and after) grows with its change, not the archive: at start-up on 100,000 stored articles,
     * merged at once, it held about 160 MB beside the 97 MB the server keeps.
     */
    static final int MERGE_PART = 10_000;

    /** {@link #MERGE_PART}, or what a test sets ({@link #mergeInParts}). */
    private int mergePart = MERGE_PART;

    /** Merges a rebuild's change in parts of about {@code items} items (for tests: small parts on small inputs). */
    void mergeInParts(int items) {
        mergePart = items;
    }

    /** The articles a background rebuild assesses under changed rules, at most. */
    static final int ASSESS_BATCH = 5_000;

    /** Rebuilds the catalog from the current inputs and publishes it, assessing every article if rules changed. */
    synchronized Catalog rebuild() {
        return rebuild(Integer.MAX_VALUE);
    }

    /**
     * The items merged into {@code article} (one of the catalog's, by its key) at the last rebuild; empty for an
     * article it does not hold.
     */
    synchronized List<Item> membersOf(Article article) {
        return merged.members(article.key());
    }

    /**
     * Rebuilds the catalog from the current inputs and publishes it; returns it. After a change of the topic rules
     * or hidden URLs, assesses at most {@code batch} articles again under them ({@link #assessing} says whether
     * some wait; the articles the change itself merged are assessed under them at once).
     */
    synchronized Catalog rebuild(int batch) {
        List<Item> gone = new ArrayList<>();
        List<Item> added = new ArrayList<>();
        Instant now = now();
        Taken taken = new Taken(); // what the merge under way took: waiting again if the store fails it
        try {
            taken.seeds();
            difference(mergedSeeds, seeds, gone, added);
            mergedSeeds = seeds;
            for (String sourceId : List.copyOf(changedSources)) {
                taken.source(sourceId);
                changedSources.remove(sourceId); // before its items are read: one set meanwhile is merged next time
                takeChanges(sourceId, gone, added);
                mergedSinceDrain.add(sourceId);
                if (gone.size() + added.size() >= mergePart) {
                    merge(gone, added, now);
                    taken = new Taken();
                    gone = new ArrayList<>();
                    added = new ArrayList<>();
                }
            }
            taken.remerge();
            gone.addAll(remerge); // taken out and put back in: merged again with the corrected ids
            added.addAll(remerge);
            remerge.clear();
            merge(gone, added, now);
        } catch (StoreException e) {
            taken.putBack();
            throw e;
        }
        if (rulesChanged) {
            rulesChanged = false;
            toAssess.clear();
            if (!showing.isEmpty()) { // else every article is new in this change
                toAssess.addAll(merged.keys());
            }
            assessing = toAssess.size();
        }
        List<Article> changed = List.copyOf(unshownChanged.values());
        Set<String> away = unshown;
        unshown = new HashSet<>();
        unshownChanged = new LinkedHashMap<>(); // a restart's is every article by key: not held while they are shown
        try {
            away.forEach(showing::unshow);
            showing.showAgain(changed);
        } catch (StoreException e) { // a text the store could not read: shown (or not) again by the next rebuild
            unshown = away;
            changed.forEach(article -> unshownChanged.put(article.key(), article));
            throw e;
        }
        assess(batch);
        showing.linkCoverage();
        merged.forgetAnchors(); // the kept anchors a change read for texts no article took
        showing.forgetKeptTerms();
        List<Article> fresh = showing.fresh();
        lastChange = showing.changeOf(fresh);
        ShownArticles.Touched touched = showing.takeTouched();
        Catalog previous = catalog.get();
        long version = previous.version() + 1;
        TopicIndex topics = showing.topics();
        Catalog next = fromChange(previous, version, topics, fresh, touched.wasShown().values())
                .orElseGet(() -> topics.catalogOfSorted(version, reorder(fresh, touched.keys())))
                .stampedAfter(previous);
        rebuiltCatalog = next;
        rebuiltWith = topics;
        removals = new Removals(Map.copyOf(dropped), showing.excludedByTopic(), showing.excludedArticles(),
                showing.hiddenCount(), assessing - toAssess.size(), assessing, folds.newestFirst(),
                showing.storyLinksNewestFirst());
        catalog.set(next);
        // every shown article was fresh in the rebuild that showed it: the others' keys are recorded already
        newPublishedIds.addAll(publishedIds.record(fresh, now));
        return next;
    }

    /**
     * The next catalog made from the last rebuild's and what changed since ({@link TopicIndex#nextCatalog}: the
     * articles {@code fresh}ly shown, those {@code wasShown} before under the keys touched), when the change is small
     * beside the archive and that catalog is the one published; then the shown order is its. Else empty, and the
     * caller orders and groups every shown article.
     */
    private Optional<Catalog> fromChange(Catalog previous, long version, TopicIndex topics, List<Article> fresh,
                                         Collection<Article> wasShown) {
        if (previous != rebuiltCatalog || topics != rebuiltWith
                || wasShown.size() + fresh.size() > Math.max(SMALL_CHANGE, ordered.size() / 16)) {
            return Optional.empty();
        }
        Optional<Catalog> next = topics.nextCatalog(previous, version, List.copyOf(wasShown), fresh);
        next.ifPresent(c -> ordered = c.all());
        return next;
    }

    /** The most articles changed in a rebuild that {@link #fromChange} always takes. */
    static final int SMALL_CHANGE = 256;

    /** The aggregator's clock's instant, to the millisecond. */
    Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** A changed source's items gone and added since it was last merged (its excludes applied); notes them merged. */
    private void takeChanges(String sourceId, List<Item> gone, List<Item> added) {
        List<Item> items = sourceItems.get(sourceId);
        List<Item> all = items == null ? List.of() : items;
        SourceExcludes.Kept kept;
        try (Body.Held excerpts = Body.hold(sourceExcludes.excludes(sourceId)
                ? all.stream().map(Item::excerptBody).toList() : List.of())) { // read at once, not one by one
            kept = sourceExcludes.keep(sourceId, all);
        }
        dropped.remove(sourceId);
        if (items != null && kept.dropped() != null) {
            dropped.put(sourceId, kept.dropped());
        }
        difference(mergedSources.getOrDefault(sourceId, List.of()), kept.items(), gone, added);
        toRelease.add(kept.items());
        if (items == null) {
            mergedSources.remove(sourceId);
        } else {
            mergedSources.put(sourceId, kept.items());
        }
    }

    /**
     * Lets go of the bodies of the items merged since the last call, where the store keeps them ({@link Body#release}):
     * call once what those merges changed is synced to the store, whose sync reads the bodies of the articles it
     * writes. From then on a body is read from the store when a render or a merge asks for its text; the heap holds
     * the archive's bodies no longer.
     */
    synchronized void releaseBodies() {
        for (List<Item> items : toRelease) {
            for (Item item : items) {
                if (item.excerptBody() != null) {
                    item.excerptBody().release();
                }
                if (item.body() != null) {
                    item.body().release();
                }
            }
        }
        toRelease.clear();
    }

    /** Merges a change; the articles it removed or changed are shown (or not) again at the next rebuild. */
    private void merge(List<Item> gone, List<Item> added, Instant now) {
        noteChange(merged.apply(gone, added, publishedIds, firstSeenOr(now)));
    }

    /**
     * What one merge of a rebuild took of the waiting changes (the seeds, sources, ids to merge again), as it was
     * before. When the store fails to give the merge a text ({@link MergedArticles#apply} reads its texts while it
     * groups and folds, before it changes its state: then it changes nothing), putting this back leaves the change
     * waiting for the next rebuild, as if never taken, instead of noted as merged and lost. A fault of the code
     * leaves it taken: else every later change would wait behind one the code cannot merge.
     */
    private final class Taken {
        private List<Item> seedsBefore;
        /** Each source's merged items and dropped count before (either may be null: none). */
        private final Map<String, List<Item>> sourcesBefore = new HashMap<>();
        private final Map<String, Integer> droppedBefore = new HashMap<>();
        private List<Item> remergeBefore = List.of();

        void seeds() {
            seedsBefore = mergedSeeds;
        }

        void source(String sourceId) {
            sourcesBefore.put(sourceId, mergedSources.get(sourceId));
            droppedBefore.put(sourceId, dropped.get(sourceId));
        }

        void remerge() {
            remergeBefore = List.copyOf(remerge);
        }

        void putBack() {
            if (seedsBefore != null) {
                mergedSeeds = seedsBefore;
            }
            sourcesBefore.forEach((sourceId, items) -> {
                putOrRemove(mergedSources, sourceId, items);
                putOrRemove(dropped, sourceId, droppedBefore.get(sourceId));
                changedSources.add(sourceId);
            });
            remerge.addAll(remergeBefore);
        }

        private static <V> void putOrRemove(Map<String, V> map, String key, V value) {
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }
    }

    /** The first-seen time of an article's key: the one recorded, or {@code now}, recorded as new. */
    private Function<String, Instant> firstSeenOr(Instant now) {
        return key -> firstSeen.computeIfAbsent(key, k -> {
            newFirstSeen.put(k, now);
            return now;
        });
    }

    /**
     * What the merge held when nothing waited to be merged, for the next run to hold again ({@link #restore}); null
     * while a change waits (a source's items, the seeds, ids corrected), as it would not name the items merged then.
     */
    synchronized MergeCheckpoint checkpoint() {
        return settled() ? merged.checkpoint(mergedItems(mergedSeeds)) : null;
    }

    /** Whether nothing waits to be merged: no source's items, no seeds, no ids corrected. */
    synchronized boolean settled() {
        return changedSources.isEmpty() && remerge.isEmpty() && mergedSeeds == seeds;
    }

    /**
     * The keys of the first-seen times and published ids recorded that no article holds (as its key or an alias
     * key): those of articles that left the archive, for a forgetting pass ({@link ArticleStore#noteGone}); null
     * while a change waits to be merged, when articles it will bring back may not be held yet.
     */
    synchronized Set<String> unheldRecords() {
        if (!settled()) {
            return null;
        }
        Set<String> unheld = new HashSet<>();
        for (String key : firstSeen.keySet()) {
            if (!merged.holds(key)) {
                unheld.add(key);
            }
        }
        for (String key : publishedIds.aliasKeys()) {
            if (!merged.holds(key)) {
                unheld.add(key);
            }
        }
        return unheld;
    }

    /** Those of {@code keys} no article holds (as its key or an alias key); null while a change waits to be merged. */
    synchronized List<String> unheld(List<String> keys) {
        return settled() ? keys.stream().filter(key -> !merged.holds(key)).toList() : null;
    }

    /**
     * Forgets the first-seen times and published ids of {@code keys}, which the store forgot, but of those an article
     * holds (another instance's pass may name a key an article came back with here since): no pass changes the date
     * or id of an article in the archive. The records of those are recorded again, for the next rebuild's save, so
     * that the store has them back (a restart of this instance, or another merging the article, reads them there);
     * where another instance published the key anew meanwhile, the save's rule for ids published first by another
     * decides, as for any id. Returns how many keys were held.
     */
    synchronized int forget(Collection<String> keys) {
        List<String> unheld = new ArrayList<>();
        int held = 0;
        for (String key : keys) {
            if (!merged.holds(key)) {
                unheld.add(key);
                continue;
            }
            held++;
            Instant seen = firstSeen.get(key);
            if (seen != null) {
                newFirstSeen.putIfAbsent(key, seen);
            }
            PublishedId id = publishedIds.of(key);
            if (id != null) {
                newPublishedIds.add(id);
            }
        }
        unheld.forEach(firstSeen::remove);
        publishedIds.forget(unheld);
        return held;
    }

    /** {@code seeds}, then each source's merged items, by source id: the order a checkpoint names them in. */
    private List<Item> mergedItems(List<Item> seeds) {
        List<Item> all = new ArrayList<>(seeds);
        new TreeMap<>(mergedSources).values().forEach(all::addAll);
        return all;
    }

    /**
     * Holds the merge a previous run wrote down ({@link #checkpoint}) instead of merging the seeds and sources' items
     * set (at a restart, before the first rebuild and before anything is fetched): the next rebuild shows every
     * article, as after a merge. Returns false, holding nothing, when those are not the items (the sources' excludes
     * applied) the checkpoint was written of; the next rebuild merges them.
     *
     * @throws StoreException when a stored text cannot be read; it holds nothing either, and the next rebuild merges
     *                        them
     */
    synchronized boolean restore(MergeCheckpoint checkpoint) {
        if (merged.size() > 0) {
            return false;
        }
        List<String> sourceIds = new ArrayList<>(new TreeMap<>(sourceItems).keySet());
        changedSources.removeAll(sourceIds); // before their items are read, as a rebuild does
        MergedArticles.Change change;
        try {
            for (String sourceId : sourceIds) {
                takeChanges(sourceId, new ArrayList<>(), new ArrayList<>()); // notes its kept items merged
            }
            change = merged.restore(checkpoint, mergedItems(seeds), publishedIds, firstSeenOr(now()));
        } catch (IllegalArgumentException | StoreException e) {
            // other items, a checkpoint not as written, or a text the store could not read: the merge is untouched,
            // and the sources wait to be merged
            mergedSources.clear();
            dropped.clear();
            toRelease.clear();
            changedSources.addAll(sourceIds);
            if (e instanceof StoreException) {
                throw e;
            }
            return false;
        }
        mergedSeeds = seeds;
        mergedSinceDrain.addAll(sourceIds);
        noteChange(change);
        return true;
    }

    /** Notes what a change did: the articles it removed or changed are shown (or not) again at the next rebuild. */
    private void noteChange(MergedArticles.Change change) {
        for (String key : change.removed()) {
            unshownChanged.remove(key);
            unshown.add(key);
            newAnchors.remove(key);
            mergedAway.add(key);
        }
        change.anchors().keySet().forEach(mergedAway::remove);
        newAnchors.putAll(change.anchors());
        for (Fold fold : change.folds()) {
            newFolds.put(fold.copyUrl(), fold); // a copy merged again in many changes is saved once a rebuild
            folds.add(fold);
        }
        for (Article article : change.changed()) {
            unshown.remove(article.key());
            unshownChanged.put(article.key(), article);
        }
    }

    /**
     * The shown articles in {@link TopicIndex#NEWEST_FIRST} order: the last order without the articles
     * {@code touched} since, merged with {@code fresh} (those of them still shown, sorted); so a rebuild sorts what
     * changed, not the archive.
     */
    private List<Article> reorder(List<Article> fresh, KeyedTable<String> touched) {
        List<Article> next = new ArrayList<>(showing.size());
        int i = 0;
        for (Article kept : ordered) {
            if (touched.containsKey(kept.key())) {
                continue;
            }
            while (i < fresh.size() && TopicIndex.NEWEST_FIRST.compare(fresh.get(i), kept) < 0) {
                next.add(fresh.get(i++));
            }
            next.add(kept);
        }
        next.addAll(fresh.subList(i, fresh.size()));
        ordered = next;
        return next;
    }

    /** Assesses the next {@code batch} articles waiting under changed rules: topics and hiding again. */
    private void assess(int batch) {
        List<String> keys = toAssess.stream().limit(batch).toList();
        List<Article> next = new ArrayList<>();
        for (String key : keys) {
            Article article = merged.article(key); // as merged now: it may have changed since queued
            if (article != null) {
                next.add(article);
            }
        }
        try {
            showing.showAgain(next);
        } catch (StoreException e) {
            throw e; // a text the store could not read: the batch stays queued for the next rebuild
        } catch (RuntimeException e) {
            keys.forEach(key -> toAssess.poll()); // a fault of the code: the batch is not assessed again and again
            throw e;
        }
        keys.forEach(key -> toAssess.poll());
        if (toAssess.isEmpty()) {
            assessing = 0;
        }
    }

    /** What went from {@code before} to {@code after}: each item as often as it went, or came. */
    private static void difference(List<Item> before, List<Item> after, List<Item> gone, List<Item> added) {
        if (before == after) {
            return;
        }
        SourceChange change = SourceChange.of("", before, after);
        gone.addAll(change.gone());
        added.addAll(change.added());
    }
}
