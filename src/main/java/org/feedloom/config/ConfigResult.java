package org.feedloom.config;

import java.util.List;
import org.feedloom.model.Problem;

/** A loaded configuration and every problem found; the configuration is usable only when there are none. */
public record ConfigResult(FeedloomConfig config, List<Problem> problems) {
    public ConfigResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
