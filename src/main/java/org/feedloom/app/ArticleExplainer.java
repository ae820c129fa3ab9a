package org.feedloom.app;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.feedloom.canonical.CanonicalUrl;
import org.feedloom.model.Article;
import org.feedloom.model.Explanation;
import org.feedloom.store.ArticleStore;

/**
 * Answers "how was this entry made?" for the article page: finds the published article that has a URL (any of its
 * URLs, a copy folded into it included, by canonical key) and what the store recorded about its links.
 */
final class ArticleExplainer implements Function<String, Optional<Explanation>> {
    private final ArticleStore store;

    ArticleExplainer(ArticleStore store) {
        this.store = store;
    }

    /** The explanation of the article published under {@code url}, or empty when none is. */
    @Override
    public Optional<Explanation> apply(String url) {
        String key = CanonicalUrl.keyOf(url);
        // the stored snapshot, which every catalog served is read from (the start-up one too)
        return store.publishedWithAliasKey(key).map(this::explain);
    }

    private Explanation explain(Article article) {
        List<String> urls = article.aliases();
        return Explanation.of(article,
                store.evidenceAbout(urls.subList(0, Math.min(urls.size(), ArticleStore.EVIDENCE_URLS))));
    }
}
