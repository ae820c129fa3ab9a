package org.feedloom.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Problem;
import org.feedloom.model.Source;
import org.feedloom.model.Topic;
import org.feedloom.model.TopicRule;

/** Reports sources configured twice (same id, or same feed/site) and topics with the same slug. */
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
        Map<String, Integer> slugIndex = new HashMap<>();
        List<TopicRule> topics = config.topics();
        for (int i = 0; i < topics.size(); i++) {
            TopicRule t = topics.get(i);
            String slug = t.slug() != null ? t.slug() : Topic.slugOf(t.name());
            Integer first = slugIndex.putIfAbsent(slug, i);
            if (first != null) {
                String there = sections.topicOrigins.get(first);
                report(sections.topicOrigins.get(i), "duplicate topic slug '" + slug + "' (topic '" + t.name() + "'; also used by '"
                        + topics.get(first).name() + "' at " + there + ")");
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
