package org.feedloom.canonical;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedloom.model.Article;
import org.feedloom.model.Item;

/** {@link MergeState} in maps. Not thread-safe. */
final class MemoryMergeState implements MergeState {
    private static final long[] NO_ANCHORS = new long[0];
    /**
     * Each article with its members and anchors, in one entry: three maps by article key cost a server on 100,000
     * articles two more map nodes an article (about 5 MB); a table of entries by their article's key, not a map
     * (3 MB less).
     */
    private final KeyedTable<Entry> byKey = new KeyedTable<>(e -> e.held().key());
    /**
     * The owner of each alias key but the articles' own keys: an article owning its own key (nearly all: an article's
     * key is its first alias key) is found by it in {@link #byKey}, not in a second entry (an entry an article, about
     * 4 MB on 100,000 articles). By the owner's key, not its article: an entry may replace its article with the
     * shown copy ({@link #holdShown}).
     */
    private final Map<String, String> byAliasKey = new HashMap<>();
    /** The alias keys each article's members name as related links, for the articles that name any. */
    private final Map<String, Set<String>> references = new HashMap<>();
    private final Map<String, Set<String>> referencedBy = new HashMap<>();
    /** The articles of each anchor. */
    private final KeyIndex anchoredBy = new KeyIndex();

    /**
     * An article, its members and its anchors (none when its text has none; null once let go to a store that keeps
     * them, {@link #releaseAnchors}: 8 MB of a server's heap on 100,000 generated articles). Most articles have one
     * member, held as that {@link Item} rather than in a list of one (a list each costs 100,000 articles 2.4 MB);
     * several are held as their list. The article is held as merged ({@code mergedTopics} null), or as its shown
     * copy, whose topics the rules assigned, with the merged topics beside it ({@link #holdShown}: the two copies
     * of 75,000 of 100,000 generated articles cost 6.6 MB).
     */
    private record Entry(Article held, Object members, long[] anchors, List<String> mergedTopics) {
        static Entry of(Article article, List<Item> members, long[] anchors) {
            return new Entry(article, members.size() == 1 ? members.get(0) : List.copyOf(members), anchors, null);
        }

        /** The merged article: the one held, or the shown copy held in its place with the merged topics. */
        Article article() {
            return mergedTopics == null ? held : held.withTopics(mergedTopics);
        }

        Entry withAnchors(long[] newAnchors) {
            return new Entry(held, members, newAnchors, mergedTopics);
        }

        @SuppressWarnings("unchecked")
        List<Item> memberList() {
            return members instanceof Item one ? List.of(one) : (List<Item>) members;
        }
    }

    @Override
    public Article article(String key) {
        Entry e = byKey.get(key);
        return e == null ? null : e.article();
    }

    @Override
    public Article ownerOf(String aliasKey) {
        Entry e = byKey.get(aliasKey);
        if (e == null || !e.held().aliasKeys().contains(aliasKey)) {
            String owner = byAliasKey.get(aliasKey);
            e = owner == null ? null : byKey.get(owner);
        }
        return e == null ? null : e.article();
    }

    @Override
    public List<Item> members(String articleKey) {
        Entry e = byKey.get(articleKey);
        return e == null ? List.of() : e.memberList();
    }

    @Override
    public long[] anchors(String articleKey) {
        Entry e = byKey.get(articleKey);
        return e == null ? NO_ANCHORS : e.anchors() == null ? null : e.anchors().clone();
    }

    @Override
    public void releaseAnchors(String articleKey, long[] kept) {
        Entry e = byKey.get(articleKey);
        if (e != null && e.anchors() != null && e.anchors().length > 0 && java.util.Arrays.equals(e.anchors(), kept)) {
            byKey.put(e.withAnchors(null));
        }
    }

    @Override
    public boolean holdShown(Article shown) {
        Entry e = byKey.get(shown.key());
        if (e == null || e.held() == shown) {
            return e != null;
        }
        Article merged = e.article();
        if (!shown.withTopics(merged.topics()).equals(merged)) {
            return false;
        }
        byKey.put(new Entry(shown, e.members(), e.anchors(), merged.topics()));
        return true;
    }

    @Override
    public Set<String> referrers(String aliasKey) {
        return referencedBy.getOrDefault(aliasKey, Set.of());
    }

    @Override
    public Set<String> anchoredBy(long anchor, int limit) {
        return anchoredBy.get(anchor, limit);
    }

    @Override
    public void remove(String articleKey) {
        remove(articleKey, null);
    }

    /**
     * Takes an article out. The anchors of one whose anchors were let go are {@code readBack}; when they could not be
     * read back (null), its key is looked for under every anchor of the index: slow, but the index stays exact.
     */
    @Override
    public void remove(String articleKey, long[] readBack) {
        Entry old = byKey.remove(articleKey);
        if (old == null) {
            return;
        }
        old.held().aliasKeys().forEach(k -> {
            if (!k.equals(articleKey)) {
                byAliasKey.remove(k);
            }
        });
        for (String target : references.getOrDefault(articleKey, Set.of())) {
            Set<String> referrers = referencedBy.get(target);
            if (referrers != null && referrers.remove(articleKey) && referrers.isEmpty()) {
                referencedBy.remove(target);
            }
        }
        references.remove(articleKey);
        long[] anchors = old.anchors() != null ? old.anchors() : readBack;
        if (anchors == null) {
            anchors = anchoredBy.anchorsOf(articleKey);
        }
        for (long anchor : anchors) {
            anchoredBy.remove(anchor, articleKey);
        }
    }

    @Override
    public void put(Article article, List<Item> items, Set<String> relatedKeys, long[] anchors) {
        byKey.put(Entry.of(article, items, anchors.length == 0 ? NO_ANCHORS : anchors.clone()));
        article.aliasKeys().forEach(k -> {
            if (!k.equals(article.key())) {
                byAliasKey.put(k, article.key());
            }
        });
        if (!relatedKeys.isEmpty()) {
            references.put(article.key(), Set.copyOf(relatedKeys));
            for (String target : relatedKeys) {
                referencedBy.computeIfAbsent(target, k -> new HashSet<>()).add(article.key());
            }
        }
        for (long anchor : anchors) {
            anchoredBy.add(anchor, article.key());
        }
    }

    @Override
    public int size() {
        return byKey.size();
    }

    @Override
    public List<Article> articles() {
        List<Article> all = new ArrayList<>(byKey.size());
        byKey.forEach(e -> all.add(e.article()));
        all.sort(Comparator.comparing(Article::key));
        return all;
    }

    @Override
    public List<String> keys() {
        List<String> all = new ArrayList<>(byKey.size());
        byKey.forEach(e -> all.add(e.held().key()));
        all.sort(Comparator.naturalOrder());
        return all;
    }
}
