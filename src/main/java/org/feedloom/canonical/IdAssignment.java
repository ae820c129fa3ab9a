package org.feedloom.canonical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.SortedSet;
import org.feedloom.model.PublishedId;

/**
 * The one rule for entry ids: an article takes the earliest-published id among its alias keys (ties: the smallest id
 * key); only an article none of whose alias keys was ever published gets a new id, derived from the key of its link
 * ({@link ArticleLink}). So an article that gains aliases or mentions keeps its id, and when two published articles
 * turn out to be one, the one published first keeps its id.
 *
 * <p>When several articles claim one id (an article split, say, after a seed was removed), the one holding the alias
 * key recorded first for that id keeps it (ties: the smallest alias key), so each part keeps the id recorded for its
 * own keys; the others try their next id, in the same order, and a part left without one gets a new id. The result
 * depends only on the articles' alias keys and link keys and on the records, never on their order.
 *
 * <p>Pure and thread-safe; inputs are not modified.
 */
final class IdAssignment {
    /** An article to give an id: its alias keys and the key of its link. */
    record Claimant(SortedSet<String> aliasKeys, String linkKey) {}

    private IdAssignment() {}

    /**
     * The id key of each claimant, in the claimants' order; no two equal, and none {@code taken} already (by the
     * articles of the archive that are not being merged again).
     */
    static List<String> assign(List<Claimant> claimants, IdRecords published, Predicate<String> taken) {
        int n = claimants.size();
        List<List<String>> candidates = new ArrayList<>(n);
        for (Claimant c : claimants) {
            candidates.add(candidates(c, published));
        }
        String[] ids = new String[n];
        Set<String> given = new HashSet<>();
        Predicate<String> used = id -> given.contains(id) || taken.test(id);
        int[] next = new int[n];
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!candidates.get(i).isEmpty()) {
                active.add(i);
            }
        }
        while (!active.isEmpty()) {
            Map<String, List<Integer>> proposals = new LinkedHashMap<>();
            for (int i : active) {
                proposals.computeIfAbsent(candidates.get(i).get(next[i]), k -> new ArrayList<>()).add(i);
            }
            List<Integer> losers = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> p : proposals.entrySet()) {
                String id = p.getKey();
                Integer winner = used.test(id) ? null : p.getValue().stream()
                        .min(Comparator.comparing(i -> strongestClaim(claimants.get(i), id, published))).orElseThrow();
                if (winner != null) {
                    ids[winner] = id;
                    given.add(id);
                }
                p.getValue().stream().filter(i -> !i.equals(winner)).forEach(losers::add);
            }
            active = new ArrayList<>();
            for (int i : losers) {
                if (++next[i] < candidates.get(i).size()) {
                    active.add(i);
                }
            }
        }
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (ids[i] == null) {
                fresh.add(i);
            }
        }
        String[] firstAliasKey = new String[n]; // TreeSet.first() walks the tree: once each, not per comparison
        for (int i : fresh) {
            firstAliasKey[i] = claimants.get(i).aliasKeys().first();
        }
        fresh.sort((a, b) -> {
            int byLink = claimants.get(a).linkKey().compareTo(claimants.get(b).linkKey());
            return byLink != 0 ? byLink : firstAliasKey[a].compareTo(firstAliasKey[b]);
        });
        for (int i : fresh) {
            String id = claimants.get(i).linkKey();
            for (int suffix = 2; used.test(id); suffix++) {
                id = claimants.get(i).linkKey() + "#" + suffix; // only when a split left two parts one link key
            }
            ids[i] = id;
            given.add(id);
        }
        return List.of(ids);
    }

    /** The distinct ids recorded for a claimant's alias keys, earliest published first, then by id key. */
    private static List<String> candidates(Claimant c, IdRecords published) {
        Map<String, Instant> ids = new HashMap<>();
        for (String aliasKey : c.aliasKeys()) {
            PublishedId record = published.of(aliasKey);
            if (record != null) {
                ids.put(record.idKey(), published.firstPublished(record.idKey())); // set with every record
            }
        }
        List<String> sorted = new ArrayList<>(ids.keySet());
        sorted.sort(Comparator.comparing((String id) -> ids.get(id)).thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    /** A claimant's best claim on {@code id}: its alias key recorded first under it (then the smallest key). */
    private static Claim strongestClaim(Claimant c, String id, IdRecords published) {
        Claim best = null;
        for (String aliasKey : c.aliasKeys()) {
            PublishedId record = published.of(aliasKey);
            if (record != null && record.idKey().equals(id)) {
                Claim claim = new Claim(record.publishedAt(), aliasKey);
                best = best == null || claim.compareTo(best) < 0 ? claim : best;
            }
        }
        return best;
    }

    private record Claim(Instant at, String aliasKey) implements Comparable<Claim> {
        @Override
        public int compareTo(Claim o) {
            int byTime = at.compareTo(o.at);
            return byTime != 0 ? byTime : aliasKey.compareTo(o.aliasKey);
        }
    }
}
