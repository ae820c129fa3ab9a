package org.feedloom.canonical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.feedloom.model.Item;

/**
 * What the fold rule asks of one group of an article's members before reading its text ({@link FoldRule#mayCompare}):
 * the group's link and its earliest publication (null when no member has one). An article's stamps, one a group, tell
 * an incremental merge whether any of its groups is worth comparing with a new one that shares an anchor with it,
 * without reading its members: most articles sharing an anchor with a new item were published on its host or far
 * from its time.
 *
 * @param link      the group's {@link ArticleLink}
 * @param published the earliest publication of the group's members, or null
 */
public record FoldStamp(String link, Instant published) {
    public FoldStamp {
        org.feedloom.model.Checks.notNull(link, "link");
    }

    /** The stamps of an article's {@code members}, one for each of their groups ({@link ArticleMerger#groups}). */
    public static List<FoldStamp> of(List<Item> members) {
        List<List<Item>> groups = ArticleMerger.groups(members, new UrlKeys(2 * members.size()));
        List<FoldStamp> stamps = new ArrayList<>(groups.size());
        for (List<Item> group : groups) {
            stamps.add(new FoldStamp(ArticleLink.of(group), Folding.published(group)));
        }
        return List.copyOf(stamps);
    }
}
