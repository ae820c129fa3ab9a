package org.feedloom.publish;

import org.feedloom.model.Checks;

/**
 * What published documents say about the site: its title, the feed-level author, the generator version, and
 * the number of entries per feed.
 */
public record SiteInfo(String title, String author, String version, int maxEntries) {
    public SiteInfo {
        Checks.notNull(title, "title");
        Checks.notNull(author, "author");
        Checks.notNull(version, "version");
        Checks.argument(maxEntries > 0, "maxEntries must be positive");
    }
}
