package org.feedloom.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is published at one moment: the topics (the {@code all} topic first, then by name) and each topic's
 * articles, newest first. Immutable; a change of the articles builds a new catalog with a higher version.
 *
 * @param version  increases with every rebuild; caches of rendered feeds are keyed by it
 * @param topics   every published topic
 * @param articles articles per topic slug, newest first (by {@code updated}; checked)
 */
public record Catalog(long version, List<Topic> topics, Map<String, List<Article>> articles) {
    public Catalog {
        topics = List.copyOf(topics);
        articles = Map.copyOf(articles);
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
                Map.of(Topic.ALL_SLUG, List.of()));
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
