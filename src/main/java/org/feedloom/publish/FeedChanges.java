package org.feedloom.publish;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;

/**
 * Which published feeds changed between two catalogs, for WebSub: a topic's Atom, RSS or JSON feed changed when
 * its document, rendered at the same base URL, differs byte for byte. Nothing is ignored because nothing in a
 * rendered feed is volatile: no build time and no catalog version is written, every date comes from the articles.
 * So a rebuild that changed nothing gives no change, and a topic whose {@link Catalog#stampOf stamp} stayed is not
 * rendered at all; an article added beyond a topic's newest
 * {@link SiteInfo#maxEntries()} changes its RSS and JSON feeds not at all, and its Atom feed only when the RFC 5005
 * paging links move.
 *
 * <p>Pure apart from the publisher's rendered-bytes cache, which it shares with the web server (so a feed is still
 * rendered once per catalog version). Thread-safe; does not modify its inputs.
 */
public final class FeedChanges {
    private final Publisher publisher;

    public FeedChanges(Publisher publisher) {
        this.publisher = publisher;
    }

    /**
     * The self URLs of the feeds whose content differs between {@code before} and {@code after}, in the order of
     * {@code after}'s topics, Atom then RSS then JSON Feed for each. A topic new in {@code after} counts as
     * changed; a topic gone from it is not listed (its feeds no longer exist).
     *
     * @param baseUrl the site's absolute public base URL, ending in {@code /}
     */
    public List<String> changedFeeds(Catalog before, Catalog after, String baseUrl) {
        return new ArrayList<>(changedFeedTags(before, after, baseUrl).keySet());
    }

    /**
     * {@link #changedFeeds}, each with the {@code ETag} of its content in {@code after}: what names a change of a feed
     * the same way on every instance that renders it (so instances sharing a store ping once per change).
     */
    public Map<String, String> changedFeedTags(Catalog before, Catalog after, String baseUrl) {
        Map<String, String> changed = new LinkedHashMap<>();
        for (Topic topic : after.topics()) {
            String slug = topic.slug();
            if (before.topic(slug).isPresent() && before.stampOf(slug) == after.stampOf(slug)) {
                continue; // the topic and its articles are the same: its documents are
            }
            compare(before, after, slug, baseUrl, publisher::atom, AtomRenderer.feedUrl(baseUrl, topic), changed);
            compare(before, after, slug, baseUrl, publisher::rss, RssRenderer.feedUrl(baseUrl, topic), changed);
            compare(before, after, slug, baseUrl, publisher::jsonFeed, JsonFeedRenderer.feedUrl(baseUrl, topic), changed);
        }
        return changed;
    }

    private static void compare(Catalog before, Catalog after, String slug, String baseUrl, Renderer render,
                                String selfUrl, Map<String, String> changed) {
        Optional<RenderedFeed> old = render.apply(before, slug, baseUrl);
        Optional<RenderedFeed> now = render.apply(after, slug, baseUrl);
        if (now.isPresent() && (old.isEmpty() || !Arrays.equals(old.get().body(), now.get().body()))) {
            changed.put(selfUrl, now.get().etag());
        }
    }

    @FunctionalInterface
    private interface Renderer {
        Optional<RenderedFeed> apply(Catalog catalog, String slug, String baseUrl);
    }
}
