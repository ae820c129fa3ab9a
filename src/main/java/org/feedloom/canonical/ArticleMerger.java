package org.feedloom.canonical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Image;
import org.feedloom.model.Item;
import org.feedloom.model.Link;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.SharedLists;

/**
 * Dedupes items into articles: items that share any alias key (see {@link CanonicalUrl}) are one article,
 * transitively, and related mentions inside seeds take part as items of their own.
 *
 * <p>Merging: topics, categories, images, related links and provenance are unioned; the earliest published
 * and the latest updated (a mention's update, else its publication) win; the longest non-empty excerpt and content
 * win; title, provider and author come from the strongest mention (a seed's own record over a related mention over
 * a live item); the link shown to readers follows {@link ArticleLink}, the entry id {@link IdAssignment}. The result
 * does not depend on the order of the input or of an item's URLs.
 *
 * <p>Pure and thread-safe; the input is not modified.
 */
public final class ArticleMerger {
    /**
     * Strongest first; {@code keys} is the merge's memo of {@link CanonicalUrl#keyOf}. Two items of one source under
     * one link (a feed listing a story again under another id, a seed document listing it twice) are ordered by
     * their dates, newest first, then by their link and title as written, not by the order they came in: an
     * incremental merge meets them in the order they arrived, a merge from scratch in the order they are stored.
     */
    private static Comparator<Item> strength(Function<String, String> keys) {
        Comparator<Instant> newestFirst = Comparator.nullsLast(Comparator.reverseOrder());
        return Comparator.comparing(Item::origin).thenComparing(Item::provenance)
                .thenComparing(item -> keys.apply(item.preferredUrl()))
                .thenComparing(Item::published, newestFirst).thenComparing(Item::updated, newestFirst)
                .thenComparing(Item::preferredUrl).thenComparing(Item::title);
    }

    /**
     * The most distinct feed and provenance lists a merge shares out: one of each for every source, and one for
     * every set of sources that an article has items of.
     */
    static final int SHARED_LISTS = 1 << 16;

    private ArticleMerger() {}

    /**
     * How many of {@code now}'s items are new beside {@code before}'s: their link (preferred URL) has a canonical
     * key that no link of {@code before} has, so a tracking variant of a known link is not new. What a fetch reports
     * as its new items. Pure; the lists are not modified.
     */
    public static int countNew(List<Item> before, List<Item> now) {
        Set<String> known = new HashSet<>();
        before.forEach(item -> known.add(CanonicalUrl.keyOf(item.preferredUrl())));
        return countNew(known, now);
    }

    /** How many of {@code now} are new beside the items whose canonical keys are {@code known}. */
    public static int countNew(Set<String> known, List<Item> now) {
        int fresh = 0;
        for (Item item : now) {
            if (!known.contains(CanonicalUrl.keyOf(item.preferredUrl()))) {
                fresh++;
            }
        }
        return fresh;
    }

    /** {@link #merge(List, IdRecords, Function)} on a store that never published anything. */
    public static List<Article> merge(List<Item> items, Function<String, Instant> firstSeen) {
        return merge(items, new PublishedIds(), firstSeen);
    }

    /**
     * @param items     seed, related and live items; related mentions may be nested in their seed's item
     * @param published the ids published so far: each article's id follows {@link IdAssignment}'s rule over them
     *                  (not modified here; the caller records the new ones once it publishes)
     * @param firstSeen the time an article (by id key) was first seen: its publication time when no mention dates it
     * @return the articles, sorted by key (the key their entry id is derived from)
     */
    public static List<Article> merge(List<Item> items, IdRecords published, Function<String, Instant> firstSeen) {
        return merge(items, published, firstSeen, FoldRule.DEFAULT);
    }

    /** {@link #merge(List, IdRecords, Function)}, syndicated copies folded by {@code fold}. */
    public static List<Article> merge(List<Item> items, IdRecords published, Function<String, Instant> firstSeen,
                                      FoldRule fold) {
        return merge(items, published, firstSeen, fold, Parallelism.NONE);
    }

    /**
     * {@link #merge(List, IdRecords, Function, FoldRule)}, the texts of many items read on {@code parallelism}'s
     * threads; the same articles whatever it is.
     */
    public static List<Article> merge(List<Item> items, IdRecords published, Function<String, Instant> firstSeen,
                                      FoldRule fold, Parallelism parallelism) {
        Function<String, String> keys = new UrlKeys(items.size() * 3); // room for a few URLs an item
        return mergePart(groups(flatten(items), keys), published, firstSeen, id -> false, key -> null, keys,
                new Folding(fold, keys, parallelism), new SharedLists(SHARED_LISTS));
    }

    /** The items with their related mentions, each mention an item of its own, in order. */
    static List<Item> flatten(List<Item> items) {
        List<Item> flat = new ArrayList<>();
        for (Item item : items) {
            flatten(item, flat);
        }
        return flat;
    }

    /**
     * {@link #merge} of a part of the archive, the rest of which stays as it is ({@link MergedArticles}): the ids
     * {@code taken} by the rest are not given again, and a related link that names an article of the rest points
     * at {@code outside}'s article for that alias key.
     *
     * @param unfolded the part's items, flattened ({@link #flatten}) and grouped ({@link #groups}); a caller that
     *                 has grouped them already does not group them again
     * @param keys     {@link CanonicalUrl#keyOf}, remembered: every URL's key is needed several times (grouping,
     *                 ordering, alias keys, ids)
     * @param lists    the feed and provenance lists handed out before, so that the articles of one source share
     *                 one of each
     */
    static List<Article> mergePart(List<List<Item>> unfolded, IdRecords published,
                                   Function<String, Instant> firstSeen, java.util.function.Predicate<String> taken,
                                   Function<String, Article> outside, Function<String, String> keys,
                                   Folding folding, SharedLists lists) {
        List<List<List<Item>>> folds = folding.fold(unfolded);
        List<List<Item>> groups = new ArrayList<>(folds.size());
        List<TreeSet<String>> aliasKeys = new ArrayList<>(groups.size());
        List<String> links = new ArrayList<>(groups.size());
        List<IdAssignment.Claimant> claimants = new ArrayList<>(groups.size());
        for (List<List<Item>> fold : folds) {
            List<Item> group = new ArrayList<>();
            fold.forEach(group::addAll); // the original's items first, then each copy's
            TreeSet<String> groupKeys = aliasKeys(group, keys);
            String link = ArticleLink.of(fold.get(0));
            groups.add(group);
            aliasKeys.add(groupKeys);
            links.add(link);
            claimants.add(new IdAssignment.Claimant(groupKeys, keys.apply(link)));
        }
        List<String> ids = IdAssignment.assign(claimants, published, taken);
        Map<String, Article> byAliasKey = new HashMap<>();
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            Article article = mergeGroup(groups.get(i), ids.get(i), links.get(i), aliasKeys.get(i), firstSeen,
                    keys, lists);
            articles.add(article);
            article.aliasKeys().forEach(k -> byAliasKey.put(k, article));
        }
        List<Article> resolved = new ArrayList<>(articles.size());
        for (int i = 0; i < articles.size(); i++) {
            resolved.add(finish(articles.get(i), folds.get(i), key -> {
                Article inPart = byAliasKey.get(key);
                return inPart != null ? inPart : outside.apply(key);
            }, keys));
        }
        resolved.sort(Comparator.comparing(Article::key));
        return resolved;
    }

    /**
     * The article of one {@code fold} (the original's group, then each copy's, each strongest first) under the id
     * {@code key}, as {@link #mergePart} makes it before its related links are resolved ({@link #finish}): for
     * {@link MergedArticles#restore}, which knows every article's id and groups.
     */
    static Article mergeFold(List<List<Item>> fold, String key, Function<String, Instant> firstSeen,
                             Function<String, String> keys, SharedLists lists) {
        List<Item> group = new ArrayList<>();
        fold.forEach(group::addAll);
        return mergeGroup(group, key, ArticleLink.of(fold.get(0)), aliasKeys(group, keys), firstSeen, keys, lists);
    }

    /**
     * A merged {@code article} of {@code fold} finished: its related links pointed at the articles {@code byAliasKey}
     * gives for them, and a link to each copy it folded.
     */
    static Article finish(Article article, List<List<Item>> fold, Function<String, Article> byAliasKey,
                          Function<String, String> keys) {
        Article resolved = resolveRelated(article, byAliasKey, keys);
        return fold.size() == 1 ? resolved : withCopies(resolved, fold.subList(1, fold.size()));
    }

    /** The items grouped by shared alias keys, each group sorted strongest first. */
    static List<List<Item>> groups(List<Item> flat, Function<String, String> keys) {
        Comparator<Item> strength = strength(keys);
        List<List<Item>> groups;
        if (sharesAUrlWithTheFirst(flat)) { // one group, found without a key: an article's members, most often
            groups = new ArrayList<>(1);
            groups.add(new ArrayList<>(flat));
        } else {
            groups = new ArrayList<>(group(flat, keys).values());
        }
        groups.forEach(g -> g.sort(strength));
        return groups;
    }

    /**
     * Whether every item has a URL equal, as a string, to one of the first item's: then they are one group (equal
     * URLs have one key, and the first item's keys are one group's), which {@link #group} would find looking up the
     * keys of every URL. Copies of one item from several feeds are so; an article's members mostly are. False as soon
     * as an item shares none (the grouping then finds what it is); false for no items.
     */
    private static boolean sharesAUrlWithTheFirst(List<Item> flat) {
        if (flat.isEmpty()) {
            return false;
        }
        List<String> first = flat.get(0).urls();
        for (int i = 1; i < flat.size(); i++) {
            if (!sharesAUrl(flat.get(i).urls(), first)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sharesAUrl(List<String> urls, List<String> first) {
        for (String url : urls) {
            for (String f : first) {
                if (url.equals(f)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A folded article with a related link to each copy of it: the copy's link, titled "Also published at" and the
     * copy's provider (its host when it names none).
     */
    private static Article withCopies(Article article, List<List<Item>> copies) {
        List<Link> related = new ArrayList<>(article.related());
        for (List<Item> copy : copies) {
            related.add(new Link(ArticleLink.of(copy), "Also published at " + Folding.providerName(copy)));
        }
        return article.withRelated(related);
    }

    private static TreeSet<String> aliasKeys(List<Item> group, Function<String, String> keys) {
        TreeSet<String> aliasKeys = new TreeSet<>();
        for (Item item : group) {
            item.urls().forEach(url -> aliasKeys.add(keys.apply(url)));
        }
        return aliasKeys;
    }

    private static void flatten(Item item, List<Item> out) {
        out.add(item);
        for (Item related : item.related()) {
            flatten(related, out);
        }
    }

    /** Union-find over alias keys; returns the groups keyed by a representative key. */
    private static Map<String, List<Item>> group(List<Item> flat, Function<String, String> keys) {
        Map<String, String> parent = new HashMap<>(flat.size() * 4); // room for a few keys an item without growing
        String[] firstKeys = new String[flat.size()];
        for (int i = 0; i < firstKeys.length; i++) {
            String first = null;
            for (String url : flat.get(i).urls()) {
                String key = keys.apply(url);
                parent.putIfAbsent(key, key);
                if (first == null) {
                    first = key;
                } else {
                    union(parent, first, key);
                }
            }
            firstKeys[i] = first;
        }
        Map<String, List<Item>> groups = new HashMap<>(); // the articles are sorted by key at the end
        for (int i = 0; i < firstKeys.length; i++) {
            groups.computeIfAbsent(find(parent, firstKeys[i]), k -> new ArrayList<>()).add(flat.get(i));
        }
        return groups;
    }

    private static String find(Map<String, String> parent, String key) {
        String root = key;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        while (!key.equals(root)) {
            String next = parent.get(key);
            parent.put(key, root);
            key = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            // the smaller key becomes the root so that the grouping does not depend on input order
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }

    /**
     * {@code group} is sorted strongest first; {@code key} is its id key, {@code link} its {@link ArticleLink},
     * {@code aliasKeys} its sorted alias keys.
     */
    private static Article mergeGroup(List<Item> group, String key, String link, TreeSet<String> aliasKeys,
                                      Function<String, Instant> firstSeen, Function<String, String> keys,
                                      SharedLists lists) {
        Item best = group.get(0);
        LinkedHashSet<String> aliases = new LinkedHashSet<>();
        LinkedHashMap<String, String> topics = new LinkedHashMap<>();
        LinkedHashSet<String> categories = new LinkedHashSet<>();
        LinkedHashMap<String, Image> images = new LinkedHashMap<>();
        LinkedHashMap<String, Link> related = new LinkedHashMap<>();
        LinkedHashSet<FeedRef> feeds = new LinkedHashSet<>();
        TreeSet<String> provenance = new TreeSet<>();
        Instant published = null;
        Instant updated = null;
        for (Item item : group) {
            aliases.addAll(item.urls());
            item.topics().forEach(t -> topics.putIfAbsent(t.toLowerCase(Locale.ROOT), t));
            categories.addAll(item.categories());
            item.images().forEach(img -> images.putIfAbsent(img.url(), img));
            for (Item r : item.related()) {
                related.putIfAbsent(keys.apply(r.preferredUrl()), new Link(r.preferredUrl(), r.title()));
            }
            if (item.feed() != null) {
                feeds.add(item.feed());
            }
            provenance.add(item.provenance());
            published = earliest(published, item.published());
            updated = latest(updated, item.updated() != null ? item.updated() : item.published());
        }
        aliasKeys.forEach(related::remove);
        published = published == null ? firstSeen.apply(key) : published;
        updated = latest(published, updated);
        Item only = group.size() == 1 ? best : null;
        return new Article(key, link, List.copyOf(aliasKeys), listOf(aliases, only, Item::urls),
                firstNonEmpty(group, Item::title), longest(group, Item::excerptBody), longest(group, Item::body),
                published, updated, firstNonNull(group, Item::provider), listOf(topics.values(), only, Item::topics),
                listOf(categories, only, Item::categories), List.copyOf(images.values()), List.copyOf(related.values()),
                firstNonNull(group, Item::author), lists.of(List.copyOf(feeds)), lists.of(List.copyOf(provenance)),
                best.origin(),
                seedFacts(group));
    }

    /**
     * {@code merged} as a list; for a group of one item, that item's own list when {@code merged} was made from it
     * alone and dropped nothing (the same elements in the same order), so that an article of one item, as most are,
     * holds its item's immutable list instead of an equal copy.
     */
    private static <T> List<T> listOf(Collection<T> merged, Item only, Function<Item, List<T>> own) {
        List<T> itemsOwn = only == null ? null : own.apply(only);
        return itemsOwn != null && itemsOwn.size() == merged.size() ? itemsOwn : List.copyOf(merged);
    }

    /** Points related links at the article they name, with its preferred URL and title. */
    private static Article resolveRelated(Article article, Function<String, Article> byAliasKey,
                                          Function<String, String> keys) {
        if (article.related().isEmpty()) {
            return article;
        }
        LinkedHashMap<String, Link> links = new LinkedHashMap<>();
        for (Link link : article.related()) {
            Article target = byAliasKey.apply(keys.apply(link.url()));
            if (target == null) {
                links.putIfAbsent(keys.apply(link.url()), link);
            } else if (!target.key().equals(article.key())) {
                links.putIfAbsent(target.key(), new Link(target.url(), target.title()));
            }
        }
        return article.withRelated(List.copyOf(links.values()));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static String firstNonEmpty(List<Item> group, java.util.function.Function<Item, String> field) {
        for (Item item : group) {
            String value = field.apply(item);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    private static <T> T firstNonNull(List<Item> group, java.util.function.Function<Item, T> field) {
        for (Item item : group) {
            T value = field.apply(item);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The facts of the group's first seed item (null when it has none, or there is no seed item). */
    private static SeedFacts seedFacts(List<Item> group) {
        for (Item item : group) {
            if (item.origin() == Origin.SEED) {
                return item.facts();
            }
        }
        return null;
    }

    /**
     * The longest of a group's items' excerpts or bodies ({@code part}; the first of that length), or null: its length
     * is read, not its text.
     */
    static Body longest(List<Item> group, java.util.function.Function<Item, Body> part) {
        Body longest = null;
        for (Item item : group) {
            Body body = part.apply(item);
            if (body != null && (longest == null || body.length() > longest.length())) {
                longest = body;
            }
        }
        return longest;
    }
}
