package org.feedloom.canonical;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Issue 15's labelled evaluation set ({@code src/test/resources/fold/}, described in its README): article pairs,
 * each with a category and what folding should do with it.
 */
final class FoldingSet {
    static final List<String> FILES = List.of("copies.yaml", "same-story.yaml", "negatives.yaml");

    /** One side of a pair. */
    record Side(String title, String url, String provider, Instant published, String excerpt, String content) {}

    /** One labelled pair: {@code expect} is fold, related or separate. */
    record Pair(String id, String category, String expect, String licence, String note, Side a, Side b) {}

    private FoldingSet() {}

    /** Every pair of every file of the set that exists. */
    static List<Pair> load() {
        List<Pair> pairs = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = FoldingSet.class.getResourceAsStream("/fold/" + file)) {
                if (in == null) {
                    continue;
                }
                List<Map<String, Object>> docs = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
                for (Map<String, Object> d : docs) {
                    pairs.add(new Pair(text(d, "id"), text(d, "category"), text(d, "expect"), text(d, "licence"),
                            text(d, "note"), side(d.get("a")), side(d.get("b"))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pairs;
    }

    @SuppressWarnings("unchecked")
    private static Side side(Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        Object published = m.get("published");
        return new Side(text(m, "title"), text(m, "url"), text(m, "provider"),
                published instanceof java.util.Date d ? d.toInstant() : Instant.parse(String.valueOf(published)),
                text(m, "excerpt"), text(m, "content"));
    }

    private static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
