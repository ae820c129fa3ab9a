package org.feedloom.store;

import java.util.List;
import org.feedloom.model.Body;
import org.feedloom.model.Article;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.Source;

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
     * The member of {@code article} that can show its texts: a live item (only those are stored) whose excerpt or
     * content equals the article's, the one that gives both if any does; null when none gives any (a seed's text, no
     * text, or members not known). {@code of} ranks what a member gives: the content over the excerpt, both over
     * either. The item's key is one of the article's alias keys (it is the key of the item's
     * first URL, which the article lists among its own), so the rows that name an item are found by the alias index
     * when it is deleted; a member whose key the article does not list is not named.
     */
    static ItemText of(Article article, List<Item> members) {
        ItemText best = null;
        for (Item m : members) {
            String sourceId = Source.idOf(m.provenance());
            if (m.origin() != Origin.FEED || sourceId == null) {
                continue;
            }
            int of = (article.excerptBody() != null && article.excerptBody().equals(m.excerptBody()) ? EXCERPT : 0)
                    | (article.body() != null && article.body().equals(m.body()) ? CONTENT : 0); // by length and hash
            if (of > (best == null ? 0 : best.of)) {
                String key = StoredItem.keyOf(m);
                if (article.aliasKeys().contains(key)) {
                    best = new ItemText(sourceId, key, of);
                }
            }
        }
        return best;
    }
}
