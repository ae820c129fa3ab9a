package org.feedloom.canonical;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.feedloom.model.Article;

/**
 * The {@code hide:} list: an article is hidden when the canonical key ({@link CanonicalUrl#keyOf}) of a hidden URL
 * equals any of its alias keys, so hiding any variant of an article (AMP, AMP cache, tracking parameters,
 * {@code www.}, {@code http://}) hides the whole article.
 *
 * <p>Immutable and thread-safe; pure; inputs are not modified.
 */
public final class HiddenUrls {
    public static final HiddenUrls NONE = new HiddenUrls(List.of());

    private final Set<String> keys;

    public HiddenUrls(Collection<String> urls) {
        keys = urls.stream().map(CanonicalUrl::keyOf).collect(Collectors.toUnmodifiableSet());
    }

    /** The canonical keys of the hidden URLs: an article holding one as an alias key is hidden. */
    public Set<String> keys() {
        return keys;
    }

    /** Whether one of the article's alias keys is hidden. */
    public boolean hides(Article article) {
        if (keys.isEmpty()) {
            return false;
        }
        for (String key : article.aliasKeys()) {
            if (keys.contains(key)) {
                return true;
            }
        }
        return false;
    }

    /** The articles not hidden, in the order given ({@code articles} itself when nothing is hidden). */
    public List<Article> visible(List<Article> articles) {
        if (keys.isEmpty()) {
            return articles;
        }
        List<Article> out = new ArrayList<>(articles.size());
        for (Article article : articles) {
            if (!hides(article)) {
                out.add(article);
            }
        }
        return out;
    }
}
