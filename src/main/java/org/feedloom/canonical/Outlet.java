package org.feedloom.canonical;

import org.feedloom.model.Provider;

/**
 * The name an outlet is shown under in the links to its articles ("Also published at …", "Also reported by …") and in
 * {@code /status}: its provider's name, else the provider's domain, else the title of the feed that carried the
 * article, else the host of the article's link. Pure.
 */
final class Outlet {
    private Outlet() {}

    /** @param provider the article's provider, or null; @param feedTitle a feed's title, or null */
    static String name(Provider provider, String feedTitle, String url) {
        if (provider != null) {
            return provider.name() != null ? provider.name() : provider.domain();
        }
        return feedTitle != null ? feedTitle : FoldRule.host(url);
    }
}
