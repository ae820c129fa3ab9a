package org.feedloom.topic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;
import org.feedloom.model.TopicRule;

/**
 * Assigns topics to articles and groups them into a {@link Catalog}.
 *
 * <p>An article's topics are its own ∪ the topics whose name or alias equals one of its categories
 * (case-insensitive) ∪ the topics with a keyword found in its title, excerpt or categories (case-insensitive,
 * on word boundaries), less the topics with an {@code exclude} keyword found the same way. Topics are identified
 * by slug; a configured topic's name is the one shown.
 *
 * <p>Immutable and thread-safe once built; pure.
 */
public final class TopicIndex {
    /** Newest first: by updated, then published, then key, so that the order is total and stable. */
    public static final Comparator<Article> NEWEST_FIRST = Comparator.comparing(Article::updated).reversed()
            .thenComparing(Comparator.comparing(Article::published).reversed())
            .thenComparing(Article::key);

    private final List<CompiledRule> rules = new ArrayList<>();
    private final Map<String, String> ruleNameBySlug = new LinkedHashMap<>();
    /** Slugs of the topic names seen (a handful): {@link Topic#slugOf} normalises Unicode, and ran per article. */
    private final java.util.concurrent.ConcurrentHashMap<String, String> slugs = new java.util.concurrent.ConcurrentHashMap<>();

    public TopicIndex(List<TopicRule> topicRules) {
        for (TopicRule rule : topicRules) {
            String slug = rule.slug() != null ? rule.slug() : Topic.slugOf(rule.name());
            ruleNameBySlug.putIfAbsent(slug, rule.name());
            rules.add(new CompiledRule(rule.name(), labels(rule), Keywords.of(rule.keywords()),
                    Keywords.of(rule.exclude())));
        }
    }

    /**
     * The article with its topic list extended by the rules (own topics first, no duplicate slugs), less every
     * topic whose {@code exclude} keywords it matches (whatever put it there).
     */
    public Article assign(Article article) {
        return assign(article, null);
    }

    /** Every article {@link #assign assigned}, in the same order, with what the topic excludes kept out. */
    public Assigned assignAll(List<Article> articles) {
        List<Article> out = new ArrayList<>(articles.size());
        Map<String, Integer> excludedByTopic = new TreeMap<>();
        int excluded = 0;
        List<String> removed = new ArrayList<>();
        for (Article article : articles) {
            removed.clear();
            out.add(assign(article, removed));
            if (!removed.isEmpty()) {
                excluded++;
                removed.forEach(slug -> excludedByTopic.merge(slug, 1, Integer::sum));
            }
        }
        return new Assigned(out, excludedByTopic, excluded);
    }

    /**
     * Articles with their topics assigned.
     *
     * @param articles         in the order given
     * @param excludedByTopic  per topic slug, the articles its {@code exclude} kept out of it
     * @param excludedArticles the articles kept out of at least one topic
     */
    public record Assigned(List<Article> articles, Map<String, Integer> excludedByTopic, int excludedArticles) {
        public Assigned {
            articles = List.copyOf(articles);
            excludedByTopic = Map.copyOf(excludedByTopic);
        }
    }

    /** {@link #assign(Article)}, adding the slugs of the topics an exclude took away to {@code removed} if not null. */
    private Article assign(Article article, List<String> removed) {
        Map<String, String> bySlug = new LinkedHashMap<>();
        article.topics().forEach(t -> bySlug.putIfAbsent(slug(t), displayName(t)));
        Set<String> categories = new java.util.HashSet<>();
        article.categories().forEach(c -> categories.add(c.strip().toLowerCase(Locale.ROOT)));
        String text = Keywords.text(article.title(), article.excerpt(), article.categories());
        for (CompiledRule rule : rules) {
            boolean byCategory = rule.labels.stream().anyMatch(categories::contains);
            if (byCategory || rule.keywords.foundIn(text)) {
                bySlug.putIfAbsent(slug(rule.name), rule.name);
            }
        }
        for (CompiledRule rule : rules) {
            if (!rule.exclude.isEmpty() && bySlug.containsKey(slug(rule.name)) && rule.exclude.foundIn(text)) {
                bySlug.remove(slug(rule.name));
                if (removed != null) {
                    removed.add(slug(rule.name));
                }
            }
        }
        return article.withTopics(List.copyOf(bySlug.values()));
    }

    /**
     * Groups articles (topics already assigned) into a catalog: {@code all} first, then every topic that an
     * article names or the configuration defines, by name.
     */
    public Catalog catalog(long version, List<Article> articles) {
        Map<String, String> names = new HashMap<>(ruleNameBySlug);
        Map<String, List<Article>> bySlug = new HashMap<>();
        List<Article> sorted = new ArrayList<>(articles);
        sorted.sort(NEWEST_FIRST);
        for (Article article : sorted) {
            for (String name : article.topics()) {
                String slug = slug(name);
                if (slug.equals(Topic.ALL_SLUG)) {
                    continue;
                }
                names.putIfAbsent(slug, name);
                List<Article> list = bySlug.computeIfAbsent(slug, s -> new ArrayList<>());
                if (list.isEmpty() || list.get(list.size() - 1) != article) {
                    list.add(article);
                }
            }
        }
        TreeMap<String, Topic> topicsByName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        names.forEach((slug, name) -> topicsByName.put(name + "\u0000" + slug, new Topic(slug, name)));
        List<Topic> topics = new ArrayList<>();
        topics.add(new Topic(Topic.ALL_SLUG, "All articles"));
        topics.addAll(topicsByName.values());
        Map<String, List<Article>> lists = new HashMap<>();
        lists.put(Topic.ALL_SLUG, sorted);
        for (Topic topic : topics) {
            lists.putIfAbsent(topic.slug(), bySlug.getOrDefault(topic.slug(), List.of()));
        }
        return new Catalog(version, topics, lists);
    }

    private String displayName(String topicName) {
        return ruleNameBySlug.getOrDefault(slug(topicName), topicName);
    }

    private String slug(String topicName) {
        return slugs.computeIfAbsent(topicName, Topic::slugOf);
    }

    private static Set<String> labels(TopicRule rule) {
        Set<String> labels = new LinkedHashSet<>();
        labels.add(rule.name().strip().toLowerCase(Locale.ROOT));
        rule.aliases().forEach(a -> labels.add(a.strip().toLowerCase(Locale.ROOT)));
        return labels;
    }

    private record CompiledRule(String name, Set<String> labels, Keywords keywords, Keywords exclude) {}
}
