package org.feedloom.publish;

import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Checks;
import org.feedloom.model.Topic;

/**
 * What one page of a topic shows, wherever its articles come from: the topic, the page's articles (newest first),
 * its number and the topic's number of pages and articles, and the slug of every topic name its articles carry
 * (an entry's category terms). The renderers draw pages from this, so a page read from the store renders as one
 * cut from the catalog.
 *
 * @param topic    the topic
 * @param entries  the page's articles, newest first
 * @param page     1-based
 * @param pages    the topic's number of pages, at least one and at least {@code page}
 * @param count    the topic's number of articles
 * @param slugs    the slug of each topic name the entries carry
 */
public record TopicPage(Topic topic, List<Article> entries, int page, int pages, int count,
                        Map<String, String> slugs) {
    public TopicPage {
        entries = List.copyOf(entries);
        slugs = Map.copyOf(slugs);
        Checks.argument(page >= 1 && page <= pages, "page " + page + " out of range 1.." + pages);
    }

    /** The number of pages of {@code count} articles, {@code size} a page (at least one). */
    public static int pageCount(int count, int size) {
        return Math.max(1, (count + size - 1) / size);
    }

    /**
     * Page {@code page} of a catalog's topic, {@code size} articles a page, or null when it has no such page; the
     * entries' texts read from the store at once ({@link Article#withTextsHeld}).
     */
    static TopicPage of(Catalog catalog, Topic topic, int page, int size) {
        List<Article> all = catalog.articlesOf(topic.slug());
        int pages = pageCount(all.size(), size);
        if (page < 1 || page > pages) {
            return null;
        }
        List<Article> shown = Article.withTextsHeld(all.subList((page - 1) * size, Math.min(all.size(), page * size)));
        Map<String, String> slugs = new java.util.HashMap<>();
        shown.forEach(a -> a.topics().forEach(name -> slugs.put(name, catalog.slugOf(name))));
        return new TopicPage(topic, shown, page, pages, all.size(), slugs);
    }

    /**
     * The slug of a topic name one of the entries carries.
     *
     * @throws IllegalArgumentException for a name none of them carries
     */
    public String slugOf(String topicName) {
        String slug = slugs.get(topicName);
        Checks.argument(slug != null, "no entry of page " + page + " of " + topic.slug() + " has the topic '"
                + topicName + "'");
        return slug;
    }
}
