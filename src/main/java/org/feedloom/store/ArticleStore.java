package org.feedloom.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.feedloom.canonical.MergeState;
import org.feedloom.canonical.TextTerms;
import org.feedloom.model.Article;
import org.feedloom.model.Evidence;
import org.feedloom.model.Fold;
import org.feedloom.model.StoryLink;
import org.feedloom.model.Item;
import org.feedloom.model.PublishedId;
import org.feedloom.model.SourceState;
import org.feedloom.topic.TopicReading;

/**
 * Where Feedloom keeps what feeds no longer carry. Seed files are not stored as inputs: they are read at every
 * start and stay authoritative. What is stored:
 * <ul>
 *   <li>each live source's items, accumulated over fetches (a feed lists only its latest items), keyed within the
 *       source by the canonical key of the item's preferred URL;</li>
 *   <li>each source's {@link SourceState} (validators, discovered URL, backoff, last status);</li>
 *   <li>the first-seen time of every article key (the publication time of undated items, so it survives restarts);</li>
 *   <li>every entry id published, with the alias keys it was published under, so ids never change;</li>
 *   <li>tombstones: items that retention removed, so they do not come back while their source still lists them;</li>
 *   <li>the evidence of every syndicated copy folded, the latest per copy, and of every pair of articles linked as
 *       coverage of one story, the latest per pair;</li>
 *   <li>a snapshot of the published articles, every field and alias key and provenance, for inspection and backup;
 *       an article's texts, where they are a stored item's, kept once, in the item's row ({@link
 *       #syncArticles(List)}).</li>
 * </ul>
 *
 * <p>Implementations are thread-safe. Each method is one transaction: after it returns, what it wrote survives a
 * crash; if the process dies inside it, none of it is visible after a restart. Failures are {@link StoreException}s.
 */
public interface ArticleStore extends AutoCloseable {

    /**
     * Everything stored, as it is at start-up; the items' excerpts and contents are not held but read back from their
     * rows when asked for ({@link org.feedloom.model.Body}), so that loading the archive does not hold all of its text.
     */
    Snapshot load();

    /**
     * Every source's stored state, by source id: what a start-up restores (the items stay in the store, where the
     * merged archive reads them).
     */
    Map<String, org.feedloom.model.SourceState> states();

    /** How many texts let go have been read back from this store since it opened. */
    TextsRead textsRead();

    /**
     * Texts read back from a store: {@code oneByOne} in a read each, {@code atOnce} in reads of several
     * ({@link org.feedloom.model.Body#hold}, {@link org.feedloom.model.Body#readAll}).
     */
    record TextsRead(long oneByOne, long atOnce) {
        /** Both kinds together. */
        public long all() {
            return oneByOne + atOnce;
        }
    }

    /**
     * Commits several sources' writes in one transaction (a group commit): for each {@link SourceWrite#fetched
     * fetch}, upserts its items (an item already stored under the same key is replaced, keeping its first-seen time),
     * drops items whose any alias key is tombstoned for the source, applies its retention to the source's items
     * (writing a tombstone for each item its cap removes); and for every write, saves its state, writing only what
     * changed since the stored state (nothing when nothing did). If any write fails, none of the batch is written.
     *
     * @return for each write, in order, every item now stored for its source, newest first; null for a
     *         {@link SourceWrite#stateOnly state alone}
     */
    List<List<Item>> commitBatch(List<SourceWrite> writes);

    /**
     * The rule ({@code reindex} and the fold rule's terms, as the caller writes it) the merged archive was last merged
     * under, as {@link #keepMergeRule} kept it; null when none was kept, or {@link #clearMerged} emptied the archive
     * since (a reindex that did not end).
     */
    String mergeRule();

    /** Keeps {@code rule} as the rule the merged archive is merged under ({@link #mergeRule}). */
    void keepMergeRule(String rule);

    /** The keys of the items stored for source {@code sourceId} (the canonical keys of their links). */
    Set<String> itemKeys(String sourceId);

    /**
     * {@link #commitBatch} and, in the same transaction, {@code merge} on the merged archive ({@link #merging}), given
     * what each write did to its source's stored items (null for a state alone): the items and what the merge made
     * of them are committed together or not at all, so no crash or failure leaves items stored that the archive never
     * merged. What {@code merge} throws rolls the batch back with it.
     */
    <T> T commitBatch(List<SourceWrite> writes, BiFunction<List<SourceChange>, StoreMerge, T> merge);

    /**
     * Keeps {@code seeds} as the seed items last merged and, in the same transaction, runs {@code merge} on the merged
     * archive ({@link #merging}), given what changed since the seeds kept before ({@link SourceChange#of}; all of
     * them added the first time): committed together or not at all, so the next run works out its change against the
     * seeds the archive merged. What {@code merge} throws rolls both back.
     */
    <T> T commitSeeds(List<Item> seeds, BiFunction<SourceChange, StoreMerge, T> merge);

    /**
     * Makes {@code sources} (source id to its exclude keywords) the sources the merged archive holds and, in the same
     * transaction, runs {@code merge} on it ({@link #merging}), given each source that came, went or changed its
     * excludes since the sources kept before, with its stored items ({@link MergedSourceChange#change} says what to
     * merge out and in): a source removed keeps its stored items, out of the archive, and has them merged again when
     * it comes back. Committed together or not at all. The merges of {@link #commitBatch} are the caller's to apply
     * only to the sources it holds.
     */
    <T> T mergeSources(Map<String, List<String>> sources, BiFunction<List<MergedSourceChange>, StoreMerge, T> merge);

    /**
     * Empties the merged archive ({@link #merging}): every merged article with its members and indexes, and the seeds
     * and sources it holds, so that {@code reindex} merges it again from scratch. The stored items, published ids and
     * first-seen times stay; the rule it was merged under goes ({@link #mergeRule}).
     */
    void clearMerged();

    /**
     * Records the alias keys of newly published articles with their ids; an alias key recorded keeps its record.
     * Returns the records kept instead of some of {@code records}: another instance sharing the database published
     * those alias keys first, under its own id, which this one must adopt (none for a store of its own).
     */
    List<PublishedId> savePublishedIds(List<PublishedId> records);

    /**
     * Records why copies were folded, at {@code at}: each copy's evidence replaces what was recorded for it (by the
     * canonical key of its link), so the table holds the latest judgement of every copy ever folded.
     */
    default void saveFolds(List<Fold> folds, Instant at) {
        saveEvidence(folds, List.of(), at);
    }

    /**
     * Records in one transaction why copies were folded ({@link #saveFolds}) and why articles were linked as
     * coverage of one story, at {@code at}: each pair's evidence replaces what was recorded for it (by the canonical
     * keys of its two links, in either order).
     */
    void saveEvidence(List<Fold> folds, List<StoryLink> storyLinks, Instant at);

    /** The {@code n} latest folds recorded, newest first. */
    List<Fold> latestFolds(int n);

    /** The {@code n} latest coverage links recorded, newest first. */
    List<StoryLink> latestStoryLinks(int n);

    /** Every coverage link recorded (each pair's latest): for a restart's showing, which makes them again. */
    List<StoryLink> storyLinks();

    /**
     * What is recorded about the links {@code urls} (one article's, for its page): the folds whose article link is
     * one of them or whose copy has the canonical key of one of them, and the coverage links one side of which is one
     * of them. At most {@link #EVIDENCE_URLS} links are asked about; more are an error.
     */
    Evidence evidenceAbout(List<String> urls);

    /** How many links {@link #evidenceAbout} takes at once (a bound on its statements' parameters). */
    int EVIDENCE_URLS = 400;

    /** Records first-seen times; a key already stored keeps its time. */
    void saveFirstSeen(Map<String, Instant> firstSeen);

    /**
     * A forgetting pass's first part, given the keys of first-seen times and published ids that no article holds now
     * ({@code unheld}): notes those not noted yet as gone {@code now} and takes the ones held again off the note.
     * Returns, sorted, the keys due to be forgotten ({@link #forgetKeys}): those noted gone before {@code before}, and
     * those not noted yet that have no record any more (another instance sharing the database forgot them; the caller
     * forgets them too). Writes in transactions of up to {@link #FORGET_RUN} keys in key order (well under a second
     * each: a pass over a large history does not hold the store's other writes back for long).
     */
    List<String> noteGone(Set<String> unheld, Instant now, Instant before);

    /**
     * A forgetting pass's second part: forgets those of {@code keys} (due by {@link #noteGone}) that no article of the
     * merged archive holds, as read in the transaction that forgets them: their first-seen times, published ids, the
     * fold evidence of the copies they name, the coverage links they are a side of and their notes; those held again
     * are noted back. One transaction for up to {@link #FORGET_RUN} keys. Returns the keys forgotten.
     */
    List<String> forgetKeys(List<String> keys);

    /**
     * The keys of the first-seen times and published ids recorded that no article of the merged archive holds (as
     * its key or an alias key): those of articles that left the archive, for a forgetting pass ({@link #noteGone}).
     */
    Set<String> unheldRecords();

    /** How many keys a forgetting pass writes in one transaction ({@link #noteGone}, {@link #forgetKeys}). */
    int FORGET_RUN = 50_000;

    /**
     * Keeps what a rebuild read from merged articles' texts, by article key (a null value: the article went, and
     * what was read from it with it), in one transaction: related coverage's story terms as read by
     * {@code termsMadeBy} ({@link org.feedloom.canonical.Coverage#READING}), for its showing ({@link #storyTermsOf}).
     */
    default void saveReadings(Map<String, TextTerms> terms, String termsMadeBy) {
        saveReadings(terms, termsMadeBy, Map.of(), "");
    }

    /**
     * {@link #saveReadings(Map, String)}, and in the same transaction what the topic rules read from the shown
     * articles' texts as read by the rules {@code topicRules} ({@link org.feedloom.topic.TopicIndex#reading}), for
     * their showing ({@link #topicReadingsOf}).
     */
    void saveReadings(Map<String, TextTerms> terms, String termsMadeBy, Map<String, TopicReading> topics,
                      String topicRules);


    /**
     * The story terms kept as read by {@code madeBy} for {@code articleKeys}, by article key (none for a key without
     * any): for showing a run of articles again without reading their contents. Reads only, in statements of a few
     * hundred keys.
     */
    Map<String, TextTerms> storyTermsOf(java.util.Collection<String> articleKeys, String madeBy);

    /**
     * What the topic rules {@code rules} ({@link org.feedloom.topic.TopicIndex#reading}) read, as kept for
     * {@code articleKeys}, by article key (none for a key without one, or with one read by other rules): for showing
     * a run of articles again without reading their excerpts. Reads only, in statements of a few hundred keys.
     */
    Map<String, TopicReading> topicReadingsOf(java.util.Collection<String> articleKeys, String rules);

    /**
     * Every topic reading kept as read by the rules {@code rules} that found some rule's {@code exclude} keywords, by
     * article key: the articles an exclude may keep out of a topic, for a restart that does not read every article
     * again ({@link #unshown}). Reads only.
     */
    Map<String, TopicReading> topicReadingsExcluding(String rules);

    /**
     * Makes the articles snapshot equal {@code articles}: writes new and changed articles, deletes the ones not in
     * the list. Cheap when little changed. An article written whose excerpt or content an item row keeps (its
     * {@link org.feedloom.model.Body#ref}, given when the store stored the item the merge took it from) names that
     * item instead of holding a copy, so a text is written and kept once; the others' texts are written with them.
     * What the snapshot shows is the same either way.
     */
    void syncArticles(List<Article> articles);

    /**
     * What changed in the articles snapshot's articles ({@link #syncChange}): the articles that differ from their rows
     * or have none, and the keys whose rows go: those no longer shown, and those of changed articles that had one.
     */
    record Change(List<Article> changed, Set<String> goneKeys) {
        public Change {
            changed = List.copyOf(changed);
            goneKeys = Set.copyOf(goneKeys);
        }
    }

    /**
     * What a sync of the articles snapshot shows ({@link #syncChange(Change, Showing)}): every merge numbered up to
     * {@code through} ({@link StoreMerge#number}), under the showing rule {@code rule} (the caller's name for what
     * decides how a merged article is shown: topic rules, hidden links, related coverage); a null rule when not every
     * article is shown under one rule yet (changed rules being applied), so a restart shows them all again.
     */
    record Showing(String rule, long through) {}

    /**
     * What a restart finds of the last run's showing ({@link #unshown}): the rule its last sync showed by (null for
     * none), and the keys of the articles that merges changed or took away since that sync, the latest of those merges
     * numbered {@code through} (0 with no key).
     */
    record Unshown(String rule, Set<String> keys, long through) {
        public Unshown {
            keys = Set.copyOf(keys);
        }
    }

    /**
     * {@link Unshown} and, read in the same transaction, how many articles of the merged archive and of the articles
     * snapshot have keys not among its keys ({@code mergedOthers}, {@code publishedOthers}): the snapshot shows every
     * one of those merged articles but the hidden ones, so a difference says it was damaged ({@link #checkShown}).
     */
    record ShownCheck(Unshown unshown, int mergedOthers, int publishedOthers) {}

    /**
     * {@link #syncChange(Change)}, and in the same transaction takes the merges {@code showing} shows as shown and
     * keeps its rule ({@link #unshown}); on a database shared with other instances (whose merges this one's syncs do
     * not show) the mark is not kept.
     */
    void syncChange(Change change, Showing showing);

    /**
     * Writes {@code change} to the articles snapshot as it is: the rows of its gone keys deleted, its changed articles
     * written. For a change worked out against the snapshot's own rows (a rebuild that read its before-images there).
     * Marks nothing shown ({@link #syncChange(Change, Showing)}).
     */
    default void syncChange(Change change) {
        syncChange(change, null);
    }

    /**
     * What the last sync showed by, and what was merged since and not shown ({@link Unshown}): a merge notes the keys
     * it changed in its own transaction ({@link #merging}, {@link #commitBatch}), a sync marked with a {@link Showing}
     * takes them off. Empty on a database shared with other instances.
     */
    Unshown unshown();

    /**
     * {@link #unshown} with the counts that tell whether the snapshot shows the rest ({@link ShownCheck}): two counts
     * over the archive's and the snapshot's articles, for the one check a restart makes before it trusts the
     * snapshot. Empty on a database shared with other instances.
     */
    ShownCheck checkShown();

    /**
     * Makes the articles snapshot equal {@code articles} as {@link #syncArticles} does, trusting nothing it held: every
     * row of it (articles, alias keys, topic index) is deleted and written again, in one transaction. For a
     * maintenance rewrite ({@code reindex}), whatever the snapshot's state; costs a write of every article.
     */
    default void rewriteArticles(List<Article> articles) {
        rewriteArticles(articles, null);
    }

    /** {@link #rewriteArticles(List)}, taking the merges {@code showing} shows as shown ({@link #syncChange}). */
    void rewriteArticles(List<Article> articles, Showing showing);

    /**
     * The newest {@code perTopic} articles of every topic in the articles snapshot and of all its articles, each
     * once, as the last {@link #syncArticles} left them: enough for the first page of every feed, read without
     * reading the whole snapshot, so that a restart can serve before the stored items are merged again.
     */
    List<Article> newestArticles(int perTopic);

    /**
     * A page of the articles snapshot's topic index, as the last {@link #syncArticles} left it: the articles listed
     * under any of {@code topicNames} (all articles when it is empty), each once, newest first (by updated, then
     * published, then key), from position {@code offset}, at most {@code limit}. What a restarted server serves
     * for a topic's pages before the stored items are merged again.
     */
    List<Article> topicPage(List<String> topicNames, int offset, int limit);

    /**
     * The article of the articles snapshot, as the last {@link #syncArticles} left it, one of whose alias keys is
     * {@code aliasKey}; empty if none. What a restarted server explains before the stored items are merged again.
     */
    java.util.Optional<Article> publishedWithAliasKey(String aliasKey);

    /** How many articles {@link #topicPage} pages through for {@code topicNames}. */
    int topicCount(List<String> topicNames);

    /** How many articles of the articles snapshot carry each topic name (the names they carry; none for all). */
    Map<String, Integer> topicNameCounts();

    /** The articles of the articles snapshot with {@code keys}, by key: those it holds, as the last sync wrote them. */
    Map<String, Article> publishedByKeys(java.util.Collection<String> keys);

    /**
     * The articles of the articles snapshot published on the days {@code fromDay} to {@code toDay} (days since the
     * epoch, UTC, both included), in no order: their texts let go, read from the store when asked for, and their key
     * as their only alias key (what the related coverage reads of the days it takes in).
     */
    List<Article> publishedOn(long fromDay, long toDay);

    /**
     * What the articles snapshot's rows of {@code keys} hold, by key (those it holds): their topic names, publication
     * and the hash the row keeps of its content, which {@link #rowHashOf} gives an article that would write the same
     * row.
     */
    Map<String, PublishedRow> publishedRows(java.util.Collection<String> keys);

    /**
     * What an articles snapshot's row holds of what matters to a rebuild: its topic names, content hash and
     * publication.
     */
    record PublishedRow(List<String> topics, String hash, java.time.Instant published) {}

    /** The content hash of the row {@code article} would be written as ({@link #publishedRows}' hashes). */
    static String rowHashOf(Article article) {
        return ArticleTable.hash(article);
    }


    /**
     * Where each page of {@code size} articles of {@link #topicPage}'s order starts, for {@code topicNames}: one
     * position a page, page 1's first; empty for a topic without articles. Read once, it lets every page be read by
     * {@link #topicPageFrom} at the cost of the first.
     */
    List<TopicPosition> topicPageStarts(List<String> topicNames, int size);

    /**
     * At most {@code limit} articles of {@link #topicPage}'s order for {@code topicNames}, from {@code from} on (it
     * included): a page read from where it starts, as deep pages are (keyset paging).
     */
    List<Article> topicPageFrom(List<String> topicNames, TopicPosition from, int limit);

    /**
     * Runs {@code work} on the merged archive the store keeps (every merged article, its members, the alias index
     * and related references; empty in a new store), with the published ids and first-seen times it reads
     * ({@link StoreMerge}), in one transaction: what {@code work} changed is committed if
     * it returns and rolled back if it throws. {@code work} must not keep the state beyond the call. Writers of the
     * state are serialised with every other write.
     */
    <T> T merging(Function<StoreMerge, T> work);

    /**
     * Runs {@code work} on the merged archive as last committed ({@link #merging}), in a transaction that only reads:
     * what a page, an explanation or a check of the archive reads, without waiting for the writer nor seeing what a
     * merge under way has not committed. The state refuses writes ({@link StoreException}).
     */
    <T> T readMerged(Function<MergeState, T> work);

    /**
     * Leases, the change log and check-ins: what instances sharing the database coordinate through. A store that
     * is not {@link #shared()} has them too (one instance alone always gets its leases).
     */
    Coordination coordination();

    /**
     * Whether other processes may write the database meanwhile (PostgreSQL), so that instances coordinate through
     * {@link #coordination()}; false when this process is its only writer (SQLite, under the data folder's lock).
     */
    boolean shared();

    /**
     * Gives back what the store keeps for writing (SQLite's writer's page cache) if nothing was written since the
     * last call: called every few seconds by a server, so that between fetch cycles it holds only what it serves.
     * Never waits for a write in progress (it is left as it is); does nothing on a closed store, or on a database
     * whose caches live in its server's process (PostgreSQL).
     */
    default void releaseIdleMemory() {
    }

    /** Releases the database; later calls fail. Idempotent. */
    @Override
    void close();

    /**
     * What {@link #load()} returns.
     *
     * @param sourceItems items per source id, newest first
     * @param states      state per source id
     * @param firstSeen   first-seen time per article key
     * @param publishedIds every alias key published so far with the id it was published under
     */
    record Snapshot(Map<String, List<Item>> sourceItems, Map<String, SourceState> states,
                    Map<String, Instant> firstSeen, List<PublishedId> publishedIds) {
        public Snapshot {
            sourceItems = Map.copyOf(sourceItems);
            states = Map.copyOf(states);
            firstSeen = Map.copyOf(firstSeen);
            publishedIds = List.copyOf(publishedIds);
        }
    }

    /**
     * How long and how many live items a source keeps (the rule is {@code StoredItem.retain}): an item the source no
     * longer lists goes once {@code maxAgeDays} have passed since Feedloom first saw it (whatever date the feed gives
     * it); an item the source still lists is never expired by age; of the rest, the newest {@code maxItems} (by
     * date, then first sight) stay and the others are tombstoned. Seeds are not stored here, so they never expire.
     */
    record Retention(int maxAgeDays, int maxItems) {
        public Retention {
            if (maxAgeDays <= 0 || maxItems <= 0) {
                throw new IllegalArgumentException("retention: maxAgeDays and maxItems must be positive");
            }
        }
    }
}
