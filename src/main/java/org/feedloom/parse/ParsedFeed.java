package org.feedloom.parse;

import java.util.List;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Item;

/**
 * A parsed feed: what it calls itself, its items, and its RSS {@code <ttl>} in minutes (null if none).
 */
public record ParsedFeed(FeedRef feed, String title, String link, Integer ttlMinutes, List<Item> items) {
    public ParsedFeed {
        items = List.copyOf(items);
    }
}
