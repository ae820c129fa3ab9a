package org.feedloom.canonical;

import java.util.List;
import java.util.Objects;
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
     * A fingerprint of {@code flat} (flattened items, in order): every field of every item, its texts by their hashes,
     * mixed into 64 bits that do not change from one run to the next (the items' own hash codes do, through their
     * origin, an enum).
     */
    public static long fingerprint(List<Item> flat) {
        long h = flat.size();
        for (Item item : flat) {
            h = Fingerprint.mix(h * 31 + of(item));
        }
        return h;
    }

    private static long of(Item i) {
        long h = Fingerprint.mix(i.origin().ordinal() + 1L);
        h = Fingerprint.mix(h ^ Objects.hash(i.provenance(), i.urls(), i.title(), i.excerptBody(), i.body(),
                i.published(), i.updated(), i.provider(), i.topics(), i.categories(), i.images(), i.author(), i.feed(),
                i.facts(), i.webUrl(), i.originalUrl()));
        for (Item related : i.related()) {
            h = Fingerprint.mix(h * 31 + of(related));
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
}
