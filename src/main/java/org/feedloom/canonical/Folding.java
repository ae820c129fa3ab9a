package org.feedloom.canonical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.feedloom.model.Body;
import org.feedloom.model.Fold;
import org.feedloom.model.Item;
import org.feedloom.model.Provider;

/**
 * Folds the groups of one merge (items that share an alias key) that are one piece republished: two groups whose
 * texts share an anchor ({@link Fingerprint#anchors}) are compared, and {@link FoldRule#judge} says whether they
 * are one piece; folds are closed transitively. An anchor shared by more than {@value #MAX_SHARED} groups finds
 * nothing. A group's text is its longest excerpt and longest content. In each
 * fold the original comes first: the group another group's credit line links to ("originally published at"), else
 * the earliest published, then the one whose link has the smallest key. The result depends on the groups, not on
 * their order. Fingerprints are remembered for the life of the instance (one change); not thread-safe.
 */
final class Folding {
    /**
     * The most groups (or, in the index, articles) an anchor may be shared by and still find candidates: a run of words
     * in more texts than that is boilerplate the rules do not know (a template line, a feed's footer), not a piece.
     */
    static final int MAX_SHARED = 50;
    private final FoldRule rule;
    private final Function<String, String> keys;
    private final Map<Text, Fingerprint> fingerprints = new HashMap<>();
    private final Map<Text, long[]> anchors = new HashMap<>();

    /**
     * A group's text, its longest excerpt and body, compared by identity: the groups of one merge hold the same
     * objects, and hashing a whole body to look it up would read all of it where its anchors read its start (and a
     * body the store keeps would be read from there).
     */
    private record Text(Body excerpt, Body body) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Text t && t.excerpt == excerpt && t.body == body;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(excerpt) + System.identityHashCode(body);
        }
    }
    private final List<Fold> evidence = new ArrayList<>();

    private final Parallelism parallelism;

    Folding(FoldRule rule, Function<String, String> keys) {
        this(rule, keys, Parallelism.NONE);
    }

    /** Folding by {@code rule}, the anchors of many groups read on {@code parallelism}'s threads. */
    Folding(FoldRule rule, Function<String, String> keys, Parallelism parallelism) {
        this.rule = rule;
        this.keys = keys;
        this.parallelism = parallelism;
    }

    /**
     * Reads the anchors of those of {@code groups} not read yet, on {@link #parallelism}'s threads, so that
     * {@link #anchors} finds them: what {@link #anchors} would read, group by group, read at once.
     */
    void readAnchors(List<List<Item>> groups) {
        if (!rule.enabled()) {
            return;
        }
        readEach(groups, anchors, this::anchorsOf);
    }

    /**
     * Reads the fingerprints of those of {@code groups} not read yet, on {@link #parallelism}'s threads, so that
     * {@link #folds} finds them: what it would read, pair by pair, read at once.
     */
    void readFingerprints(List<List<Item>> groups) {
        readEach(groups, fingerprints, Folding::fingerprintOf);
    }

    /**
     * Computes {@code read} of the text of each of {@code groups} that {@code into} has no value for yet, on
     * {@link #parallelism}'s threads, and puts it there; each thread reads its texts from the store
     * {@link #HELD_TEXTS} at a time when they were let go. The anchors of every group and the fingerprints of the
     * groups to compare are read this way.
     */
    private <T> void readEach(List<List<Item>> groups, Map<Text, T> into, Function<Text, T> read) {
        List<Text> unread = new ArrayList<>();
        Set<Text> seen = new HashSet<>();
        for (List<Item> group : groups) {
            Text t = text(group);
            if (!into.containsKey(t) && seen.add(t)) {
                unread.add(t);
            }
        }
        Object[] values = new Object[unread.size()];
        parallelism.forEachShare(values.length, (share, end) -> Body.<Text, RuntimeException>inRuns(
                unread.subList(share, end), HELD_TEXTS, Folding::bodies, (from, run) -> {
                    for (int i = 0; i < run.size(); i++) {
                        values[share + from + i] = read.apply(run.get(i));
                    }
                }));
        for (int i = 0; i < values.length; i++) {
            @SuppressWarnings("unchecked") // each value is what read gave
            T value = (T) values[i];
            into.put(unread.get(i), value);
        }
    }

    /**
     * How many texts each thread of {@link #readEach} reads from the store at once when they were let go (a
     * restart's items are): one read each would take about three times as long, all at once would hold the whole
     * archive's text.
     */
    static final int HELD_TEXTS = 512;

    private static List<Body> bodies(List<Text> texts) {
        List<Body> bodies = new ArrayList<>(2 * texts.size());
        texts.forEach(t -> {
            bodies.add(t.excerpt());
            bodies.add(t.body());
        });
        return bodies;
    }

    /**
     * Takes {@code known} as the anchors of {@code group}'s text without reading it: what {@link #anchors} gave for
     * that text under this rule before (a merge state keeps each article's). A group whose text is those same string
     * objects then finds them; any other text is read as before.
     */
    void knowAnchors(List<Item> group, long[] known) {
        if (rule.enabled()) {
            anchors.putIfAbsent(text(group), known);
        }
    }

    /** The anchors of a group's text (empty when folding is off or the text is too short to fold). */
    long[] anchors(List<Item> group) {
        if (!rule.enabled()) {
            return new long[0];
        }
        return anchors.computeIfAbsent(text(group), this::anchorsOf);
    }

    /** Whether the rule folds the two groups' texts (pins aside): an edge {@link #fold} would consider. */
    boolean folds(List<Item> a, List<Item> b) {
        return mayCompare(a, b) && rule.judgeTexts(candidate(a), candidate(b)) != null;
    }

    /** {@link FoldRule#mayCompare} of two groups: whether their texts are worth fingerprinting and comparing. */
    boolean mayCompare(List<Item> a, List<Item> b) {
        return rule.mayCompare(ArticleLink.of(a), publishedOrMin(a), ArticleLink.of(b), publishedOrMin(b));
    }

    /** {@link #mayCompare(List, List)} of a group and the group {@code b} is the stamp of. */
    boolean mayCompare(List<Item> a, FoldStamp b) {
        return rule.mayCompare(ArticleLink.of(a), publishedOrMin(a), b.link(),
                b.published() == null ? Instant.MIN : b.published());
    }

    private static Instant publishedOrMin(List<Item> group) {
        Instant published = published(group);
        return published == null ? Instant.MIN : published;
    }

    /**
     * The groups, folded: each element is a fold's groups, the original first; a group that folds with none is a
     * fold of its own. Each group is sorted strongest first already.
     */
    List<List<List<Item>>> fold(List<List<Item>> groups) {
        if (!rule.enabled() || groups.size() < 2) {
            return groups.stream().map(List::of).toList();
        }
        readAnchors(groups);
        long[][] anchorsOf = new long[groups.size()][];
        for (int i = 0; i < groups.size(); i++) {
            anchorsOf[i] = anchors(groups.get(i));
        }
        int[] parent = new int[groups.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        List<int[]> pairs = comparedPairs(groups, anchorsOf);
        List<List<Item>> compared = new ArrayList<>(2 * pairs.size());
        pairs.forEach(p -> {
            compared.add(groups.get(p[0]));
            compared.add(groups.get(p[1]));
        });
        readFingerprints(compared);
        List<Edge> edges = new ArrayList<>();
        for (int[] p : pairs) {
            List<Item> a = groups.get(p[0]);
            List<Item> b = groups.get(p[1]);
            FoldRule.Evidence e = rule.judgeTexts(candidate(a), candidate(b));
            if (e != null) {
                edges.add(new Edge(p[0], p[1], e.containment(), link(a), link(b)));
            }
        }
        // the alias keys of each group (of each fold, as they join) are read by the pins only
        boolean pins = !rule.apart().isEmpty() || !rule.together().isEmpty();
        List<Set<String>> keysOf = new ArrayList<>();
        for (List<Item> group : groups) {
            keysOf.add(pins ? aliasKeys(group) : Set.of());
        }
        pinnedTogether(groups, keysOf, edges);
        // strongest first, ties by link, so that which of two folds a pin refuses does not depend on input order
        edges.sort(Comparator.comparingDouble(Edge::containment).reversed().thenComparing(Edge::first)
                .thenComparing(Edge::second));
        for (Edge edge : edges) {
            int ra = root(parent, edge.a());
            int rb = root(parent, edge.b());
            if (ra != rb && !pinnedApart(keysOf.get(ra), keysOf.get(rb))) {
                union(parent, ra, rb);
                if (pins) {
                    Set<String> joined = new HashSet<>(keysOf.get(ra));
                    joined.addAll(keysOf.get(rb));
                    keysOf.set(root(parent, ra), joined);
                }
            }
        }
        Map<Integer, List<List<Item>>> folds = new TreeMap<>();
        for (int i = 0; i < groups.size(); i++) {
            folds.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(groups.get(i));
        }
        List<List<List<Item>>> out = new ArrayList<>(folds.size());
        // ordering a fold reads its members' texts (credit lines, the words a copy shares): read a run at a time
        Body.<List<List<Item>>, RuntimeException>inRuns(new ArrayList<>(folds.values()), HELD_TEXTS,
                Folding::foldedBodies, (from, run) -> {
                    for (List<List<Item>> fold : run) {
                        out.add(fold.size() == 1 ? fold : originalFirst(fold));
                    }
                });
        return out;
    }

    /** The excerpts and contents of the items of those of {@code folds} that fold several groups. */
    private static List<Body> foldedBodies(List<List<List<Item>>> folds) {
        List<Body> bodies = new ArrayList<>();
        for (List<List<Item>> fold : folds) {
            for (List<Item> group : fold.size() > 1 ? fold : List.<List<Item>>of()) {
                for (Item item : group) {
                    bodies.add(item.excerptBody());
                    bodies.add(item.body());
                }
            }
        }
        return bodies;
    }

    /**
     * The pairs of groups (indexes, the lower first) that share an anchor and that the rule may compare, each once:
     * the pairs whose texts are fingerprinted and judged.
     */
    private List<int[]> comparedPairs(List<List<Item>> groups, long[][] anchorsOf) {
        Set<Long> seen = new HashSet<>();
        List<int[]> pairs = new ArrayList<>();
        for (int[] sharing : sharing(anchorsOf)) {
            for (int x = 0; x < sharing.length; x++) {
                for (int y = x + 1; y < sharing.length; y++) {
                    int a = sharing[x];
                    int b = sharing[y];
                    if (seen.add((long) a << 32 | b) && mayCompare(groups.get(a), groups.get(b))) {
                        pairs.add(new int[] {a, b});
                    }
                }
            }
        }
        return pairs;
    }

    /**
     * For each anchor that two to {@value #MAX_SHARED} groups share, their indexes, ascending: the groups to compare.
     * An anchor of one group finds no pair, and one shared by more is a template's or a feed's boilerplate, not a
     * piece (comparing them all would cost n squared). An open-addressing table of the anchors (linear probing), each
     * slot heading a chain of its groups in primitive arrays: no boxed anchor or index per entry.
     */
    static List<int[]> sharing(long[][] anchorsOf) {
        int entries = 0;
        for (long[] anchors : anchorsOf) {
            entries += anchors.length;
        }
        int mask = Integer.highestOneBit(Math.max(entries, 1) * 2 + 1) * 2 - 1; // at most half full
        long[] anchorAt = new long[mask + 1];
        int[] first = new int[mask + 1]; // an entry's number plus one; 0: a free slot
        int[] last = new int[mask + 1];
        int[] count = new int[mask + 1];
        int[] next = new int[entries]; // the next entry's number plus one, 0 at the end of a chain
        int[] groupOf = new int[entries];
        int entry = 0;
        for (int group = 0; group < anchorsOf.length; group++) {
            for (long anchor : anchorsOf[group]) {
                int slot = (int) (anchor ^ anchor >>> 32) & mask;
                while (first[slot] != 0 && anchorAt[slot] != anchor) {
                    slot = slot + 1 & mask;
                }
                groupOf[entry] = group;
                if (first[slot] == 0) {
                    anchorAt[slot] = anchor;
                    first[slot] = entry + 1;
                } else {
                    next[last[slot] - 1] = entry + 1;
                }
                last[slot] = ++entry;
                count[slot]++;
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int slot = 0; slot <= mask; slot++) {
            if (count[slot] >= 2 && count[slot] <= MAX_SHARED) {
                int[] groups = new int[count[slot]];
                for (int e = first[slot], k = 0; e != 0; e = next[e - 1]) {
                    groups[k++] = groupOf[e - 1];
                }
                out.add(groups);
            }
        }
        return out;
    }

    /**
     * Adds an edge, stronger than any text's, for every pair of groups the configuration pins together (by an alias
     * key of each); a pin apart between their folds still refuses it.
     */
    private void pinnedTogether(List<List<Item>> groups, List<Set<String>> keysOf, List<Edge> edges) {
        if (rule.together().isEmpty()) {
            return;
        }
        Map<String, Integer> groupOf = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            for (String key : keysOf.get(i)) {
                groupOf.put(key, i);
            }
        }
        for (int i = 0; i < groups.size(); i++) {
            for (String key : keysOf.get(i)) {
                for (String partner : rule.together().getOrDefault(key, Set.of())) {
                    Integer j = groupOf.get(partner);
                    if (j != null && j > i) { // pins go both ways: the pair is found again from its lower group
                        edges.add(new Edge(i, j, PINNED, link(groups.get(i)), link(groups.get(j))));
                    }
                }
            }
        }
    }

    /** The strength of a pinned pair's edge: above any text's containment (at most 1). */
    private static final double PINNED = 2;

    /** A pair of groups the rule folds: their indexes, the evidence's containment, their links' keys (a < b). */
    private record Edge(int a, int b, double containment, String linkA, String linkB) {
        String first() {
            return linkA.compareTo(linkB) <= 0 ? linkA : linkB;
        }

        String second() {
            return linkA.compareTo(linkB) <= 0 ? linkB : linkA;
        }
    }

    private String link(List<Item> group) {
        return keys.apply(ArticleLink.of(group));
    }

    private Set<String> aliasKeys(List<Item> group) {
        Set<String> out = new HashSet<>();
        group.forEach(item -> item.urls().forEach(url -> out.add(keys.apply(url))));
        return out;
    }

    /** Whether the configuration pins a key of one side apart from a key of the other. */
    private boolean pinnedApart(Set<String> one, Set<String> other) {
        if (rule.apart().isEmpty()) {
            return false;
        }
        for (String key : one) {
            for (String pinned : rule.apart().getOrDefault(key, Set.of())) {
                if (other.contains(pinned)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Why each copy folded by this instance so far was folded: its text against its original's. */
    List<Fold> evidence() {
        return List.copyOf(evidence);
    }

    /** The fold's groups, the original first, the rest by publication and link; notes each copy's evidence. */
    private List<List<Item>> originalFirst(List<List<Item>> fold) {
        Set<String> credited = new HashSet<>();
        Set<Body> read = new HashSet<>(); // a body several members carry word for word is read once
        for (List<Item> group : fold) {
            for (Item item : group) {
                if (item.body() != null && read.add(item.body())) {
                    Boilerplate.credits(item.content()).forEach(url -> credited.add(keys.apply(url)));
                }
            }
        }
        Comparator<List<Item>> order = Comparator.comparing((List<Item> g) -> !isCredited(g, credited))
                .thenComparing(Folding::published, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(this::link);
        List<List<Item>> sorted = new ArrayList<>(fold);
        sorted.sort(order);
        List<Item> original = sorted.get(0);
        Fingerprint of = fingerprint(original);
        for (List<Item> copy : sorted.subList(1, sorted.size())) {
            Fingerprint f = fingerprint(copy);
            String excerpt = Body.textOf(ArticleMerger.longest(copy, Item::excerptBody));
            String content = Body.textOf(ArticleMerger.longest(copy, Item::body));
            evidence.add(new Fold(ArticleLink.of(original), ArticleLink.of(copy), providerName(copy),
                    f.containment(of), f.common(of), Math.min(f.shingles(), of.shingles()),
                    Fingerprint.firstShared(excerpt, content, of)));
        }
        return sorted;
    }

    /** The outlet a group is shown under ({@link Outlet}): its first provider, else its first feed's title. */
    static String providerName(List<Item> group) {
        Provider provider = null;
        String feedTitle = null;
        for (Item item : group) {
            provider = provider != null ? provider : item.provider();
            feedTitle = feedTitle != null || item.feed() == null ? feedTitle : item.feed().title();
        }
        return Outlet.name(provider, feedTitle, ArticleLink.of(group));
    }

    private boolean isCredited(List<Item> group, Set<String> credited) {
        for (Item item : group) {
            for (String url : item.urls()) {
                if (credited.contains(keys.apply(url))) {
                    return true;
                }
            }
        }
        return false;
    }

    private FoldRule.Candidate candidate(List<Item> group) {
        return new FoldRule.Candidate(ArticleLink.of(group), publishedOrMin(group), fingerprint(group));
    }

    private Fingerprint fingerprint(List<Item> group) {
        return fingerprints.computeIfAbsent(text(group), Folding::fingerprintOf);
    }

    private static Fingerprint fingerprintOf(Text text) {
        return Fingerprint.of(Body.textOf(text.excerpt()), Body.textOf(text.body()));
    }

    private long[] anchorsOf(Text text) {
        return Fingerprint.anchors(Body.textOf(text.excerpt()), Body.textOf(text.body()), rule.minShingles());
    }

    /** A group's text: its longest excerpt and its longest content. */
    private static Text text(List<Item> group) {
        return new Text(ArticleMerger.longest(group, Item::excerptBody), ArticleMerger.longest(group, Item::body));
    }

    /** The earliest publication of a group's items, or null when none is dated. */
    static Instant published(List<Item> group) {
        Instant earliest = null;
        for (Item item : group) {
            if (item.published() != null && (earliest == null || item.published().isBefore(earliest))) {
                earliest = item.published();
            }
        }
        return earliest;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = root(parent, a);
        int rb = root(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
