package org.feedloom.canonical;

import org.feedloom.model.Body;

/**
 * The anchors ({@link Fingerprint#anchors}) of the text of an article of one group, as a merge read them, with that
 * text named by content: the lengths and hashes ({@link Body#textHash}) of its longest excerpt and longest content
 * (length -1 and hash 0 for one it has not). A store keeps them beside the article, so that a restart's merge of the
 * stored archive finds them ({@link MergedArticles#knowAnchors}) instead of reading every text again. Anchors depend
 * on the text alone (under one {@link FoldRule#anchoring}): an article whose text changed names another text, so
 * anchors kept for the old one are never taken for it, and anchors kept for a text are right for any group with it.
 *
 * @param text    the text they were read from, by content
 * @param anchors the anchors, sorted (none when the text is too short to fold)
 */
public record TextAnchors(Text text, long[] anchors) {
    public TextAnchors {
        anchors = anchors.clone();
    }

    /** The anchors of the text of {@code excerpt} and {@code content} (either may be null). */
    public static TextAnchors of(Body excerpt, Body content, long[] anchors) {
        return new TextAnchors(Text.of(excerpt, content), anchors);
    }

    /** The anchors (a copy). */
    @Override
    public long[] anchors() {
        return anchors.clone();
    }

    /** The anchors themselves, not a copy: for this package, which never changes them. */
    long[] held() {
        return anchors;
    }

    /**
     * The name of a text by content: the lengths and hashes of its excerpt and content (-1 and 0 for one it has not).
     */
    public record Text(int excerptLength, long excerptHash, int contentLength, long contentHash) {
        static Text of(Body excerpt, Body content) {
            return new Text(excerpt == null ? -1 : excerpt.length(), excerpt == null ? 0 : excerpt.textHash(),
                    content == null ? -1 : content.length(), content == null ? 0 : content.textHash());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextAnchors t && t.text.equals(text) && java.util.Arrays.equals(t.anchors, anchors);
    }

    @Override
    public int hashCode() {
        return 31 * text.hashCode() + java.util.Arrays.hashCode(anchors);
    }

    @Override
    public String toString() {
        return "TextAnchors[" + text + ", " + anchors.length + " anchors]";
    }
}
