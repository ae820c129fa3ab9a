package org.feedloom.canonical;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.feedloom.model.Article;
import org.feedloom.model.Fold;
import org.feedloom.model.Item;
import org.feedloom.model.PublishedId;
import org.feedloom.model.SharedLists;

/**
 * The articles of every item given so far, kept merged as items come and go: a change merges again only the part of
 * the archive it can affect, and gives the articles {@link ArticleMerger#merge} would give for all the items at once.
 *
 * <p>The part is the articles that own an alias key of an item added or removed, closed under the three rules that
 * reach beyond one article: ids ({@link IdAssignment}: articles holding alias keys published under one id compete
 * for it, so they are merged together), related links (an article whose related link names one of the part's
 * alias keys shows that article's link and title, so it is merged again too) and folds (an article one of whose
 * groups the {@link FoldRule} folds with one of the part's, found through the anchor index; one that only shares an
 * anchor keeps its merge, so a part does not spread through common phrases to the rest of the archive). An article none of whose keys was ever
 * published gets a new id, its link's key, which no other article can hold: the link's key is one of its own alias
 * keys, and an id is only ever recorded together with the key it was made from. The rest of the archive keeps its
 * articles and ids, unchanged.
 * {@code MergedArticlesTest} checks all this against a merge from scratch on random sequences of changes.
 *
 * <p>Not thread-safe: one writer at a time (readers take {@link #articles} copies).
 */
public final class MergedArticles {
    private static final long[] NO_ANCHORS = new long[0];
    private final MergeState state;
    private final FoldRule fold;
    private final Parallelism parallelism;
    /** The feed and provenance lists of the articles merged so far, each held once. */
    private final SharedLists lists = new SharedLists(ArticleMerger.SHARED_LISTS);

    /** An empty archive kept in memory, copies folded by {@link FoldRule#DEFAULT}. */
    public MergedArticles() {
        this(MergeState.inMemory(), FoldRule.DEFAULT);
    }

    /** The archive {@code state} holds, copies folded by {@link FoldRule#DEFAULT}. */
    public MergedArticles(MergeState state) {
        this(state, FoldRule.DEFAULT);
    }

    /**
     * The archive {@code state} holds (empty or as a previous writer left it), kept there, copies folded by
     * {@code fold} (the state must have been built under the same rule, or be merged again from scratch).
     */
    public MergedArticles(MergeState state, FoldRule fold) {
        this(state, fold, Parallelism.NONE);
    }

    /**
     * {@link #MergedArticles(MergeState, FoldRule)}, the texts of a large change read on {@code parallelism}'s
     * threads; the same articles whatever it is.
     */
    public MergedArticles(MergeState state, FoldRule fold, Parallelism parallelism) {
        this.state = state;
        this.fold = fold;
        this.parallelism = parallelism;
    }

    /**
     * What a change did: the keys of the articles that went, the articles that are new or changed, how many
     * articles it merged again (the size of its part, after) and the evidence of every fold in that part.
     */
    public record Change(Set<String> removed, List<Article> changed, int remerged, List<Fold> folds) {
        public Change {
            folds = List.copyOf(folds);
        }
    }

    /** Every article, sorted by key. */
    public List<Article> articles() {
        return state.articles();
    }

    /** Every article's key, sorted. */
    public List<String> keys() {
        return state.keys();
    }

    public int size() {
        return state.size();
    }

    /** The article of {@code key}, or null when there is none. */
    public Article article(String key) {
        return state.article(key);
    }

    /**
     * Whether an article holds {@code key}: as its own key (its id's) or as one of its alias keys. A first-seen time
     * or published id recorded under a key none holds belongs to an article that left the archive.
     */
    public boolean holds(String key) {
        return state.article(key) != null || state.ownerOf(key) != null;
    }

    /** The items merged into the article of {@code key}; empty when there is none. */
    public List<Item> members(String key) {
        return state.members(key);
    }

    /**
     * Takes {@code removed} items out (each once; an item not given before is ignored) and {@code added} items in,
     * and merges the part of the archive they affect again, with {@link ArticleMerger#merge}'s rules and arguments.
     */
    public Change apply(Collection<Item> removed, Collection<Item> added, IdRecords published,
                        Function<String, Instant> firstSeen) {
        List<Item> out = ArticleMerger.flatten(List.copyOf(removed));
        List<Item> in = ArticleMerger.flatten(List.copyOf(added));
        if (out.isEmpty() && in.isEmpty()) {
            return new Change(Set.of(), List.of(), 0, List.of());
        }
        Function<String, String> keys = new UrlKeys(4 * (out.size() + in.size()),
                key -> shared(key, published)); // room for a few URLs an item; the part's members may add more
        Set<String> touched = new LinkedHashSet<>();
        for (Item item : out) {
            item.urls().forEach(url -> touched.add(keys.apply(url)));
        }
        for (Item item : in) {
            item.urls().forEach(url -> touched.add(keys.apply(url)));
        }
        Set<String> part = close(touched, published);
        Folding folding = new Folding(fold, keys, parallelism);
        knowAnchors(part, folding, keys);
        List<Item> items = itemsOf(part, out, in);
        List<List<Item>> groups = ArticleMerger.groups(items, keys); // grouped once for each set of items
        if (parallelism.threads() > 1 && items.size() >= Parallelism.MIN_SHARED) {
            folding.readAnchors(groups); // a large change: its texts read at once
        }
        // with folding off no text has anchors, and in an empty state (a start, a first fetch merged at once) no
        // article is outside the part: then the part's groups are not looked up in the anchor index
        AnchorHolders holders = new AnchorHolders(); // the state does not change while the part grows
        Set<String> checked = new HashSet<>(); // the links of the groups whose anchors were looked up
        boolean lookUp = fold.enabled() && !state.isEmpty();
        for (Set<String> more = lookUp ? anchoredOutside(groups, part, folding, keys, holders, checked)
                : Set.of(); !more.isEmpty(); more = anchoredOutside(groups, part, folding, keys, holders, checked)) {
            Set<String> moreKeys = new LinkedHashSet<>();
            more.forEach(key -> moreKeys.addAll(state.article(key).aliasKeys()));
            Set<String> grown = close(moreKeys, published);
            grown.removeAll(part);
            knowAnchors(grown, folding, keys);
            part.addAll(grown);
            items = itemsOf(part, out, in);
            groups = ArticleMerger.groups(items, keys);
        }
        List<Article> merged = ArticleMerger.mergePart(groups, published, firstSeen,
                id -> state.article(id) != null && !part.contains(id), key -> outside(key, part), keys, folding,
                lists);
        return replace(part, merged, items, groups, keys, folding);
    }

    /**
     * Hands {@code folding} the anchors the state keeps for each of {@code articleKeys} whose members are one group:
     * an article's anchors are its groups' ({@link #anchors}), so for one group they are that group's text's. An
     * article merged again with its text unchanged (another source's copy of it joining, as syndication brings) then
     * has its text read once, when it was first merged, not at every change that takes it up again.
     */
    private void knowAnchors(Set<String> articleKeys, Folding folding, Function<String, String> keys) {
        if (!fold.enabled()) {
            return;
        }
        for (String key : articleKeys) {
            List<List<Item>> groups = ArticleMerger.groups(state.members(key), keys);
            if (groups.size() == 1) {
                folding.knowAnchors(groups.get(0), state.anchors(key));
            }
        }
    }

    /**
     * The keys of the articles outside {@code part} one of whose groups the rule folds with one of the part's groups
     * (found through the anchors they share): the ones its items fold with, so they are merged again with it. An
     * article that shares an anchor but folds with none keeps its merge: the articles it folds with are its own
     * members already, so the part does not spread through it to the rest of the archive. An article's members are
     * read only when one of its groups is worth comparing with the group sharing the anchor ({@link FoldStamp}).
     */
    private Set<String> anchoredOutside(List<List<Item>> groups, Set<String> part, Folding folding,
                                        Function<String, String> keys, AnchorHolders known,
                                        Set<String> checked) {
        // the groups sharing an anchor with an article outside the part, and those articles' groups, in order
        List<List<Item>> sharing = new ArrayList<>();
        List<List<List<Item>>> outsideGroups = new ArrayList<>();
        List<String> outsideKeys = new ArrayList<>();
        Map<String, List<List<Item>>> groupsOfOutside = new HashMap<>();
        Map<String, List<FoldStamp>> stamps = new HashMap<>();
        // a group checked in an earlier round is as it was: the articles taken in since are groups of their own
        List<List<Item>> unchecked = groups.stream().filter(g -> checked.add(keys.apply(ArticleLink.of(g)))).toList();
        lookUp(unchecked, folding, known);
        for (List<Item> group : unchecked) {
            Set<String> paired = new HashSet<>();
            for (long anchor : folding.anchors(group)) {
                Set<String> holders = known.get(anchor);
                if (holders.size() > Folding.MAX_SHARED) {
                    continue; // as the merge does: boilerplate, not a piece
                }
                for (String key : holders) {
                    // an article none of whose groups is worth comparing with this one (its stamps say so) is not read
                    if (!part.contains(key) && paired.add(key) && mayCompareAny(group,
                            stamps.computeIfAbsent(key, state::foldStamps), folding)) {
                        sharing.add(group);
                        outsideKeys.add(key);
                        outsideGroups.add(groupsOfOutside.computeIfAbsent(key,
                                k -> ArticleMerger.groups(state.members(k), keys)));
                    }
                }
            }
        }
        // the texts of the pairs worth comparing read at once (the outside articles' texts were let go to the store)
        List<List<Item>> compared = new ArrayList<>();
        for (int i = 0; i < sharing.size(); i++) {
            for (List<Item> other : outsideGroups.get(i)) {
                if (folding.mayCompare(sharing.get(i), other)) {
                    compared.add(sharing.get(i));
                    compared.add(other);
                }
            }
        }
        folding.readFingerprints(compared);
        Set<String> more = new LinkedHashSet<>();
        for (int i = 0; i < sharing.size(); i++) {
            String key = outsideKeys.get(i);
            if (!more.contains(key) && foldsWithAny(outsideGroups.get(i), sharing.get(i), folding)) {
                more.add(key);
            }
        }
        return more;
    }

    /** Adds to {@code known} the holders of the anchors of {@code groups} it lacks, looked up at once. */
    private void lookUp(List<List<Item>> groups, Folding folding, AnchorHolders known) {
        List<long[]> each = new ArrayList<>(groups.size());
        int n = 0;
        for (List<Item> group : groups) {
            long[] of = folding.anchors(group);
            each.add(of);
            n += of.length;
        }
        long[] anchors = new long[n];
        int at = 0;
        for (long[] of : each) {
            System.arraycopy(of, 0, anchors, at, of.length);
            at += of.length;
        }
        state.anchoredBy(anchors, Folding.MAX_SHARED, known);
    }

    /** Whether one of {@code stamps} (an outside article's groups') is worth comparing with {@code group}. */
    private static boolean mayCompareAny(List<Item> group, List<FoldStamp> stamps, Folding folding) {
        for (FoldStamp stamp : stamps) {
            if (folding.mayCompare(group, stamp)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the rule folds one of {@code others} (an outside article's groups) with {@code group}. */
    private static boolean foldsWithAny(List<List<Item>> others, List<Item> group, Folding folding) {
        for (List<Item> other : others) {
            if (folding.folds(group, other)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The published record's string for an alias key it has one for, else the key: an archive read back from the
     * store holds each key once, not once as stored and once as computed again (about a tenth of its strings).
     */
    private static String shared(String aliasKey, IdRecords published) {
        PublishedId record = published.of(aliasKey);
        return record == null ? aliasKey : record.aliasKey();
    }

    /** The article of the rest of the archive (not in {@code part}) that owns {@code aliasKey}, or null. */
    private Article outside(String aliasKey, Set<String> part) {
        Article a = state.ownerOf(aliasKey);
        return a != null && !part.contains(a.key()) ? a : null;
    }

    /**
     * The keys of the articles to merge again for a change touching {@code keys}: their owners, closed under
     * shared published ids and related links.
     */
    private Set<String> close(Set<String> keys, IdRecords published) {
        Set<String> part = new HashSet<>();
        Set<String> seenKeys = new HashSet<>();
        Set<String> seenIds = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>(keys);
        while (!queue.isEmpty()) {
            String key = queue.poll();
            if (!seenKeys.add(key)) {
                continue;
            }
            join(state.ownerOf(key), part, queue);
            for (String referrer : state.referrers(key)) {
                join(state.article(referrer), part, queue);
            }
            if (fold.enabled()) {
                queue.addAll(fold.together().getOrDefault(key, Set.of())); // a pinned pair's owners fold together
            }
            var record = published.of(key);
            if (record != null && seenIds.add(record.idKey())) {
                queue.addAll(published.aliasKeysOf(record.idKey())); // their owners compete for that id
            }
        }
        return part;
    }

    private static void join(Article article, Set<String> part, Deque<String> queue) {
        if (article != null && part.add(article.key())) {
            queue.addAll(article.aliasKeys());
        }
    }

    /** The items of the part's articles, less {@code out} (each once), plus {@code in}. */
    private List<Item> itemsOf(Set<String> part, List<Item> out, List<Item> in) {
        List<Item> items = new ArrayList<>();
        for (String key : part) {
            items.addAll(state.members(key));
        }
        for (Item gone : out) {
            items.remove(gone);
        }
        items.addAll(in);
        return items;
    }

    /**
     * Puts the part's new articles in place of its old ones; what changed, with the evidence of its folds. An article
     * that came out as it was, with the same members, is left in place: its alias keys, references and anchors
     * follow from its members, so nothing of it needs writing again.
     */
    private Change replace(Set<String> part, List<Article> merged, List<Item> items, List<List<Item>> groups,
                           Function<String, String> keys, Folding folding) {
        Map<String, String> owners = new HashMap<>();
        Map<String, List<Item>> members = new HashMap<>();
        Map<String, Article> byKey = new HashMap<>();
        for (Article a : merged) {
            a.aliasKeys().forEach(k -> owners.put(k, a.key()));
            members.put(a.key(), new ArrayList<>());
            byKey.put(a.key(), a);
        }
        for (Item item : items) {
            members.get(owners.get(keys.apply(item.urls().get(0)))).add(item);
        }
        Map<String, List<List<Item>>> groupsOf = new HashMap<>(); // the part's groups, by the article they went to
        for (List<Item> group : groups) {
            groupsOf.computeIfAbsent(owners.get(keys.apply(group.get(0).urls().get(0))), k -> new ArrayList<>())
                    .add(group);
        }
        Map<String, Article> before = new HashMap<>();
        Set<String> kept = new HashSet<>();
        for (String key : part) {
            Article old = state.article(key);
            before.put(key, old);
            List<Item> own = members.get(key);
            if (old != null && old.equals(byKey.get(key)) && own.equals(state.members(key))) {
                kept.add(key);
            } else {
                state.remove(key);
            }
        }
        for (Article a : merged) {
            if (!kept.contains(a.key())) {
                List<Item> own = members.get(a.key());
                long[] anchors = fold.enabled() ? anchors(groupsOf.get(a.key()), folding) : NO_ANCHORS;
                state.put(a, own, relatedKeys(own, keys), anchors);
            }
        }
        Set<String> removed = new HashSet<>(before.keySet());
        List<Article> changed = new ArrayList<>();
        for (Article a : merged) {
            removed.remove(a.key());
            if (!a.equals(before.get(a.key()))) {
                changed.add(a);
            }
        }
        return new Change(Collections.unmodifiableSet(removed), List.copyOf(changed), merged.size(),
                folding.evidence());
    }

    /**
     * The anchors of one article's groups (its members grouped by shared alias keys: the groups of the part that the
     * merge made it of), sorted, distinct.
     */
    private static long[] anchors(List<List<Item>> groups, Folding folding) {
        if (groups.size() == 1) {
            return folding.anchors(groups.get(0)).clone(); // sorted and distinct already (most articles)
        }
        long[][] each = new long[groups.size()][];
        int n = 0;
        for (int i = 0; i < each.length; i++) {
            each[i] = folding.anchors(groups.get(i));
            n += each[i].length;
        }
        long[] all = new long[n];
        int at = 0;
        for (long[] anchors : each) {
            System.arraycopy(anchors, 0, all, at, anchors.length);
            at += anchors.length;
        }
        return Fingerprint.distinct(all, n);
    }

    /** The alias keys that {@code items} name as related links. */
    private static Set<String> relatedKeys(List<Item> items, Function<String, String> keys) {
        Set<String> out = new HashSet<>();
        for (Item item : items) {
            for (Item r : item.related()) {
                out.add(keys.apply(r.preferredUrl()));
            }
        }
        return out;
    }
}
