package org.feedloom.model;

import java.util.List;
import java.util.Map;

/**
 * What the configuration kept out of the last catalog built, for {@code /status}; while changed topic rules or
 * hidden URLs are being applied to the archive (in batches, in the background), how far that is; and the latest
 * copies folded into articles and articles linked as coverage of one story, with why.
 *
 * @param excludedBySource   per source id, its stored items dropped by its {@code exclude:} keywords
 * @param excludedByTopic    per topic slug, the articles its {@code exclude:} keywords kept out of it
 * @param excludedFromTopics articles kept out of at least one topic by a topic's {@code exclude:}
 * @param hidden             articles not published because one of their URLs is listed in {@code hide:}
 * @param assessed           of the articles to assess again under changed rules, those done so far
 * @param toAssess           the articles to assess again under changed rules; 0 when no change is being applied
 * @param folds              the latest copies folded into an article, newest first
 * @param storyLinks         the latest articles linked as coverage of one story, newest first
 */
public record Removals(Map<String, Integer> excludedBySource, Map<String, Integer> excludedByTopic,
                       int excludedFromTopics, int hidden, int assessed, int toAssess, List<Fold> folds,
                       List<StoryLink> storyLinks) {
    public static final Removals NONE = new Removals(Map.of(), Map.of(), 0, 0);

    public Removals {
        folds = List.copyOf(folds);
        storyLinks = List.copyOf(storyLinks);
        excludedBySource = Map.copyOf(excludedBySource);
        excludedByTopic = Map.copyOf(excludedByTopic);
        Checks.argument(excludedFromTopics >= 0 && hidden >= 0, "negative count");
        Checks.argument(assessed >= 0 && assessed <= toAssess || toAssess == 0 && assessed == 0,
                "assessed " + assessed + " of " + toAssess);
    }

    /** Removals with no change of rules being applied. */
    public Removals(Map<String, Integer> excludedBySource, Map<String, Integer> excludedByTopic,
                    int excludedFromTopics, int hidden) {
        this(excludedBySource, excludedByTopic, excludedFromTopics, hidden, 0, 0, List.of(), List.of());
    }

    /** Removals with no fold to report. */
    public Removals(Map<String, Integer> excludedBySource, Map<String, Integer> excludedByTopic,
                    int excludedFromTopics, int hidden, int assessed, int toAssess) {
        this(excludedBySource, excludedByTopic, excludedFromTopics, hidden, assessed, toAssess, List.of(), List.of());
    }

    /** Whether changed topic rules or hidden URLs are still being applied to the archive. */
    public boolean applyingRules() {
        return toAssess > 0;
    }

    /** The items of a source its {@code exclude:} dropped; 0 for a source without any. */
    public int excludedFrom(String sourceId) {
        return excludedBySource.getOrDefault(sourceId, 0);
    }
}
