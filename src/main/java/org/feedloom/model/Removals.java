package org.feedloom.model;

import java.util.Map;

/**
 * What the configuration kept out of the last catalog built, for {@code /status}.
 *
 * @param excludedBySource   per source id, its stored items dropped by its {@code exclude:} keywords
 * @param excludedByTopic    per topic slug, the articles its {@code exclude:} keywords kept out of it
 * @param excludedFromTopics articles kept out of at least one topic by a topic's {@code exclude:}
 * @param hidden             articles not published because one of their URLs is listed in {@code hide:}
 */
public record Removals(Map<String, Integer> excludedBySource, Map<String, Integer> excludedByTopic,
                       int excludedFromTopics, int hidden) {
    public static final Removals NONE = new Removals(Map.of(), Map.of(), 0, 0);

    public Removals {
        excludedBySource = Map.copyOf(excludedBySource);
        excludedByTopic = Map.copyOf(excludedByTopic);
        Checks.argument(excludedFromTopics >= 0 && hidden >= 0, "negative count");
    }

    /** The items of a source its {@code exclude:} dropped; 0 for a source without any. */
    public int excludedFrom(String sourceId) {
        return excludedBySource.getOrDefault(sourceId, 0);
    }
}
