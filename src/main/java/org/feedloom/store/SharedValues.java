package org.feedloom.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.feedloom.model.Article;

/**
 * Equal values read in one pass over many rows held once: the articles of a source share its feed, provenance,
 * author and categories, and an article's link, key and alias keys are mostly one string with its first alias's and
 * its text's item key. Read apart, 100,000 articles held 89 MB in copies of strings (a restart's showing of the merged
 * archive, heap dump of 2026-12-07); a source's stored items, read back, share theirs likewise. One instance a pass:
 * it holds every distinct value it was given.
 */
final class SharedValues implements UnaryOperator<String> {
    private final Map<Object, Object> values = new HashMap<>();

    /** The value equal to {@code value} given first, or {@code value}; null for null. */
    <T> T of(T value) {
        if (value == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        T before = (T) values.putIfAbsent(value, value);
        return before == null ? value : before;
    }

    @Override
    public String apply(String value) {
        return of(value);
    }

    /** The list equal to {@code list} given first, or {@code list} with each of its strings shared. */
    List<String> strings(List<String> list) {
        if (list.isEmpty()) {
            return list;
        }
        @SuppressWarnings("unchecked")
        List<String> before = (List<String>) values.get(list);
        if (before != null) {
            return before;
        }
        // List.copyOf, not Stream.toList: an article's constructor copies a list that may hold nulls, not this one
        List<String> shared = List.copyOf(list.stream().map(this::of).toList());
        values.put(shared, shared);
        return shared;
    }

    /**
     * The value of a row's stored text ({@code parse}: parsed and shared), parsed once per pass: a source's items all
     * repeat their feed's provider, their topics and often their categories, so each text is looked up before it is
     * parsed (parsing gson's tree of each row's provider was a third of reading stored items back). Null for none.
     */
    @SuppressWarnings("unchecked")
    <T> T parsedOnce(String json, java.util.function.Function<String, T> parse) {
        if (json == null) {
            return null;
        }
        StoredText text = new StoredText(json);
        Object known = values.get(text);
        if (known != null) {
            return (T) known;
        }
        T value = parse.apply(json);
        values.put(text, value);
        return value;
    }

    /** A stored text, as a key of the shared values apart from any string shared as itself. */
    private record StoredText(String json) {}

    /**
     * {@code a} with its strings, lists, feeds, provider and dates shared: what other articles repeat (a source's feed,
     * provenance, author, categories; a fetch's first-seen date) through this pass's values, what only the article
     * repeats within itself (its link as its first alias, its key as an alias key, its date of update as its date of
     * publication) within it. Its key is shared through the pass's values, where its texts' item keys are (read
     * before it). Its title and its own lists are nobody else's: looking them up would only fill the table.
     */
    Article article(Article a) {
        String key = of(a.key());
        String url = a.url();
        Instant published = of(a.published());
        Instant updated = a.updated().equals(published) ? published : of(a.updated());
        return new Article(key, url, sharing(a.aliasKeys(), key), sharing(a.aliases(), url), a.title(),
                a.excerptBody(), a.body(), published, updated, of(a.provider()),
                strings(a.topics()), strings(a.categories()), of(a.images()), of(a.related()), of(a.author()),
                of(a.feeds()), strings(a.provenance()), a.origin(), of(a.facts()));
    }

    /** {@code list} with each string equal to {@code value} replaced by that instance (itself if none is). */
    private static List<String> sharing(List<String> list, String value) {
        int at = list.indexOf(value);
        if (at < 0 || list.get(at) == value) {
            return list;
        }
        String[] shared = list.toArray(String[]::new);
        shared[at] = value;
        return List.of(shared);
    }
}
