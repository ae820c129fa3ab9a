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
    private final Map<String, Article> byKey = new HashMap<>();
    private final Map<String, Article> byAliasKey = new HashMap<>();
    private final Map<String, List<Item>> members = new HashMap<>();
    /** The alias keys each article's members name as related links, for the articles that name any. */
    private final Map<String, Set<String>> references = new HashMap<>();
    private final Map<String, Set<String>> referencedBy = new HashMap<>();
    /** The anchors of each article that has any, and the articles of each anchor. */
    private final Map<String, long[]> anchors = new HashMap<>();
    private final KeyIndex anchoredBy = new KeyIndex();

    @Override
    public Article article(String key) {
        return byKey.get(key);
    }

    @Override
    public Article ownerOf(String aliasKey) {
        return byAliasKey.get(aliasKey);
    }

    @Override
    public List<Item> members(String articleKey) {
        return members.getOrDefault(articleKey, List.of());
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
        Article old = byKey.remove(articleKey);
        if (old == null) {
            return;
        }
        old.aliasKeys().forEach(byAliasKey::remove);
        members.remove(articleKey);
        for (String target : references.getOrDefault(articleKey, Set.of())) {
            Set<String> referrers = referencedBy.get(target);
            if (referrers != null && referrers.remove(articleKey) && referrers.isEmpty()) {
                referencedBy.remove(target);
            }
        }
        references.remove(articleKey);
        for (long anchor : anchors.getOrDefault(articleKey, new long[0])) {
            anchoredBy.remove(anchor, articleKey);
        }
        anchors.remove(articleKey);
    }

    @Override
    public void put(Article article, List<Item> items, Set<String> relatedKeys, long[] anchors) {
        byKey.put(article.key(), article);
        article.aliasKeys().forEach(k -> byAliasKey.put(k, article));
        members.put(article.key(), List.copyOf(items));
        if (!relatedKeys.isEmpty()) {
            references.put(article.key(), Set.copyOf(relatedKeys));
            for (String target : relatedKeys) {
                referencedBy.computeIfAbsent(target, k -> new HashSet<>()).add(article.key());
            }
        }
        if (anchors.length > 0) {
            this.anchors.put(article.key(), anchors.clone());
            for (long anchor : anchors) {
                anchoredBy.add(anchor, article.key());
            }
        }
    }

    @Override
    public int size() {
        return byKey.size();
    }

    @Override
    public List<Article> articles() {
        List<Article> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparing(Article::key));
        return all;
    }
}
