package org.feedloom.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is published at one moment: the topics (the {@code all} topic first, then by name), each topic's articles,
 * newest first, the slug of every topic name its articles carry, and the slugs that moved. Immutable; a change of
 * the articles builds a new catalog with a higher version. The topic index decides every slug; the catalog only
 * records its answers.
 *
 * @param version  increases with every rebuild; caches of rendered feeds are keyed by it
 * @param topics   every published topic
 * @param articles articles per topic slug, newest first (by {@code updated}; checked)
 * @param slugs    the slug of each topic name the articles carry (several names may share a slug)
 * @param moved    former slug → the slug of the topic now published in its place (a former slug is no topic's)
 */
public record Catalog(long version, List<Topic> topics, Map<String, List<Article>> articles,
                      Map<String, String> slugs, Map<String, String> moved) {
    public Catalog {
        topics = List.copyOf(topics);
        articles = Map.copyOf(articles);
        slugs = Map.copyOf(slugs);
        moved = Map.copyOf(moved);
        for (Topic t : topics) {
            Checks.argument(articles.containsKey(t.slug()), "no articles list for topic " + t.slug());
        }
        articles.forEach((slug, list) -> {
            for (int i = 1; i < list.size(); i++) {
                Checks.argument(!list.get(i).updated().isAfter(list.get(i - 1).updated()),
                        "articles of topic " + slug + " not newest first");
            }
        });
    }

    public static Catalog empty() {
        return new Catalog(0, List.of(new Topic(Topic.ALL_SLUG, "All articles")),
                Map.of(Topic.ALL_SLUG, List.of()), Map.of(), Map.of());
    }

    /**
     * The slug of a topic name that one of the catalog's articles carries (an Atom category's term).
     *
     * @throws IllegalArgumentException for a name no article of the catalog carries
     */
    public String slugOf(String topicName) {
        String slug = slugs.get(topicName);
        Checks.argument(slug != null, "no article of catalog " + version + " has the topic '" + topicName + "'");
        return slug;
    }

    /** The slug now published in place of a former one (a topic's URL before its slug was configured), if any. */
    public Optional<String> movedTo(String formerSlug) {
        return Optional.ofNullable(moved.get(formerSlug));
    }

    public Optional<Topic> topic(String slug) {
        return topics.stream().filter(t -> t.slug().equals(slug)).findFirst();
    }

    /** The articles of a topic, newest first; empty for an unknown slug. */
    public List<Article> articlesOf(String slug) {
        return articles.getOrDefault(slug, List.of());
    }

    /** The newest {@code updated} of a topic's articles (the first's), or the epoch for an empty topic. */
    public Instant updatedOf(String slug) {
        List<Article> list = articlesOf(slug);
        return list.isEmpty() ? Instant.EPOCH : list.get(0).updated();
    }

    /** All articles (the {@code all} topic). */
    public List<Article> all() {
        return articlesOf(Topic.ALL_SLUG);
    }
}
