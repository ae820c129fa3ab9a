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
     * articles two more map nodes an article (about 5 MB).
     */
    private final Map<String, Entry> byKey = new HashMap<>();
    private final Map<String, Article> byAliasKey = new HashMap<>();
    /** The alias keys each article's members name as related links, for the articles that name any. */
    private final Map<String, Set<String>> references = new HashMap<>();
    private final Map<String, Set<String>> referencedBy = new HashMap<>();
    /** The articles of each anchor. */
    private final KeyIndex anchoredBy = new KeyIndex();

    /** An article, its members and its anchors (none when its text has none). */
    private record Entry(Article article, List<Item> members, long[] anchors) {}

    @Override
    public Article article(String key) {
        Entry e = byKey.get(key);
        return e == null ? null : e.article();
    }

    @Override
    public Article ownerOf(String aliasKey) {
        return byAliasKey.get(aliasKey);
    }

    @Override
    public List<Item> members(String articleKey) {
        Entry e = byKey.get(articleKey);
        return e == null ? List.of() : e.members();
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
        old.article().aliasKeys().forEach(byAliasKey::remove);
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
        byKey.put(article.key(), new Entry(article, List.copyOf(items), anchors.length == 0 ? NO_ANCHORS
                : anchors.clone()));
        article.aliasKeys().forEach(k -> byAliasKey.put(k, article));
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
        byKey.values().forEach(e -> all.add(e.article()));
        all.sort(Comparator.comparing(Article::key));
        return all;
    }
}
