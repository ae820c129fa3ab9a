package org.feedloom.canonical;

import java.util.List;
import org.feedloom.model.Checks;

/**
 * What {@link MergedArticles} holds, written down so that a restart can hold it again without merging
 * ({@link MergedArticles#restore}): for every article its key (the id it was given) and its members, as positions
 * among the items it merged, flattened ({@code items} of them), in the order the merge folded its groups: the
 * original's members first, then each copy's ({@code copiesFrom}: where each copy's members start; empty for an
 * article of one group, as most are). Each group's members are in the order the merge takes them, strongest first.
 *
 * @param items    how many flattened items the positions count: a restore given another number refuses
 * @param articles every article, sorted by key
 */
public record MergeCheckpoint(int items, List<Entry> articles) {
    public MergeCheckpoint {
        Checks.argument(items >= 0, "items must not be negative");
        articles = List.copyOf(articles);
    }

    /** One article: its key, its members' positions, where its copies' members start (see the record). */
    public record Entry(String key, int[] members, int[] copiesFrom) {
        public Entry {
            Checks.notNull(key, "key");
            Checks.argument(members.length > 0, "an article has members: " + key);
            members = members.clone();
            copiesFrom = copiesFrom.clone();
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
