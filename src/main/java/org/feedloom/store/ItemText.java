package org.feedloom.store;

import org.feedloom.model.Body;
import org.feedloom.model.Article;
import org.feedloom.model.Item;

/**
 * The stored item whose excerpt, content or both an article row shows instead of a copy of its own: the item of
 * source {@code sourceId} under {@code itemKey}. An article's texts are its members' (the merge picks one member's
 * excerpt and one member's content), so most articles' text is already in an item row; the article row names that
 * row, and the text is written and kept once. The row's {@code text_of} says which texts it names: {@link #EXCERPT},
 * {@link #CONTENT}, or both.
 *
 * @param sourceId the item's source
 * @param itemKey  the item's key within its source ({@link StoredItem#keyOf})
 * @param of       {@link #EXCERPT}, {@link #CONTENT} or their sum
 */
record ItemText(String sourceId, String itemKey, int of) {
    static final int EXCERPT = 1;
    static final int CONTENT = 2;

    /**
     * The hash an item row keeps of one of its texts (null for none), beside its length: the body's own
     * ({@link Body#hashOf}), so that an item is read back without its texts ({@link Body#stored}) and a sync tells
     * whether the row still has the text a merge read from it by comparing numbers. Two texts of one length can share
     * it; then a row that names an item edited to such a text between a merge and its sync shows the item's newer text
     * until its article changes (that item's own words either way).
     */
    static Long hash(Body text) {
        return text == null ? null : text.textHash();
    }

    /** The length an item row keeps of one of its texts (null for none). */
    static Integer length(Body text) {
        return text == null ? null : text.length();
    }

    /** Whether two versions of an item have the same excerpt and content. */
    static boolean sameTexts(Item a, Item b) {
        return java.util.Objects.equals(a.excerptBody(), b.excerptBody()) && java.util.Objects.equals(a.body(), b.body());
    }

    boolean excerpt() {
        return (of & EXCERPT) != 0;
    }

    boolean content() {
        return (of & CONTENT) != 0;
    }

    /**
     * The stored item that can show {@code article}'s texts: the item row its content is kept in ({@link Body#ref},
     * which the store gives a text when it stores the item the merge took it from), else the one its excerpt is kept
     * in; null when no row keeps either (a seed's text, no text). It is named for both the article's texts: the sync
     * keeps those the row has as the transaction sees it, by length and hash ({@link #hash}), so the row of a copy
     * whose excerpt is another copy's, the same words, shows both. The item's key must be one of the article's alias
     * keys (it is the key of the item's first URL, which the article lists among its own), so the rows that name an
     * item are found by the alias index when it is deleted; a text kept under a key the article does not list is not
     * named.
     */
    static ItemText of(Article article) {
        Body.Ref at = keeping(article, article.body(), Body.Part.CONTENT);
        if (at == null) {
            at = keeping(article, article.excerptBody(), Body.Part.EXCERPT);
        }
        return at == null ? null : new ItemText(at.sourceId(), at.itemKey(),
                (article.excerptBody() == null ? 0 : EXCERPT) + (article.body() == null ? 0 : CONTENT));
    }

    /** Where an item row the article lists keeps {@code text} as its {@code part}; null when none does. */
    private static Body.Ref keeping(Article article, Body text, Body.Part part) {
        Body.Ref at = text == null ? null : text.ref();
        return at == null || at.part() != part || !article.aliasKeys().contains(at.itemKey()) ? null : at;
    }
}
