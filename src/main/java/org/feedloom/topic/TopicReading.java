package org.feedloom.topic;

import java.util.Arrays;

/**
 * What the topic rules read from an article's text ({@link TopicIndex#read}): which rules' topics it matched (by a
 * category or a keyword) and which rules' {@code exclude} keywords it holds, each as the rule's position in the
 * rules read with ({@link TopicIndex#reading}), with the text named by content ({@link TopicIndex#textOf}: its title,
 * excerpt and categories). A store keeps it beside the article, so that a restart shows its stored archive without
 * reading every excerpt again; it depends on that text and the rules alone, so a row kept for an older text or
 * under other rules is never taken for the current ones.
 *
 * @param text     the name by content of the text it was read from
 * @param matched  the positions of the rules whose topic the text matched, ascending
 * @param excluded the positions of the rules whose {@code exclude} keywords the text holds, ascending
 */
public record TopicReading(long text, int[] matched, int[] excluded) {
    public TopicReading {
        matched = matched.clone();
        excluded = excluded.clone();
    }

    /** The matched rules' positions (a copy). */
    @Override
    public int[] matched() {
        return matched.clone();
    }

    /** The excluding rules' positions (a copy). */
    @Override
    public int[] excluded() {
        return excluded.clone();
    }

    /** The matched rules' positions themselves, not a copy: for this package, which never changes them. */
    int[] heldMatched() {
        return matched;
    }

    /** The excluding rules' positions themselves, not a copy: for this package, which never changes them. */
    int[] heldExcluded() {
        return excluded;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicReading r && r.text == text && Arrays.equals(r.matched, matched)
                && Arrays.equals(r.excluded, excluded);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(text) * 31 + Arrays.hashCode(matched) * 7 + Arrays.hashCode(excluded);
    }

    @Override
    public String toString() {
        return "TopicReading[" + Long.toHexString(text) + ", matched " + Arrays.toString(matched) + ", excluded "
                + Arrays.toString(excluded) + "]";
    }
}
