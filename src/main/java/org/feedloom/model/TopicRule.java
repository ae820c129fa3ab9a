package org.feedloom.model;

import java.util.List;

/**
 * A topic as configured: its name, optional slug (derived from the name when null), aliases matched
 * against item categories, and keywords matched on word boundaries in titles, summaries and categories; an
 * article matching one of the {@code exclude} keywords (same matching) is never in the topic.
 */
public record TopicRule(String name, String slug, List<String> aliases, List<String> keywords, List<String> exclude) {
    public TopicRule {
        Checks.notNull(name, "topic name");
        slug = Checks.blankToNull(slug);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }
}
