package org.feedloom.model;

import java.util.List;

/**
 * A topic as configured: its name (shown), its slug (its feed's and page's URL), aliases matched against item
 * categories, and keywords matched on word boundaries in titles, summaries and categories; an article matching one
 * of the {@code exclude} keywords (same matching) is never in the topic.
 *
 * @param slug the configured slug; null or blank: the slug of the name ({@link Topic#slugOf}). Never {@code all}.
 */
public record TopicRule(String name, String slug, List<String> aliases, List<String> keywords, List<String> exclude) {
    public TopicRule {
        Checks.notNull(name, "topic name");
        slug = Checks.blankToNull(slug);
        slug = slug != null ? slug : Topic.slugOf(name);
        Checks.argument(Topic.isSlug(slug) && !slug.equals(Topic.ALL_SLUG), "not a topic slug: '" + slug + "'");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }

    /**
     * The slug of the name ({@link Topic#slugOf}): the topic's slug unless another is configured, and then the URL
     * it had before, which redirects to its slug.
     */
    public String nameSlug() {
        return Topic.slugOf(name);
    }
}
