package org.feedloom.canonical;

import java.util.Arrays;

/**
 * What related coverage read from an article's text ({@link Coverage#put}): its story terms as hashes, and whether
 * it is a press release, with the text they were read from named by content ({@link Coverage#textOf}: its title,
 * link, excerpt and content). A store keeps them beside the article, so that a restart shows its stored archive
 * without reading every article's content again; they depend on that text alone, so a row kept for an older text is
 * never taken for a newer one.
 *
 * @param text         the name by content of the text they were read from
 * @param pressRelease whether the article is a press release (never linked)
 * @param terms        the story terms' hashes, in the order the terms appear (none: never linked)
 */
public record TextTerms(long text, boolean pressRelease, long[] terms) {
    public TextTerms {
        terms = terms.clone();
    }

    /** The terms' hashes (a copy). */
    @Override
    public long[] terms() {
        return terms.clone();
    }

    /** The hashes themselves, not a copy: for this package, which never changes them. */
    long[] held() {
        return terms;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextTerms t && t.text == text && t.pressRelease == pressRelease
                && Arrays.equals(t.terms, terms);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(text) * 31 + Arrays.hashCode(terms) + (pressRelease ? 1 : 0);
    }

    @Override
    public String toString() {
        return "TextTerms[" + Long.toHexString(text) + (pressRelease ? ", a press release, " : ", ") + terms.length
                + " terms]";
    }
}
