package org.feedloom.canonical;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One merge's memo of {@link CanonicalUrl#keyOf}: a merge needs every URL's key several times (grouping, ordering
 * members, alias keys, ids, folds), so each is computed once. A URL is looked up by the string object first: the
 * members an incremental merge takes up again are the same objects at every lookup, and so are the URLs of a
 * change's items, so most lookups compare references instead of the characters of two long URLs (each copy of a
 * syndicated article brings its own strings of the same URLs; those are compared by their text once each). Not
 * thread-safe: one merge, one thread.
 */
final class UrlKeys implements Function<String, String> {
    private final Map<String, String> byObject;
    private final Map<String, String> byText;
    private final UnaryOperator<String> shared;

    /** Keys for about {@code urls} URLs, each as {@code shared} gives it for the key computed. */
    UrlKeys(int urls, UnaryOperator<String> shared) {
        this.byObject = new IdentityHashMap<>(urls);
        this.byText = new HashMap<>(urls * 4 / 3 + 1);
        this.shared = shared;
    }

    /** Keys for about {@code urls} URLs, as computed. */
    UrlKeys(int urls) {
        this(urls, UnaryOperator.identity());
    }

    @Override
    public String apply(String url) {
        String key = byObject.get(url);
        if (key == null) {
            key = byText.computeIfAbsent(url, u -> shared.apply(CanonicalUrl.keyOf(u)));
            byObject.put(url, key);
        }
        return key;
    }
}
