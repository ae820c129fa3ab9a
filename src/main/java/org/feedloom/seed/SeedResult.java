package org.feedloom.seed;

import java.util.List;
import org.feedloom.model.Item;
import org.feedloom.model.Problem;

/**
 * What loading the seeds folder gave: the seed items (related mentions nested), the problems found, and the
 * names of the files read (including skipped ones).
 */
public record SeedResult(List<Item> items, List<Problem> problems, List<String> files) {
    public SeedResult {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
        files = List.copyOf(files);
    }

    /** Items counted as records: each seed's own record plus each related mention. */
    public int recordCount() {
        return items.stream().mapToInt(i -> 1 + i.related().size()).sum();
    }
}
