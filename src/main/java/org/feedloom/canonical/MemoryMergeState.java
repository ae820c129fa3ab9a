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
    private final KeyedTable<Entry> byKey = new KeyedTable<>(e -> e.article().key());
    /**
     * The owner of each alias key but the articles' own keys: an article owning its own key (nearly all: an article's
     * key is its first alias key) is found by it in {@link #byKey}, not in a second entry (an entry an article, about
     * 4 MB on 100,000 articles).
     */
    private final Map<String, String> byAliasKey = new HashMap<>();
    /** The alias keys each article's members name as related links, for the articles that name any. */
    private final Map<String, Set<String>> references = new HashMap<>();
    private final Map<String, Set<String>> referencedBy = new HashMap<>();
    /** The articles of each anchor. */
    private final KeyIndex anchoredBy = new KeyIndex();

    /**
     * An article, its members and its anchors (none when its text has none). Most articles have one member, held as
     * that {@link Item} rather than in a list of one (a list each costs 100,000 articles 2.4 MB); several are held as
     * their list.
     */
    private record Entry(Article article, Object members, long[] anchors) {
        static Entry of(Article article, List<Item> members, long[] anchors) {
            return new Entry(article, members.size() == 1 ? members.get(0) : List.copyOf(members), anchors);
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
        if (e == null || !e.article().aliasKeys().contains(aliasKey)) {
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
        return e == null ? NO_ANCHORS : e.anchors().clone();
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
        Entry old = byKey.remove(articleKey);
        if (old == null) {
            return;
        }
        old.article().aliasKeys().forEach(k -> {
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
        for (long anchor : old.anchors()) {
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
        byKey.forEach(e -> all.add(e.article().key()));
        all.sort(Comparator.naturalOrder());
        return all;
    }
}
