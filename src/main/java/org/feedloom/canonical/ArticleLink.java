package org.feedloom.canonical;

import java.util.List;
import org.feedloom.model.Item;

/**
 * The URL an article links to, the one rule for it: the {@code webUrl} of its strongest mention that has one (a
 * live item's link counts as its webUrl), else the {@code originalUrl} of its strongest mention that has one, else
 * the first URL that is not an AMP-cache or AMP form, else the first URL. The key of this URL is also the one a new
 * entry id is derived from, so a new article's id does not depend on how its mentions list their URLs.
 *
 * <p>Pure and thread-safe.
 */
final class ArticleLink {
    private ArticleLink() {}

    /** The link of an article's mentions, {@code strongestFirst}; not modified. */
    static String of(List<Item> strongestFirst) {
        for (Item item : strongestFirst) {
            if (item.webUrl() != null) {
                return item.webUrl();
            }
        }
        for (Item item : strongestFirst) {
            if (item.originalUrl() != null) {
                return item.originalUrl();
            }
        }
        for (Item item : strongestFirst) {
            for (String url : item.urls()) {
                if (!CanonicalUrl.isAmp(url)) {
                    return url;
                }
            }
        }
        return strongestFirst.get(0).preferredUrl();
    }
}
