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
 * @param articles articles per topic slug, newest first (in {@code TopicIndex.NEWEST_FIRST} order; not checked
 *                 here: a server's lists are read from its store's articles snapshot as pages ask for them, and
 *                 must not be read whole)
 * @param slugs    the slug of each topic name the articles carry (several names may share a slug)
 * @param moved    former slug → the slug of the topic now published in its place (a former slug is no topic's)
 * @param stamps   per topic slug, the version of the catalog in which its documents last changed (see
 *                 {@link #stampedAfter}); a topic without one has this catalog's version
 */
public record Catalog(long version, List<Topic> topics, Map<String, List<Article>> articles,
                      Map<String, String> slugs, Map<String, String> moved, Map<String, Long> stamps) {
    public Catalog {
        topics = List.copyOf(topics);
        articles = Map.copyOf(articles);
        slugs = Map.copyOf(slugs);
        moved = Map.copyOf(moved);
        stamps = Map.copyOf(stamps);
        for (Topic t : topics) {
            Checks.argument(articles.containsKey(t.slug()), "no articles list for topic " + t.slug());
        }
    }

    /** A catalog whose every topic is stamped with its version: nothing of it is known to be unchanged. */
    public Catalog(long version, List<Topic> topics, Map<String, List<Article>> articles, Map<String, String> slugs,
                   Map<String, String> moved) {
        this(version, topics, articles, slugs, moved, Map.of());
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
        List<Article> head = list.subList(0, Math.min(1, list.size())); // a list read from a store may lack its rows
        return head.isEmpty() ? Instant.EPOCH : head.get(0).updated();
    }

    /** All articles (the {@code all} topic). */
    public List<Article> all() {
        return articlesOf(Topic.ALL_SLUG);
    }

    /**
     * The stamp of a topic's documents: the version of the catalog in which they last changed. Rendered documents
     * are cached under it, so a rebuild that leaves a topic alone leaves its cached documents valid.
     */
    public long stampOf(String slug) {
        return stamps.getOrDefault(slug, version);
    }

    /**
     * The version of the catalog in which the list of topics last changed (their slugs and names; the documents
     * that list every topic, such as the HTML pages' head links, depend on it).
     */
    public long topicsStamp() {
        return stamps.getOrDefault(TOPICS_STAMP, version);
    }

    /** The key of {@link #topicsStamp} in {@link #stamps}: no slug is empty. */
    private static final String TOPICS_STAMP = "";

    /**
     * This catalog, stamped as the successor of {@code previous}: the one rule of what changes a topic's documents.
     * A topic keeps its stamp in {@code previous} when it is published under the same name with an equal list of
     * articles, and the slugs of topic names (an entry's category terms) did not change; else it is stamped with
     * this version. Costs one comparison per listed article, mostly of the same instance.
     */
    public Catalog stampedAfter(Catalog previous) {
        return stampedAfter(previous, slug -> !articlesOf(slug).equals(previous.articlesOf(slug)));
    }

    /**
     * {@link #stampedAfter(Catalog)} for a caller that knows which topics' articles changed ({@code changed}: their
     * slugs), as a rebuild does, instead of comparing the lists (which a catalog whose lists are read from a store
     * must not do): a topic outside them keeps its stamp when it keeps its name and the slugs of topic names did not
     * change.
     */
    public Catalog stampedAfter(Catalog previous, java.util.Set<String> changed) {
        return stampedAfter(previous, changed::contains);
    }

    private Catalog stampedAfter(Catalog previous, java.util.function.Predicate<String> listChanged) {
        boolean sameSlugs = slugs.equals(previous.slugs);
        Map<String, Long> next = new java.util.HashMap<>();
        for (Topic topic : topics) {
            String slug = topic.slug();
            boolean same = sameSlugs && previous.topic(slug).filter(topic::equals).isPresent()
                    && !listChanged.test(slug);
            next.put(slug, same ? previous.stampOf(slug) : version);
        }
        next.put(TOPICS_STAMP, topics.equals(previous.topics) ? previous.topicsStamp() : version);
        return new Catalog(version, topics, articles, slugs, moved, next);
    }
}
