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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.feedloom.canonical.Coverage;
import org.feedloom.canonical.MergeState;
import org.feedloom.canonical.MergedArticles;
import org.feedloom.canonical.Parallelism;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.canonical.TextTerms;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Fold;
import org.feedloom.model.Removals;
import org.feedloom.model.StoryLink;
import org.feedloom.model.TopicRule;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.StoreException;
import org.feedloom.store.TopicList;
import org.feedloom.topic.TopicIndex;
import org.feedloom.topic.TopicReading;

/**
 * Shows what the merge kept in the store ({@link StoreMerger}) changed, and holds the catalog built from it: each
 * merge's outcome is noted ({@link #noteMerged}) without waiting for a rebuild, and a rebuild shows the articles it
 * changed (drops hidden ones, assigns topics, links coverage of one story: {@link ShownArticles}) and counts them by
 * topic; once the store's articles snapshot holds what it showed, it publishes a catalog of those counts whose lists
 * read the snapshot ({@link TopicList}), so the catalog holds no article. It contains none of the stages' logic, and
 * holds no merged archive: what it reads of that (articles to assess again under changed rules, an article's
 * members) it reads from the store. Rebuilds are serialised; readers get the last complete catalog without locking.
 */
final class Aggregator {
    private final Clock clock;
    private final AtomicReference<Catalog> catalog = new AtomicReference<>(Catalog.empty());
    /** Where the merged archive is read from. */
    private final ArticleStore store;
    /**
     * The merges' outcomes not shown yet, in the order they were committed: added to without the lock, so the store's
     * writer never waits for a rebuild; a rebuild takes them all.
     */
    private final ConcurrentLinkedQueue<StoreMerger.Merged> toShow = new ConcurrentLinkedQueue<>();
    /** Per source with an {@code exclude}, the stored items it dropped at its last merge. */
    private final Map<String, Integer> dropped = new TreeMap<>();
    /**
     * How many shown articles carry each topic name, and how many each topic slug has (under {@link #countedWith}):
     * kept as rebuilds change them, for the catalog, which holds counts and reads its lists from the store's
     * articles snapshot ({@link TopicList}) instead of holding every article.
     */
    private final Map<String, Integer> carried = new HashMap<>();
    private final Map<String, Integer> perSlug = new HashMap<>();
    private TopicIndex countedWith;
    /** The slugs whose articles changed since the last published catalog (its sync may have failed since). */
    private final Set<String> unpublished = new HashSet<>();
    /** How many articles are shown (the catalog's {@code all}). */
    private int total;
    /**
     * What the rebuilds changed since the last sync that passed (their changes in order: the latest article of each
     * key, every key whose row goes), for the next sync.
     */
    private final Map<String, Article> unsyncedChanged = new LinkedHashMap<>();
    private final Set<String> unsyncedGone = new HashSet<>();
    /** How many articles a block of a {@link TopicList} holds: the site's page size, so that a page is one read. */
    private int pageSize = 50;
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
    /** The merged articles shown or hidden, with their topics and coverage links. */
    private final ShownArticles showing;
    /** The number of the latest merge in the store whose outcome a rebuild took ({@link StoreMerger.Merged#number}). */
    private long mergesTaken;
    /** The latest copies folded, by copy link. */
    private final Latest<Fold> folds = new Latest<>(FOLDS_SHOWN, Fold::copyUrl);
    /** The folds made since the last {@link #drainNewFolds}, for the store: the latest of each copy, by copy link. */
    private final Map<String, Fold> newFolds = new LinkedHashMap<>();
    static final int FOLDS_SHOWN = 50;
    /** What the last rebuild kept out, for the status page. */
    private volatile Removals removals = Removals.NONE;
    /**
     * The articles shown since {@link #releaseBodies} last ran: their texts are held until the rebuild that showed
     * them is synced to the store, then let go (the store keeps them). Emptied by a new list: a cleared one keeps its
     * array, as long as a restart's every article.
     */
    private List<Article> toRelease = new ArrayList<>();
    /** The keys of the articles merged away since {@link #drainReadings}: what was read from them goes too. */
    private Set<String> mergedAway = new HashSet<>();

    /**
     * A large change (a first fetch of many sources, a first start on a store of an older version) reads its texts
     * on every core: the merging thread and the common pool's.
     */
    static final Parallelism EVERY_CORE = new Parallelism(ForkJoinPool.commonPool(),
            Math.max(1, ForkJoinPool.commonPool().getParallelism() + 1));

    /** An aggregator showing the merged archive of {@code store}, linking coverage of one story by the default rule. */
    Aggregator(Clock clock, ArticleStore store) {
        this(clock, store, RelatedRule.DEFAULT);
    }

    /**
     * An aggregator showing the merged archive of {@code store}, linking coverage of one story by {@code related}
     * (for its whole life: a change needs a restart).
     */
    Aggregator(Clock clock, ArticleStore store, RelatedRule related) {
        this.clock = clock;
        this.store = store;
        this.showing = new ShownArticles(related, store);
        keepCoverageOfAtMost(COVERAGE_KEPT);
    }

    /**
     * The most entries of the related coverage (articles that may be linked, what its rule reads of them) memory keeps
     * after a sync unless told otherwise ({@link #keepCoverageOfAtMost}): those of the newest days that fit; a change
     * on an older day reads that day's articles from the snapshot again.
     */
    static final int COVERAGE_KEPT = org.feedloom.config.FeedloomConfig.Related.DEFAULT.memoryEntries();

    /**
     * From now on memory keeps at most {@code entries} entries of the related coverage after a sync; every one on a
     * database shared by several instances, whatever it is told (another instance's sync may change a day let go).
     */
    synchronized void keepCoverageOfAtMost(int entries) {
        if (!store.shared()) {
            showing.keepCoverageOfAtMost(entries);
        }
    }

    /**
     * How many entries of the related coverage memory held after the last sync that passed (the newest days'); does
     * not wait for a rebuild.
     */
    int coverageEntries() {
        return showing.coverageEntries();
    }

    /**
     * How many days of articles the related coverage read from the store again (changes on days it had let go), as of
     * the last sync that passed; does not wait for a rebuild.
     */
    long coverageDaysRead() {
        return showing.coverageDaysRead();
    }

    /**
     * Takes the coverage links' evidence the store kept, for the next rebuild's showing: a link made again whose
     * evidence was kept reads no text. The first rebuild lets it go. The story terms the store kept are read a run
     * of articles at a time as they are shown ({@link #readKeptTermsFrom}).
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
     * What the coverage (story terms) and the topic rules read from texts since the last call, by article key, for
     * the store (a null value: the article was merged away, and what was read from it goes); then forgets it.
     */
    synchronized Readings drainReadings() {
        Map<String, TextTerms> terms = new HashMap<>();
        Map<String, TopicReading> topics = new HashMap<>();
        mergedAway.forEach(key -> {
            terms.put(key, null);
            topics.put(key, null);
        });
        terms.putAll(showing.drainReadTerms());
        topics.putAll(showing.drainTopicReadings());
        mergedAway = new HashSet<>();
        return new Readings(terms, topics, showing.topics().reading());
    }

    /**
     * What {@link #drainReadings} gives: story terms and topic readings by article key, null for an article gone; and
     * the name of the topic rules the readings were read by ({@link TopicIndex#reading}).
     */
    record Readings(Map<String, TextTerms> terms, Map<String, TopicReading> topics, String topicRules) {}

    Catalog catalog() {
        return catalog.get();
    }

    /**
     * The shown articles memory holds, in no order: those the store's articles snapshot does not hold yet (none once
     * a sync passed; the catalog reads its lists there).
     */
    synchronized List<Article> shown() {
        return showing.pendingShown();
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

    /** Reads the catalog's lists in blocks of {@code size} articles: the site's page size. */
    synchronized void usePageSize(int size) {
        org.feedloom.model.Checks.argument(size > 0, "size must be positive");
        pageSize = size;
    }

    /**
     * Writes what a rebuild showed to the store's articles snapshot, before the catalog that reads its lists from
     * there is published.
     */
    @FunctionalInterface
    interface Sync {
        /**
         * @param shown  the shown articles the snapshot does not hold yet (after a rebuild that showed every
         *               article again, every one: what a rewrite of the whole snapshot writes)
         * @param change what the rebuilds changed since the last sync that passed, worked out against the
         *               snapshot's own rows ({@link ArticleStore#syncChange})
         * @param shows  the merges the snapshot shows once written, and the rule it shows them by, for the store
         *               to keep with them ({@link ArticleStore.Showing})
         * @throws StoreException when the snapshot was not written: the catalog is not published, and the next
         *                        rebuild syncs and publishes what this one changed with its own
         */
        void write(java.util.function.Supplier<List<Article>> shown, ArticleStore.Change change,
                   ArticleStore.Showing shows);
    }

    /**
     * Notes a merge's outcome for the next rebuild to show; does not wait for a rebuild under way. Call in the order
     * the merges were committed ({@link StoreMerger} tells them so).
     */
    void noteMerged(StoreMerger.Merged merged) {
        toShow.add(merged);
    }

    /** The name of what decides how the showing shows an article ({@link ShownArticles#rule}). */
    synchronized String showingRule() {
        return showing.rule();
    }

    /**
     * Takes the store's articles snapshot as showing every merged article but those merged since its last sync (a
     * restart's, before anything is shown: {@link StoreMerger#rereadUnshown} notes those), when that sync showed by
     * the rule this showing shows by ({@link #showingRule}; {@code check} is what the store says of it): nothing
     * else is shown again. Returns false, taking nothing, when the rules differ, the snapshot was damaged
     * ({@link ShownArticles#resume}), or the store is shared with other instances: the caller notes every merged
     * article instead ({@link StoreMerger#rereadAll}).
     */
    synchronized boolean resumeShowing(ArticleStore.ShownCheck check) {
        if (store.shared() || !showing.isEmpty() || !showing.rule().equals(check.unshown().rule())
                || !showing.resume(check)) {
            return false;
        }
        rulesChanged = false;
        return true;
    }

    /** Whether merges' outcomes wait to be shown (noted since the last rebuild, or left by one that failed). */
    synchronized boolean changesWaiting() {
        return !toShow.isEmpty() || !unshown.isEmpty() || !unshownChanged.isEmpty();
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

    /** The topic rules that apply from the next rebuild on; the same rules again change nothing. */
    synchronized void setTopicRules(List<TopicRule> rules) {
        if (showing.setTopicRules(rules)) {
            rulesChanged = true;
        }
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

    /** The articles a background rebuild assesses under changed rules, at most. */
    static final int ASSESS_BATCH = 5_000;

    /** Rebuilds the catalog from the current inputs and publishes it, assessing every article if rules changed. */
    synchronized Catalog rebuild() {
        return rebuild(Integer.MAX_VALUE);
    }

    /** {@link #rebuild(int, Sync)}, syncing the articles snapshot and nothing else. */
    synchronized Catalog rebuild(int batch) {
        return rebuild(batch, (shown, change, shows) -> store.syncChange(change, shows));
    }

    /**
     * Rebuilds the catalog from the merges noted since the last rebuild and publishes it; returns it. After a change
     * of the topic rules or hidden URLs, assesses at most {@code batch} articles again under them ({@link #assessing}
     * says whether some wait; the articles the change itself merged are assessed under them at once).
     *
     * Each catalog is published once {@code sync} has written what it shows to the store's articles snapshot, from
     * which its lists are read.
     *
     * @throws StoreException when the merged archive cannot be read (articles to assess) or a text the showing
     *                        reads: what was noted stays to be shown by the next rebuild; or when the sync failed:
     *                        the last catalog stays published, and the next rebuild publishes this one's change
     */
    synchronized Catalog rebuild(int batch, Sync sync) {
        for (StoreMerger.Merged merged; (merged = toShow.poll()) != null; ) {
            noteChange(merged);
            mergesTaken = Math.max(mergesTaken, merged.number());
        }
        if (rulesChanged) {
            List<String> keys = showing.isEmpty() ? List.of() : store.readMerged(MergeState::keys);
            rulesChanged = false;
            toAssess.clear();
            toAssess.addAll(keys); // none when nothing is shown yet: every article is new in this change
            assessing = toAssess.size();
        }
        List<Article> changed = List.copyOf(unshownChanged.values());
        Set<String> away = unshown;
        unshown = new HashSet<>();
        unshownChanged = new LinkedHashMap<>(); // a restart's is every article by key: not held while they are shown
        try {
            showing.readAhead(away);
            away.forEach(showing::unshow);
            showing.showAgain(changed);
        } catch (StoreException e) { // a text the store could not read: shown (or not) again by the next rebuild
            unshown = away;
            changed.forEach(article -> unshownChanged.put(article.key(), article));
            throw e;
        }
        toRelease.addAll(changed);
        assess(batch);
        showing.linkCoverage();
        showing.forgetKeptTerms();
        List<Article> fresh = showing.fresh();
        ArticleStore.Change change = showing.changeOf(fresh);
        Map<String, ShownTable.Published> wasShown = showing.takeTouched().wasShown();
        TopicIndex topics = showing.topics();
        count(wasShown.values(), fresh, topics);
        if (store.shared()) {
            noteTouched(wasShown.values(), fresh, topics);
        } else {
            noteChanged(change, wasShown, topics);
        }
        removals = new Removals(Map.copyOf(dropped), showing.excludedByTopic(), showing.excludedArticles(),
                showing.hiddenCount(), assessing - toAssess.size(), assessing, folds.newestFirst(),
                showing.storyLinksNewestFirst());
        unsynced(change);
        // every merge taken is shown now (one a failed rebuild left is shown again before a sync); under the current
        // rules once no article waits to be assessed under them
        sync.write(showing::pendingShown, new ArticleStore.Change(List.copyOf(unsyncedChanged.values()),
                unsyncedGone), new ArticleStore.Showing(toAssess.isEmpty() ? showing.rule() : null, mergesTaken));
        unsyncedChanged.clear();
        unsyncedGone.clear();
        showing.synced();
        if (topics != countedWith || store.shared()) { // the snapshot's counts as now synced, under these rules
            countAgain(topics); // (a shared one's: what other instances synced too)
        }
        Catalog previous = catalog.get();
        Catalog next = catalogOfCounts(previous, previous.version() + 1, topics);
        unpublished.clear();
        catalog.set(next);
        return next;
    }

    /**
     * Counts the names and slugs of the articles a rebuild showed ({@code after}) in place of those it took out or
     * showed before ({@code before}); nothing under a topic index the counts were not made by, which
     * {@link #countAgain} counts once the sync passed.
     */
    private void count(Collection<ShownTable.Published> before, List<Article> after, TopicIndex topics) {
        if (topics != countedWith || store.shared()) {
            return;
        }
        for (ShownTable.Published a : before) {
            total--;
            a.topics().forEach(name -> add(carried, name, -1));
            topics.slugsOf(a.topics()).forEach(slug -> add(perSlug, slug, -1));
        }
        for (Article a : after) {
            total++;
            a.topics().forEach(name -> add(carried, name, 1));
            topics.slugsOf(a).forEach(slug -> add(perSlug, slug, 1));
        }
    }

    /**
     * Counts the articles snapshot's names and slugs, under {@code topics}: at the first rebuild (the snapshot may
     * hold a last run's articles) and after the topic rules changed. A statement a slug.
     */
    private void countAgain(TopicIndex topics) {
        carried.clear();
        carried.putAll(store.topicNameCounts());
        Map<String, List<String>> namesBySlug = new HashMap<>();
        carried.keySet().forEach(name -> {
            String slug = topics.slugOf(name);
            if (!slug.equals(org.feedloom.model.Topic.ALL_SLUG)) {
                namesBySlug.computeIfAbsent(slug, s -> new ArrayList<>()).add(name);
            }
        });
        perSlug.clear();
        namesBySlug.forEach((slug, names) -> perSlug.put(slug, store.topicCount(names)));
        total = store.topicCount(List.of());
        countedWith = topics;
    }

    /** Adds a rebuild's change to what the next sync writes. */
    private void unsynced(ArticleStore.Change change) {
        for (String key : change.goneKeys()) {
            unsyncedGone.add(key);
            unsyncedChanged.remove(key);
        }
        change.changed().forEach(a -> unsyncedChanged.put(a.key(), a));
    }

    private static void add(Map<String, Integer> counts, String key, int n) {
        if (counts.merge(key, n, Integer::sum) == 0) {
            counts.remove(key);
        }
    }

    /** Notes the slugs whose articles {@code change} changed (before and after), for the next catalog's stamps. */
    private void noteChanged(ArticleStore.Change change, Map<String, ShownTable.Published> wasShown,
                             TopicIndex topics) {
        for (Article a : change.changed()) {
            unpublished.addAll(topics.slugsOf(a));
        }
        for (String key : change.goneKeys()) {
            ShownTable.Published before = wasShown.get(key);
            if (before != null) {
                unpublished.addAll(topics.slugsOf(before.topics()));
            }
        }
        if (!change.changed().isEmpty() || !change.goneKeys().isEmpty()) {
            unpublished.add(org.feedloom.model.Topic.ALL_SLUG);
        }
    }

    /**
     * Notes the slugs of the articles a rebuild touched, as shown before and after, for the next catalog's stamps: on
     * a database other instances write, a touched article may have changed there (told by the change log) without
     * changing here.
     */
    private void noteTouched(Collection<ShownTable.Published> before, List<Article> after, TopicIndex topics) {
        for (ShownTable.Published a : before) {
            unpublished.addAll(topics.slugsOf(a.topics()));
        }
        for (Article a : after) {
            unpublished.addAll(topics.slugsOf(a));
        }
        if (!before.isEmpty() || !after.isEmpty()) {
            unpublished.add(org.feedloom.model.Topic.ALL_SLUG);
        }
    }

    /**
     * The catalog of the counts kept, its lists read from the articles snapshot ({@link TopicList}): a topic whose
     * articles did not change since {@code previous} keeps its list there, the same instance (with the blocks it
     * read), and its stamp.
     */
    private Catalog catalogOfCounts(Catalog previous, long version, TopicIndex topics) {
        Map<String, String> slugs = new HashMap<>();
        Map<String, List<String>> namesBySlug = new HashMap<>();
        carried.keySet().forEach(name -> {
            String slug = topics.slugOf(name);
            slugs.put(name, slug);
            if (!slug.equals(org.feedloom.model.Topic.ALL_SLUG)) {
                namesBySlug.computeIfAbsent(slug, s -> new ArrayList<>()).add(name);
            }
        });
        Map<String, List<Article>> lists = new HashMap<>();
        lists.put(org.feedloom.model.Topic.ALL_SLUG, listOf(previous, org.feedloom.model.Topic.ALL_SLUG, List.of(),
                total));
        namesBySlug.forEach((slug, names) -> {
            names.sort(null);
            lists.put(slug, listOf(previous, slug, names, perSlug.getOrDefault(slug, 0)));
        });
        Set<String> changed = unpublished;
        return topics.catalogOfLists(version, slugs, lists, previous, changed).stampedAfter(previous, changed);
    }

    /** {@code previous}'s list of {@code slug} if it lists the same names and its articles did not change; else anew. */
    private List<Article> listOf(Catalog previous, String slug, List<String> names, int count) {
        if (!store.shared() && !unpublished.contains(slug) && previous.articlesOf(slug) instanceof TopicList kept
                && kept.topicNames().equals(names) && kept.size() == count) {
            return kept;
        }
        return new TopicList(store, names, count, pageSize);
    }
    /** The aggregator's clock's instant, to the millisecond. */
    Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /**
     * Lets go of the texts of the articles shown since the last call, where the store keeps them
     * ({@link org.feedloom.model.Body#release}): call once the rebuilds that showed them are synced to the store, whose
     * sync reads the texts of the articles it writes. From then on a text is read from the store when a render asks
     * for it; the heap holds the archive's texts no longer.
     */
    synchronized void releaseBodies() {
        for (Article article : toRelease) {
            if (article.excerptBody() != null) {
                article.excerptBody().release();
            }
            if (article.body() != null) {
                article.body().release();
            }
        }
        toRelease = new ArrayList<>();
    }

    /**
     * Notes what a merge did: the articles it removed or changed are shown (or not) again at the next rebuild; the
     * folds it made are shown and saved; what its sources' excludes dropped is counted.
     */
    private void noteChange(StoreMerger.Merged merged) {
        MergedArticles.Change change = merged.change();
        for (String key : change.removed()) {
            unshownChanged.remove(key);
            unshown.add(key);
            mergedAway.add(key);
        }
        for (Fold fold : change.folds()) {
            newFolds.put(fold.copyUrl(), fold); // a copy merged again in many changes is saved once a rebuild
            folds.add(fold);
        }
        for (Article article : change.changed()) {
            unshown.remove(article.key());
            mergedAway.remove(article.key());
            unshownChanged.put(article.key(), article);
        }
        merged.dropped().forEach((sourceId, count) -> {
            if (count == null) {
                dropped.remove(sourceId);
            } else {
                dropped.put(sourceId, count);
            }
        });
    }

    /** Assesses the next {@code batch} articles waiting under changed rules: topics and hiding again. */
    private void assess(int batch) {
        List<String> keys = toAssess.stream().limit(batch).toList();
        List<Article> next = keys.isEmpty() ? List.of() : store.readMerged(state -> { // as merged now
            List<Article> articles = new ArrayList<>();
            for (String key : keys) {
                Article article = state.article(key);
                if (article != null) { // gone since queued: its merge's outcome, noted, takes it out
                    articles.add(article);
                }
            }
            return articles;
        });
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

}
