package org.feedloom.config;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Problem;
import org.feedloom.model.Source;
import org.feedloom.model.TopicRule;

/** Reports sources configured twice (same id, or same feed/site) and topics sharing a slug. */
final class Duplicates {
    private final List<Problem> problems;

    Duplicates(List<Problem> problems) {
        this.problems = problems;
    }

    void check(FeedloomConfig config, ConfigLoader.Sections sections) {
        Map<String, Source> byId = new HashMap<>();
        Map<String, Source> byTarget = new HashMap<>();
        for (Source s : config.sources()) {
            Source sameId = byId.putIfAbsent(s.id(), s);
            Source sameTarget = byTarget.putIfAbsent(SourceReader.target(s), s);
            if (sameTarget != null) {
                report(s.origin(), "duplicate source: " + (s.url() != null ? s.url() : s.site())
                        + " is already configured at " + sameTarget.origin());
            } else if (sameId != null) {
                report(s.origin(), "duplicate source id '" + s.id() + "' (also at " + sameId.origin()
                        + "); give one of them another 'name'");
            }
        }
        checkTopicSlugs(config.topics(), sections.topicOrigins);
    }

    /**
     * Reports a topic whose slug, or whose name's slug (the URL it redirects from when another slug is configured),
     * is already a slug or a name's slug of an earlier topic: the feed a URL names, and the topic a name or a
     * former URL stands for, must be one.
     */
    private void checkTopicSlugs(List<TopicRule> topics, List<String> origins) {
        Map<String, Integer> claimedBy = new HashMap<>();
        for (int i = 0; i < topics.size(); i++) {
            TopicRule t = topics.get(i);
            for (String slug : new LinkedHashSet<>(List.of(t.slug(), t.nameSlug()))) {
                Integer first = claimedBy.putIfAbsent(slug, i);
                if (first != null) {
                    TopicRule other = topics.get(first);
                    boolean otherFormer = !slug.equals(other.slug());
                    report(origins.get(i), "duplicate topic slug '" + slug + "' (topic '" + t.name() + "'"
                            + (slug.equals(t.slug()) ? "" : ", from its name") + "; also used by '" + other.name()
                            + "'" + (otherFormer ? ", from its name," : "") + " at " + origins.get(first) + ")");
                    break;
                }
            }
        }
    }

    private void report(String origin, String message) {
        int colon = origin.lastIndexOf(':');
        if (colon > 0 && origin.substring(colon + 1).matches("\\d+")) {
            problems.add(new Problem(origin.substring(0, colon), Integer.parseInt(origin.substring(colon + 1)), message));
        } else {
            problems.add(new Problem(origin, 0, message));
        }
    }
}
