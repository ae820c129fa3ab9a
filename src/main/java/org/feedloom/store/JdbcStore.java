package org.feedloom.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.feedloom.canonical.MergeState;
import org.feedloom.canonical.TextTerms;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Checks;
import org.feedloom.model.Evidence;
import org.feedloom.model.Fold;
import org.feedloom.model.Item;
import org.feedloom.model.PublishedId;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.model.StoryLink;
import org.feedloom.topic.TopicReading;

/**
 * The {@link ArticleStore} over JDBC, whatever the database: every method as one transaction of the table classes'
 * statements. A subclass says how a transaction is run ({@link #transaction}), which is where the databases differ
 * (SQLite: one writer's connection under a lock, and read connections of their own; a pool of PostgreSQL
 * connections with writers serialised).
 *
 * <p><b>Instants</b> are stored as ISO-8601 UTC text ({@link Instant#toString()}), with their full nanosecond
 * precision, so what is read back equals what was written; orderings are done in Java, not on the text.
 *
 * <p>Thread-safe when {@link #transaction} is. Inputs are not modified.
 */
abstract class JdbcStore implements ArticleStore, Coordination {
    /** How long announcements stay in the change log. */
    static final java.time.Duration CHANGES_KEPT = java.time.Duration.ofHours(1);
    /**
     * Whether this instance ever claimed a lease, so that it shares the database's sources with other instances:
     * only then does a commit end its leases and, on a shared store, announce what it fetched.
     */
    private volatile boolean leasing;
    /** This process's instance id: its pid and a random part, unique among the instances that share a database. */
    private final String instance = ProcessHandle.current().pid() + "-"
            + Long.toHexString(new java.security.SecureRandom().nextLong() & 0xffffffffffffL);
    /**
     * The number of the latest merge ({@link #nextMerge}); -1 until the first. Read and written only by merges, whose
     * write transactions hold {@link #lock}.
     */
    private long lastMerge = -1;
    /** Held by the subclasses' write transactions across their commit, one at a time. */
    final ReentrantLock lock = new ReentrantLock();
    /**
     * Held by every write of the articles snapshot from before it reads the table until its commit, so that no other
     * write of the snapshot comes in between.
     */
    private final ReentrantLock snapshotLock = new ReentrantLock();

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws; a {@code write}
     * transaction is serialised with every other write.
     *
     * @throws StoreException if the store is closed or the database fails, the message naming {@code what}
     */
    abstract <T> T transaction(String what, boolean write, Work<T> work);

    /**
     * Whether this process is the database's only writer, so that a sync of the articles snapshot may compare in a
     * read transaction and write in another.
     */
    abstract boolean soleWriter();

    /** The database this store runs on, for the few statements written differently for each. */
    abstract Dialect dialect();

    @Override
    public Snapshot load() {
        return transaction("load", false, c -> {
            List<PublishedId> published = PublishedIdTable.all(c);
            // the keys items and first-seen times are stored under are one string with the published ids' alias
            // keys, by which the merge keys its articles, not a copy each (on 100,000 articles, 200,000 strings)
            Map<String, String> aliasKeys = new HashMap<>(published.size() * 4 / 3 + 1);
            published.forEach(id -> aliasKeys.put(id.aliasKey(), id.aliasKey()));
            UnaryOperator<String> keys = key -> aliasKeys.getOrDefault(key, key);
            Map<String, List<Item>> items = new LinkedHashMap<>();
            Set<String> damaged = new HashSet<>();
            ItemTable.all(c, bodies, keys, damaged).forEach((source, stored) -> items.put(source, items(stored)));
            Map<String, SourceState> states = StateTable.all(c);
            // a source with an item row that cannot be read fetches its whole feed next, so that it is written again
            damaged.forEach(source -> states.computeIfPresent(source, (id, s) -> s.withoutValidators()));
            return new Snapshot(items, states, StateTable.firstSeen(c, keys), published);
        });
    }

    @Override
    public Map<String, SourceState> states() {
        return transaction("read the sources' states", false, StateTable::all);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Items are keyed by the {@link org.feedloom.canonical.CanonicalUrl#keyOf canonical key} of their preferred
     * URL; when a fetch has two with one key, the first (the feed's newer) is kept. An item stored again keeps its
     * first-seen time and gets the fetch's time as last-seen time. Before anything else, the source's tombstones that
     * no item of this fetch names are cleared: once a feed stops listing an item, nothing needs to hold it back any
     * more, and the table cannot grow without end. So a removed item stays out while the feed keeps listing it, and
     * comes back as a new item (first seen at that fetch) if the feed lists it again after a fetch without it.
     *
     * <p>The writes are applied in order, so two of one source in a batch leave what the second says. Each state is
     * saved by the one rule of {@code StateTable.save}: only its changed columns are written.
     */
    @Override
    public List<List<Item>> commitBatch(List<SourceWrite> writes) {
        Checks.notNull(writes, "writes");
        if (writes.isEmpty()) {
            return List.of();
        }
        return transaction(describe(writes), true,
                c -> storeBatch(c, writes).stream().map(f -> f == null ? null : f.stored()).toList());
    }

    @Override
    public <T> T commitBatch(List<SourceWrite> writes, BiFunction<List<SourceChange>, StoreMerge, T> merge) {
        Checks.notNull(writes, "writes");
        Checks.notNull(merge, "merge");
        return transaction(describe(writes) + " and merge it", true, c -> {
            List<Fetched> fetched = storeBatch(c, writes);
            return merged(c, in -> merge.apply(fetched.stream().map(f -> f == null ? null : f.change(in.state()))
                    .toList(), in));
        });
    }

    @Override
    public <T> T commitSeeds(List<Item> seeds, BiFunction<SourceChange, StoreMerge, T> merge) {
        Checks.notNull(seeds, "seeds");
        Checks.notNull(merge, "merge");
        return transaction("keep the seeds and merge them", true, c -> {
            SourceChange change = SeedTable.replace(c, seeds, bodies);
            return merged(c, in -> merge.apply(change, in));
        });
    }

    @Override
    public <T> T mergeSources(Map<String, List<String>> sources,
                              BiFunction<List<MergedSourceChange>, StoreMerge, T> merge) {
        Checks.notNull(sources, "sources");
        Checks.notNull(merge, "merge");
        return transaction("set the sources merged and merge them", true, c -> {
            List<MergedSourceChange> changes = MergedSourceTable.replace(c, sources, bodies);
            return merged(c, in -> merge.apply(changes, in));
        });
    }

    @Override
    public void clearMerged() {
        transaction("empty the merged archive", true, c -> {
            try (java.sql.Statement s = c.createStatement()) {
                for (String table : List.of("merged_member", "merged_alias", "merged_reference", "merged_anchor",
                        "merged_article", "merged_source", "seed_item", "merge_rule", "show_rule")) {
                    s.executeUpdate("DELETE FROM " + table);
                }
            }
            return null;
        });
    }

    /**
     * {@link #commitBatch}'s writes on {@code c}, inside the caller's transaction; what each stored for its source
     * (null for a state alone).
     */
    private List<Fetched> storeBatch(Connection c, List<SourceWrite> writes) throws SQLException {
        List<Fetched> stored = new ArrayList<>(writes.size());
        // one writer, its statements prepared once a batch (none for a batch of states alone, 304s), and the
        // statements reading and saving each source's rows prepared once a batch too, not once a source
        try (PreparedStatements statements = new PreparedStatements(c, "a batch of fetches");
             ItemTable.Writer writer = writes.stream().anyMatch(SourceWrite::hasItems)
                ? new ItemTable.Writer(c) : null) {
            for (SourceWrite w : writes) {
                stored.add(w.hasItems() ? storeFetch(statements, writer, w.sourceId(), w.keys(), w.retention(),
                        w.now()) : null);
                StateTable.save(statements, w.state());
            }
        }
        if (leasing) {
            LeaseTable.release(c, instance, writes.stream().map(SourceWrite::state).toList());
        }
        List<SourceWrite> fetched = writes.stream().filter(SourceWrite::hasItems).toList();
        if (leasing && shared() && !fetched.isEmpty()) {
            append(c, new Announcement(0, instance, true, fetched.stream().map(SourceWrite::sourceId).toList(),
                    List.of()), fetched.get(0).now());
        }
        return stored;
    }

    /** What a batch does, for its error message: a lone write is named as before batches, a batch by its sources. */
    private static String describe(List<SourceWrite> writes) {
        if (writes.size() == 1) {
            SourceWrite w = writes.get(0);
            return (w.hasItems() ? "commit fetch of source " : "save state of source ") + w.sourceId();
        }
        String ids = writes.stream().limit(5).map(SourceWrite::sourceId).collect(Collectors.joining(", "));
        return "commit a batch of " + writes.size() + " sources (" + ids + (writes.size() > 5 ? ", …)" : ")");
    }

    /**
     * The items part of a fetch's write, inside the batch's transaction. Retention is decided before anything is
     * written, so an incoming item that retention removes at once is never inserted (inserting and deleting it
     * left the same rows: none, and its tombstones).
     */
    private Fetched storeFetch(PreparedStatements statements, ItemTable.Writer writer, String id, ItemKeys keys,
                               Retention retention, Instant now) throws SQLException {
        Set<String> tombstones = ItemTable.tombstones(statements, id);
        Set<String> stale = new HashSet<>(tombstones);
        stale.removeAll(keys.listed);
        ItemTable.removeTombstones(statements, id, stale);
        tombstones.removeAll(stale);

        Map<String, StoredItem> stored = new LinkedHashMap<>();
        List<String> damaged = new ArrayList<>();
        ItemTable.ofSource(statements, id, bodies, damaged).forEach(s -> stored.put(s.key(), s));
        for (String key : damaged) { // a row that cannot be read: deleted, and written anew if the feed lists it
            writer.delete(id, key);
        }
        List<StoredItem> was = List.copyOf(stored.values());
        Set<String> previouslyStored = new HashSet<>(stored.keySet());
        Set<String> textsChanged = new HashSet<>(); // stored items written again with another excerpt or content
        List<StoredItem> toWrite = new ArrayList<>();
        for (Map.Entry<String, Item> e : keys.incoming.entrySet()) {
            if (keys.aliasesOf(e.getValue()).stream().noneMatch(tombstones::contains)) {
                StoredItem before = stored.get(e.getKey());
                if (before != null && !ItemText.sameTexts(before.item(), e.getValue())) {
                    textsChanged.add(e.getKey());
                }
                StoredItem s = new StoredItem(e.getKey(), e.getValue(), before == null ? now : before.firstSeen());
                stored.put(s.key(), s);
                toWrite.add(s);
            }
        }
        StoredItem.Retained retained = StoredItem.retain(List.copyOf(stored.values()), keys.incoming.keySet(),
                retention, now);
        Set<StoredItem> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(retained.kept());
        List<StoredItem> removed = new ArrayList<>(retained.expired());
        removed.addAll(retained.capped());
        for (StoredItem s : toWrite) { // in the feed's order, as before
            if (kept.contains(s)) {
                writer.put(id, s, keys.aliasesOf(s.item()), now, previouslyStored.contains(s.key()),
                        textsChanged.contains(s.key()));
            }
        }
        for (StoredItem s : removed) { // never one put above: what is removed is not kept
            if (previouslyStored.contains(s.key())) {
                writer.delete(id, s.key());
            }
        }
        writer.flush(); // before the next source's rows are read
        List<String> tombstoned = new ArrayList<>();
        for (StoredItem capped : retained.capped()) {
            tombstoned.addAll(keys.aliasesOf(capped.item()));
        }
        ItemTable.addTombstones(statements, id, tombstoned, now);
        return new Fetched(id, was, retained.kept(), located(id, retained.kept()), damaged);
    }

    /**
     * A source's fetch stored: its rows before and after, the items of those after, newest first, and the keys of
     * the rows that could not be read, deleted. What it changed ({@link SourceChange}) is worked out only for a batch
     * merged with it.
     */
    private record Fetched(String sourceId, List<StoredItem> before, List<StoredItem> after, List<Item> stored,
                           List<String> damaged) {
        /**
         * What the fetch changed; a row that could not be read is gone as the merged archive {@code state} holds
         * it: the member of the article owning its key (an item row's key is its link's) that is the source's item
         * under that link, if one is.
         */
        SourceChange change(MergeState state) {
            SourceChange change = SourceChange.between(sourceId, before, after, stored);
            if (damaged.isEmpty()) {
                return change;
            }
            List<Item> gone = new ArrayList<>(change.gone());
            String provenance = Source.provenanceOf(sourceId);
            for (String key : damaged) {
                Article owner = state.ownerOf(key);
                if (owner != null) {
                    state.members(owner.key()).stream().filter(m -> m.provenance().equals(provenance)
                            && StoredItem.keyOf(m).equals(key)).forEach(gone::add);
                }
            }
            return new SourceChange(sourceId, stored, gone, change.added());
        }
    }

    private final LongAdder textsReadOneByOne = new LongAdder();
    private final LongAdder textsReadAtOnce = new LongAdder();

    /**
     * Where the bodies this store keeps are read again once let go ({@link Body#release}): each item's row, read on
     * a read connection (a render or a merge reading a body never waits for the writer).
     */
    private final Body.Source bodies = new Body.Source() {
        @Override
        public String text(String sourceId, String itemKey, Body.Part part) {
            textsReadOneByOne.increment();
            return transaction("read a text of an item of source " + sourceId, false,
                    c -> ItemTable.text(c, sourceId, itemKey, part));
        }

        @Override
        public Map<Body.Ref, String> texts(java.util.Collection<Body.Ref> refs) {
            textsReadAtOnce.add(refs.size());
            return refs.isEmpty() ? Map.of() : transaction("read the texts of " + refs.size() + " items", false,
                    c -> ItemTable.texts(c, refs));
        }
    };

    @Override
    public TextsRead textsRead() {
        return new TextsRead(textsReadOneByOne.sum(), textsReadAtOnce.sum());
    }

    /**
     * The items of {@code stored} (rows of source {@code sourceId}, written or read in this transaction), each body
     * told that the row keeps it: whoever merges them may let the text go once it is committed.
     */
    private List<Item> located(String sourceId, List<StoredItem> stored) {
        List<Item> items = new ArrayList<>(stored.size());
        for (StoredItem s : stored) {
            locate(sourceId, s);
            items.add(s.item());
        }
        return Collections.unmodifiableList(items);
    }

    /** Tells the bodies of {@code s} (of source {@code sourceId}) that its row keeps them. */
    private void locate(String sourceId, StoredItem s) {
        if (s.item().excerptBody() != null) {
            s.item().excerptBody().storedAt(bodies, sourceId, s.key(), Body.Part.EXCERPT);
        }
        if (s.item().body() != null) {
            s.item().body().storedAt(bodies, sourceId, s.key(), Body.Part.CONTENT);
        }
    }

    /** The items of {@code stored}, rows read back (their texts let go from the start). */
    private static List<Item> items(List<StoredItem> stored) {
        return stored.stream().map(StoredItem::item).toList();
    }

    @Override
    public List<PublishedId> savePublishedIds(List<PublishedId> records) {
        Checks.notNull(records, "records");
        if (records.isEmpty()) {
            return List.of();
        }
        return transaction("save published ids", true, c -> PublishedIdTable.add(c, records));
    }

    @Override
    public void saveEvidence(List<Fold> folds, List<StoryLink> storyLinks, Instant at) {
        Checks.notNull(folds, "folds");
        Checks.notNull(storyLinks, "storyLinks");
        if (folds.isEmpty() && storyLinks.isEmpty()) {
            return;
        }
        transaction("save fold and coverage evidence", true, c -> {
            FoldTable.save(c, folds, at);
            StoryLinkTable.save(c, storyLinks, at);
            return null;
        });
    }

    @Override
    public List<Fold> latestFolds(int n) {
        Checks.argument(n > 0, "n must be positive");
        return transaction("read fold evidence", false, c -> FoldTable.latest(c, n));
    }

    @Override
    public List<StoryLink> latestStoryLinks(int n) {
        Checks.argument(n > 0, "n must be positive");
        return transaction("read coverage evidence", false, c -> StoryLinkTable.latest(c, n));
    }

    @Override
    public List<StoryLink> storyLinks() {
        return transaction("read coverage evidence", false, StoryLinkTable::all);
    }

    @Override
    public Evidence evidenceAbout(List<String> urls) {
        Checks.argument(urls.size() <= EVIDENCE_URLS, "at most " + EVIDENCE_URLS + " links at once");
        if (urls.isEmpty()) {
            return Evidence.NONE;
        }
        List<String> asked = List.copyOf(urls);
        return transaction("read the evidence about an article", false,
                c -> new Evidence(FoldTable.about(c, asked), StoryLinkTable.about(c, asked)));
    }

    @Override
    public void saveFirstSeen(Map<String, Instant> firstSeen) {
        Checks.notNull(firstSeen, "firstSeen");
        transaction("save first-seen times", true, c -> {
            StateTable.putFirstSeen(c, firstSeen);
            return null;
        });
    }

    @Override
    public List<String> noteGone(Set<String> unheld, Instant now, Instant before) {
        Checks.notNull(unheld, "unheld");
        Map<String, Instant> gone = transaction("read the keys no article holds", false, GoneKeyTable::all);
        GoneKeyTable.Plan plan = GoneKeyTable.Plan.of(unheld, gone, before);
        inRuns("note keys held again", plan.back(), GoneKeyTable::back);
        // a key not noted that has no record any more was forgotten by another instance sharing the database: the
        // caller forgets it now too, else it would go on dating and naming an article that comes back as before
        Set<String> due = new java.util.TreeSet<>(plan.forget());
        inRuns("note keys no article holds", plan.newlyGone(), (c, run) -> {
            Set<String> recorded = GoneKeyTable.recorded(c, run);
            GoneKeyTable.gone(c, run.stream().filter(recorded::contains).toList(), now);
            run.stream().filter(key -> !recorded.contains(key)).forEach(due::add);
        });
        return List.copyOf(due);
    }

    @Override
    public String mergeRule() {
        return transaction("read the merge rule", false, MergedSourceTable::rule);
    }

    @Override
    public void keepMergeRule(String rule) {
        Checks.notNull(rule, "rule");
        transaction("keep the merge rule", true, c -> {
            MergedSourceTable.keepRule(c, rule);
            return null;
        });
    }

    @Override
    public Set<String> itemKeys(String sourceId) {
        Checks.notNull(sourceId, "sourceId");
        return transaction("read the item keys of source " + sourceId, false, c -> ItemTable.keysOf(c, sourceId));
    }

    @Override
    public Set<String> unheldRecords() {
        return transaction("read the records no merged article holds", false, GoneKeyTable::unheldRecords);
    }

    @Override
    public List<String> forgetKeys(List<String> keys) {
        List<String> forgotten = new ArrayList<>();
        for (List<String> run : Sql.runs(new java.util.TreeSet<>(keys).stream().toList(), FORGET_RUN)) {
            forgotten.addAll(transaction("forget the keys of articles gone (" + run.size() + ")", true, c -> {
                // read in this transaction: no merge brings an article back between the check and the forgetting
                Set<String> held = GoneKeyTable.held(c, run);
                List<String> unheld = run.stream().filter(key -> !held.contains(key)).toList();
                GoneKeyTable.forget(c, unheld);
                GoneKeyTable.back(c, held);
                GoneKeyTable.forgetStoryLinks(c, new HashSet<>(unheld));
                return unheld;
            }));
        }
        return forgotten;
    }

    /**
     * Runs {@code work} on {@code keys} in order, {@link #FORGET_RUN} at a time, each run in a write transaction of
     * its own: runs of neighbouring keys touch neighbouring pages of the tables' key indexes.
     */
    private void inRuns(String what, Set<String> keys, KeysWork work) {
        for (List<String> run : Sql.runs(keys.stream().sorted().toList(), FORGET_RUN)) {
            transaction(what + " (" + run.size() + ")", true, c -> {
                work.run(c, run);
                return null;
            });
        }
    }

    /** Work on a run of keys, inside a transaction, on its connection. */
    @FunctionalInterface
    private interface KeysWork {
        void run(Connection c, List<String> keys) throws SQLException;
    }

    @Override
    public void saveReadings(Map<String, TextTerms> terms, String termsMadeBy, Map<String, TopicReading> topics,
                             String topicRules) {
        Checks.notNull(terms, "terms");
        Checks.notNull(topics, "topics");
        int texts = terms.size() + topics.size();
        if (texts > 0) {
            transaction("save what was read from " + texts + " texts", true, c -> {
                KeptReadings.TERMS.save(c, terms, termsMadeBy);
                KeptReadings.TOPICS.save(c, topics, topicRules);
                return null;
            });
        }
    }

    @Override
    public Map<String, TextTerms> storyTermsOf(java.util.Collection<String> articleKeys, String madeBy) {
        return readingsOf(KeptReadings.TERMS, "the story terms", articleKeys, madeBy);
    }

    @Override
    public Map<String, TopicReading> topicReadingsOf(java.util.Collection<String> articleKeys, String rules) {
        return readingsOf(KeptReadings.TOPICS, "the topic readings", articleKeys, rules);
    }

    @Override
    public Map<String, TopicReading> topicReadingsExcluding(String rules) {
        Checks.notNull(rules, "rules");
        return transaction("read the topic readings with excludes", false,
                c -> KeptReadings.TOPICS.readWhere(c, rules, "length(excluded) > 0"));
    }

    /** The {@code readings} kept as read {@code how} for {@code articleKeys}, by article key, in a read transaction. */
    private <T> Map<String, T> readingsOf(KeptReadings<T> readings, String what,
                                          java.util.Collection<String> articleKeys, String how) {
        Checks.notNull(articleKeys, "articleKeys");
        if (articleKeys.isEmpty()) {
            return Map.of();
        }
        return transaction("read " + what + " of " + articleKeys.size() + " articles", false,
                c -> readings.readOf(c, articleKeys, how));
    }

    /**
     * {@inheritDoc}
     *
     * <p>An article whose content hash (over every field and alias key) equals the stored one is not written. On a
     * database with one writer the hashes are compared in a read transaction, and only the writes take the write
     * transaction: the first sync after a start compares every article of the archive (about 20 s at a million
     * articles), and the fetches' commits must not wait for that.
     *
     * @throws IllegalArgumentException if two articles have the same key (nothing is written)
     */
    @Override
    public void syncArticles(List<Article> articles) {
        Checks.notNull(articles, "articles");
        writeArticles(() -> compareAndWrite(articles));
    }

    @Override
    public void rewriteArticles(List<Article> articles, Showing showing) {
        Checks.notNull(articles, "articles");
        writeArticles(() -> transaction("rewrite articles", true, c -> {
            ArticleTable.rewrite(c, articles);
            markShown(c, showing);
            return null;
        }));
    }

    /** Takes the merges {@code showing} shows as shown ({@link UnshownMerges}), when there is one to keep. */
    private void markShown(Connection c, Showing showing) throws SQLException {
        if (showing != null && !shared()) {
            UnshownMerges.shown(c, showing);
        }
    }

    @Override
    public Unshown unshown() {
        return shared() ? new Unshown(null, Set.of(), 0)
                : transaction("read what was merged and not shown", false, UnshownMerges::read);
    }

    @Override
    public ShownCheck checkShown() {
        return shared() ? new ShownCheck(unshown(), 0, 0)
                : transaction("check what the snapshot shows", false, UnshownMerges::check);
    }

    /**
     * Writes the articles snapshot under the snapshot lock, so that no other write of it comes between a sync's
     * comparison and its writes ({@link #compareAndWrite}).
     */
    private void writeArticles(Runnable write) {
        snapshotLock.lock();
        try {
            write.run();
        } finally {
            snapshotLock.unlock();
        }
    }

    /**
     * Makes the snapshot equal {@code articles} by comparing them with the stored rows ({@link ArticleTable#plan}):
     * outside the write transaction when this process is the only writer (only it writes the snapshot, under the
     * snapshot lock, so the rows compared are still there when the plan is written), inside it otherwise.
     */
    private void compareAndWrite(List<Article> articles) {
        if (soleWriter()) {
            ArticleTable.Plan plan = transaction("compare " + articles.size() + " articles with the stored ones",
                    false, c -> ArticleTable.plan(c, articles));
            transaction("sync articles", true, c -> ArticleTable.apply(c, plan));
        } else { // another instance may write the snapshot: compared where it is written
            transaction("sync articles", true, c -> ArticleTable.sync(c, articles));
        }
    }

    @Override
    public List<Article> newestArticles(int perTopic) {
        Checks.argument(perTopic > 0, "perTopic must be positive");
        return transaction("read the newest articles", false, c -> TopicPages.newest(c, perTopic));
    }

    @Override
    public java.util.Optional<Article> publishedWithAliasKey(String aliasKey) {
        Checks.notNull(aliasKey, "aliasKey");
        return transaction("read the article of an alias key", false, c -> TopicPages.withAliasKey(c, aliasKey));
    }

    @Override
    public List<Article> topicPage(List<String> topicNames, int offset, int limit) {
        Checks.argument(offset >= 0 && limit > 0, "offset must not be negative, limit must be positive");
        return transaction("read a page of a topic", false,
                c -> TopicPages.page(c, topicIndexNames(topicNames), offset, limit));
    }

    @Override
    public Map<String, Integer> topicNameCounts() {
        return transaction("count the topic names", false, TopicPages::nameCounts);
    }

    @Override
    public Map<String, Article> publishedByKeys(java.util.Collection<String> keys) {
        Checks.notNull(keys, "keys");
        return keys.isEmpty() ? Map.of() : transaction("read published articles", false,
                c -> ArticleTable.byKeys(c, keys));
    }

    @Override
    public List<Article> publishedOn(long fromDay, long toDay) {
        String from = java.time.LocalDate.ofEpochDay(fromDay).toString();
        String until = java.time.LocalDate.ofEpochDay(toDay + 1).toString();
        return transaction("read the articles published on some days", false,
                c -> ArticleTable.publishedOn(c, bodies, from, until));
    }

    @Override
    public Map<String, PublishedRow> publishedRows(java.util.Collection<String> keys) {
        Checks.notNull(keys, "keys");
        return keys.isEmpty() ? Map.of() : transaction("read published rows' hashes", false,
                c -> ArticleTable.publishedRows(c, keys));
    }

    @Override
    public void syncChange(Change change, Showing showing) {
        Checks.notNull(change, "change");
        Change written = change;
        if (shared()) { // a changed article's row goes first even where the change saw none: another instance
            Set<String> rowsGoing = new HashSet<>(change.goneKeys()); // sharing the database may have written it
            change.changed().forEach(a -> rowsGoing.add(a.key()));
            written = new Change(change.changed(), rowsGoing);
        }
        Change write = written;
        writeArticles(() -> transaction("sync articles", true, c -> {
            ArticleTable.syncChange(c, write);
            markShown(c, showing);
            return null;
        }));
    }

    @Override
    public int topicCount(List<String> topicNames) {
        return transaction("count a topic", false, c -> TopicPages.count(c, topicIndexNames(topicNames)));
    }

    @Override
    public List<TopicPosition> topicPageStarts(List<String> topicNames, int size) {
        Checks.argument(size > 0, "size must be positive");
        return transaction("find where a topic's pages start", false,
                c -> TopicPages.pageStarts(c, topicIndexNames(topicNames), size));
    }

    @Override
    public List<Article> topicPageFrom(List<String> topicNames, TopicPosition from, int limit) {
        Checks.argument(limit > 0, "limit must be positive");
        return transaction("read a page of a topic", false,
                c -> TopicPages.pageFrom(c, topicIndexNames(topicNames), from, limit));
    }

    /** The names of the topic index's rows: every article is listed under {@link ArticleTable#ALL}. */
    private static List<String> topicIndexNames(List<String> topicNames) {
        return topicNames.isEmpty() ? List.of(ArticleTable.ALL) : List.copyOf(topicNames);
    }

    /** The articles snapshot as last synced, newest published first (then by key): for inspection and tests. */
    public List<Article> articles() {
        return transaction("read articles", false, ArticleTable::all);
    }

    @Override
    public <T> T merging(Function<StoreMerge, T> work) {
        return transaction("merge", true, c -> merged(c, work));
    }

    @Override
    public <T> T readMerged(Function<MergeState, T> work) {
        return transaction("read the merged archive", false, c -> {
            try (StoredMergeState state = new StoredMergeState(c, dialect(), bodies)) {
                return work.apply(state);
            }
        });
    }

    /** {@code work} on the merge over {@code c}, what it left noted written before the caller commits. */
    private <T> T merged(Connection c, Function<StoreMerge, T> work) throws SQLException {
        long number = shared() ? 0 : nextMerge(c);
        try (StoreMerge in = new StoreMerge(c, dialect(), bodies, number)) {
            T result = work.apply(in);
            in.flush();
            if (!in.announced().isEmpty()) {
                if (shared()) {
                    append(c, Announcement.merged(List.of(), in.announced()), in.announcedAt());
                } else { // shown by this process's syncs: noted until one shows it
                    UnshownMerges.note(c, in.announced(), number);
                }
            }
            return result;
        }
    }

    /**
     * The number of the next merge on a store of this process's alone, in the order of their transactions (which are
     * serialised under {@link #lock}): after those noted by an earlier run ({@link UnshownMerges}).
     */
    private long nextMerge(Connection c) throws SQLException {
        if (lastMerge < 0) {
            lastMerge = UnshownMerges.latest(c);
        }
        return ++lastMerge;
    }

    /** Work inside a transaction, on its connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @Override
    public Coordination coordination() {
        return this;
    }

    @Override
    public boolean shared() {
        return !soleWriter();
    }

    @Override
    public String instance() {
        return instance;
    }

    @Override
    public Claim claim(String sourceId, String url, Instant now, java.time.Duration length, boolean ifDue) {
        leasing = true;
        return rowWrite("claim the lease of source " + sourceId,
                c -> LeaseTable.claim(c, instance, sourceId, url, now, length, ifDue));
    }

    @Override
    public void renew(java.util.Collection<String> sourceIds, Instant until) {
        if (!sourceIds.isEmpty()) {
            rowWrite("renew " + sourceIds.size() + " leases", c -> {
                LeaseTable.renew(c, instance, sourceIds, until);
                return null;
            });
        }
    }

    @Override
    public int takeHostSlot(String host, int limit, Instant now, java.time.Duration hold) {
        return rowWrite("take a request slot of " + host,
                c -> LeaseTable.takeHostSlot(c, instance, host, limit, now, hold));
    }

    @Override
    public void giveHostSlot(String host, int slot) {
        rowWrite("give back a request slot of " + host, c -> {
            LeaseTable.giveHostSlot(c, instance, host, slot);
            return null;
        });
    }

    @Override
    public void renewHostSlots(String host, java.util.Collection<Integer> slots, Instant until) {
        if (!slots.isEmpty()) {
            rowWrite("renew the request slots of " + host, c -> {
                LeaseTable.renewHostSlots(c, instance, host, slots, until);
                return null;
            });
        }
    }

    /**
     * A write transaction whose statements are each atomic on their own (conditional updates of single rows), so it
     * need not wait for other writers; as {@link #transaction} by default.
     */
    <T> T rowWrite(String what, Work<T> work) {
        return transaction(what, true, work);
    }

    /** Every lease held at {@code now}: owner by source id. */
    Map<String, String> leases(Instant now) {
        return transaction("read leases", false, c -> LeaseTable.held(c, now));
    }

    @Override
    public long announce(Announcement announcement, Instant now) {
        Checks.argument(!announcement.committed(), "the store announces commits itself");
        return transaction("announce a change", true, c -> append(c, announcement, now));
    }

    /** Appends to the change log, keeping {@link #CHANGES_KEPT}, and tells the listeners when the transaction commits. */
    private long append(Connection c, Announcement announcement, Instant now) throws SQLException {
        long seq = ChangeLog.append(c, instance, announcement, now, now.minus(CHANGES_KEPT));
        announced(c);
        return seq;
    }

    /** Tells the database's listeners, in the announcing transaction, that an announcement was made; none here. */
    void announced(Connection c) throws SQLException {
    }

    @Override
    public void awaitAnnouncement(java.time.Duration timeout) throws InterruptedException {
        Thread.sleep(timeout.toMillis());
    }

    @Override
    public List<Announcement> announcements(long after, int limit) {
        return transaction("read the change log", false, c -> ChangeLog.after(c, after, limit));
    }

    @Override
    public long lastAnnouncement() {
        return transaction("read the change log", false, ChangeLog::last);
    }

    @Override
    public List<Item> sourceItems(String sourceId) {
        return transaction("read the items of source " + sourceId, false,
                c -> items(ItemTable.ofSource(c, sourceId, bodies)));
    }

    @Override
    public Map<String, org.feedloom.model.SourceState> states(java.util.Collection<String> sourceIds) {
        return transaction("read source states", false, c -> StateTable.states(c, sourceIds));
    }

    @Override
    public boolean firstToPing(String url, String etag) {
        return transaction("record a WebSub ping", true, c -> InstanceTable.firstToPing(c, url, etag));
    }

    @Override
    public void checkIn(String role, String loadedHash, Instant now) {
        transaction("check in", true, c -> {
            InstanceTable.checkIn(c, instance, role, loadedHash, now);
            InstanceTable.forget(c, now.minus(java.time.Duration.ofDays(1)));
            return null;
        });
    }

    @Override
    public List<Peer> peers(Instant now, java.time.Duration within) {
        return transaction("read instances", false, c -> InstanceTable.seenSince(c, now.minus(within)));
    }
}
