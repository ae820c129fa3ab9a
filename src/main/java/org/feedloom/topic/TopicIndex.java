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
import java.util.regex.Pattern;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;
import org.feedloom.model.TopicRule;

/**
 * Assigns topics to articles and groups them into a {@link Catalog}.
 *
 * <p>An article's topics are its own ∪ the topics whose name or alias equals one of its categories
 * (case-insensitive) ∪ the topics with a keyword found in its title, excerpt or categories (case-insensitive,
 * on word boundaries). Topics are identified by slug; a configured topic's name is the one shown.
 *
 * <p>Immutable and thread-safe once built; pure.
 */
public final class TopicIndex {
    /** Newest first: by updated, then published, then key, so that the order is total and stable. */
    public static final Comparator<Article> NEWEST_FIRST = Comparator.comparing(Article::updated).reversed()
            .thenComparing(Comparator.comparing(Article::published).reversed())
            .thenComparing(Article::key);

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private final List<CompiledRule> rules = new ArrayList<>();
    private final Map<String, String> ruleNameBySlug = new LinkedHashMap<>();
    /** Slugs of the topic names seen (a handful): {@link Topic#slugOf} normalises Unicode, and ran per article. */
    private final java.util.concurrent.ConcurrentHashMap<String, String> slugs = new java.util.concurrent.ConcurrentHashMap<>();

    public TopicIndex(List<TopicRule> topicRules) {
        for (TopicRule rule : topicRules) {
            String slug = rule.slug() != null ? rule.slug() : Topic.slugOf(rule.name());
            ruleNameBySlug.putIfAbsent(slug, rule.name());
            rules.add(new CompiledRule(rule.name(), labels(rule), keywordPattern(rule.keywords())));
        }
    }

    /** The article with its topic list extended by the rules (own topics first, no duplicate slugs). */
    public Article assign(Article article) {
        Map<String, String> bySlug = new LinkedHashMap<>();
        article.topics().forEach(t -> bySlug.putIfAbsent(slug(t), displayName(t)));
        Set<String> categories = new java.util.HashSet<>();
        article.categories().forEach(c -> categories.add(c.strip().toLowerCase(Locale.ROOT)));
        String text = String.join("\n", article.title(), plain(article.excerpt()),
                String.join("\n", article.categories()));
        for (CompiledRule rule : rules) {
            boolean byCategory = rule.labels.stream().anyMatch(categories::contains);
            if (byCategory || (rule.keywords != null && rule.keywords.matcher(text).find())) {
                bySlug.putIfAbsent(slug(rule.name), rule.name);
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

    private static Pattern keywordPattern(List<String> keywords) {
        if (keywords.isEmpty()) {
            return null;
        }
        StringBuilder alternatives = new StringBuilder();
        for (String keyword : keywords) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(keyword.strip()));
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Crude tag stripping for keyword matching only (the excerpt may hold sanitised HTML). */
    private static String plain(String html) {
        return html == null ? "" : TAG.matcher(html).replaceAll(" ");
    }

    private record CompiledRule(String name, Set<String> labels, Pattern keywords) {}
}
