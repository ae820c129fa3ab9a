package org.feedloom.canonical;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.feedloom.model.Article;
import org.feedloom.model.Checks;
import org.feedloom.model.Item;

/**
 * What {@link MergedArticles} holds, written down so that a restart can hold it again without merging
 * ({@link MergedArticles#restore}): for every article its key (the id it was given, where it is not its link's key)
 * and its members, as positions
 * among the items it merged, flattened ({@code items} of them), in the order the merge folded its groups: the
 * original's members first, then each copy's ({@code copiesFrom}: where each copy's members start; empty for an
 * article of one group, as most are). Each group's members are in the order the merge takes them, strongest first.
 *
 * @param items       how many flattened items the positions count
 * @param fingerprint of those items, in order ({@link #fingerprint}): a restore given other items refuses
 * @param articles    every article, sorted by key
 */
public record MergeCheckpoint(int items, long fingerprint, List<Entry> articles) {
    public MergeCheckpoint {
        Checks.argument(items >= 0, "items must not be negative");
        articles = List.copyOf(articles);
    }

    /**
     * What {@code state} holds (see {@link MergedArticles#checkpoint}): every article's key and its members as
     * positions among {@code merged} flattened, in the order the merge folded its groups.
     *
     * @throws IllegalArgumentException when a member is not among {@code merged}
     */
    static MergeCheckpoint of(MergeState state, List<Item> merged) {
        List<Item> flat = ArticleMerger.flatten(merged);
        Positions positions = new Positions(flat);
        Function<String, String> keys = new UrlKeys(1024); // for the articles of several items: a few
        List<Entry> entries = new ArrayList<>(state.size());
        for (String key : state.keys()) {
            // made at a server's stop, with its heap at its working size: an article of one item (most) costs little
            List<Item> own = state.members(key);
            List<List<Item>> fold = own.size() == 1 ? List.of(own)
                    : foldOf(state.article(key), ArticleMerger.groups(own, keys));
            int[] members = new int[fold.stream().mapToInt(List::size).sum()];
            int[] copiesFrom = new int[fold.size() - 1];
            int at = 0;
            for (int g = 0; g < fold.size(); g++) {
                if (g > 0) {
                    copiesFrom[g - 1] = at;
                }
                for (Item item : fold.get(g)) {
                    int position = positions.take(item);
                    Checks.argument(position >= 0, "a member of " + key + " not among the items");
                    members[at++] = position;
                }
            }
            // most articles' id is their link's key: then the restore finds it there, and the checkpoint omits it
            boolean natural = key.equals(CanonicalUrl.keyOf(ArticleLink.of(fold.get(0))));
            entries.add(new Entry(natural ? null : key, members, copiesFrom));
        }
        return new MergeCheckpoint(flat.size(), fingerprint(flat), entries);
    }

    /**
     * A fingerprint of {@code flat} (flattened items, in order): every field of every item, its texts by their hashes,
     * mixed into 64 bits that do not change from one run to the next (the items' own hash codes do, through their
     * origin, an enum).
     */
    public static long fingerprint(List<Item> flat) {
        long h = flat.size();
        for (Item item : flat) {
            h = Fingerprint.mix(h * 31 + fingerprintOf(item));
        }
        return h;
    }

    private static long fingerprintOf(Item i) {
        long h = Fingerprint.mix(i.origin().ordinal() + 1L);
        h = Fingerprint.mix(h ^ Objects.hash(i.provenance(), i.urls(), i.title(), i.excerptBody(), i.body(),
                i.published(), i.updated(), i.provider(), i.topics(), i.categories(), i.images(), i.author(), i.feed(),
                i.facts(), i.webUrl(), i.originalUrl()));
        for (Item related : i.related()) {
            h = Fingerprint.mix(h * 31 + fingerprintOf(related));
        }
        return h;
    }

    /**
     * One article: its key (null when it is its link's key, as for most articles: the restore finds it there), its
     * members' positions, where its copies' members start (see the record).
     */
    public record Entry(String key, int[] members, int[] copiesFrom) {
        private static final int[] NONE = new int[0];

        public Entry {
            Checks.argument(members.length > 0, "an article has members: " + key);
            members = members.clone();
            copiesFrom = copiesFrom.length == 0 ? NONE : copiesFrom.clone(); // most articles are of one group
        }

        /** The groups of this article, the original's first, each of the items of {@code flat} at its positions. */
        List<List<Item>> groupsOf(List<Item> flat) {
            int[][] groups = groups();
            List<List<Item>> fold = new ArrayList<>(groups.length);
            for (int[] group : groups) {
                List<Item> items = new ArrayList<>(group.length);
                for (int at : group) {
                    items.add(flat.get(at)); // positions checked by the restore
                }
                fold.add(items);
            }
            return fold;
        }

        /** The positions of the members of each group, the original's first. */
        int[][] groups() {
            int[][] groups = new int[copiesFrom.length + 1][];
            int from = 0;
            for (int g = 0; g < groups.length; g++) {
                int to = g < copiesFrom.length ? copiesFrom[g] : members.length;
                groups[g] = java.util.Arrays.copyOfRange(members, from, to);
                from = to;
            }
            return groups;
        }
    }


    /**
     * Where each item is among a list of items, each position given once ({@link #take}): by the item object itself,
     * as the state holds the very items it was given (no item's fields are hashed, a million items at a server's stop),
     * and by equality for an item the list holds as an equal copy (built the first time one is asked for).
     */
    private static final class Positions {
        private final List<Item> items;
        private final Map<Item, Integer> byIdentity;
        private final boolean[] taken;
        private Map<Item, Deque<Integer>> byEquality;

        Positions(List<Item> items) {
            this.items = items;
            this.byIdentity = new java.util.IdentityHashMap<>(items.size());
            this.taken = new boolean[items.size()];
            for (int i = items.size() - 1; i >= 0; i--) {
                byIdentity.put(items.get(i), i); // an object listed twice: its first position
            }
        }

        /** A position of {@code item} not taken yet, now taken; -1 when there is none. */
        int take(Item item) {
            Integer at = byIdentity.get(item);
            if (at != null && !taken[at]) {
                taken[at] = true;
                return at;
            }
            if (byEquality == null) {
                byEquality = new HashMap<>();
                for (int i = 0; i < items.size(); i++) {
                    byEquality.computeIfAbsent(items.get(i), k -> new ArrayDeque<>(1)).add(i);
                }
            }
            Deque<Integer> free = byEquality.get(item);
            while (free != null && !free.isEmpty()) {
                int next = free.poll();
                if (!taken[next]) {
                    taken[next] = true;
                    return next;
                }
            }
            return -1;
        }
    }

    /**
     * The groups of {@code article} in the order its merge folded them: the original's (whose link is the article's)
     * first, then each copy's, in the order the article lists its copies (the last of its related links).
     */
    private static List<List<Item>> foldOf(Article article, List<List<Item>> groups) {
        if (groups.size() == 1) {
            return groups;
        }
        List<String> links = new ArrayList<>();
        links.add(article.url());
        List<org.feedloom.model.Link> related = article.related();
        related.subList(related.size() - (groups.size() - 1), related.size()).forEach(l -> links.add(l.url()));
        List<List<Item>> fold = new ArrayList<>(groups.size());
        for (String link : links) {
            List<List<Item>> withLink = groups.stream().filter(g -> ArticleLink.of(g).equals(link)).toList();
            Checks.argument(withLink.size() == 1, "the groups of " + article.key() + " not in a fold's order");
            fold.add(withLink.get(0));
        }
        return fold;
    }
}
