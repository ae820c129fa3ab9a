package org.feedloom.topic;

import java.util.List;
import org.feedloom.model.Body;
import org.feedloom.model.Item;

/**
 * The sources' {@code exclude} keywords: an item of a source with one of them in its title, excerpt or categories
 * (the {@link TopicIndex} keyword rule) is dropped, so it never becomes an article from that source. The merge
 * applies them to a source's stored items whenever they change, so a changed {@code exclude} applies to what is
 * stored too.
 *
 * <p>Pure; inputs are not modified.
 */
public final class SourceExcludes {
    private SourceExcludes() {}

    /**
     * The items of {@code items} that a source's {@code exclude} keywords keep, in order. Their excerpts that the
     * store keeps are read at once for the rule, and let go again after.
     */
    public static List<Item> kept(List<String> exclude, List<Item> items) {
        if (exclude.isEmpty()) {
            return items;
        }
        Keywords keywords = Keywords.of(exclude);
        try (Body.Held excerpts = Body.hold(items.stream().map(Item::excerptBody).toList())) {
            return items.stream()
                    .filter(item -> !keywords.foundIn(Keywords.text(item.title(), item.excerpt(), item.categories())))
                    .toList();
        }
    }
}
