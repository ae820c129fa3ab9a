package org.feedloom.clients;

import java.util.ArrayList;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;
import org.feedloom.publish.EntryIds;

/**
 * What a client should find in one topic's feeds, worked out from the catalog Feedloom serves (not from the
 * documents under test): every article's entry id and link, newest first, and how they fall into pages.
 */
record Expected(Topic topic, List<String> ids, List<String> links, int maxEntries, String baseUrl) {

    /** One expectation per topic of {@code catalog}, in its topic order. */
    static List<Expected> of(Catalog catalog, int maxEntries, String baseUrl) {
        List<Expected> out = new ArrayList<>();
        for (Topic t : catalog.topics()) {
            List<String> ids = new ArrayList<>();
            List<String> links = new ArrayList<>();
            for (Article a : catalog.articlesOf(t.slug())) {
                ids.add(EntryIds.forArticle(a.key()));
                links.add(a.url().startsWith("http") ? a.url() : null);
            }
            out.add(new Expected(t, List.copyOf(ids), links, maxEntries, baseUrl));
        }
        return out;
    }

    String slug() {
        return topic.slug();
    }

    String atomUrl() {
        return baseUrl + "feeds/" + slug() + ".xml";
    }

    String rssUrl() {
        return baseUrl + "feeds/" + slug() + ".rss";
    }

    String jsonUrl() {
        return baseUrl + "feeds/" + slug() + ".json";
    }

    String atomPageUrl(int page) {
        return atomUrl() + "?page=" + page;
    }

    int pages() {
        return Math.max(1, (ids.size() + maxEntries - 1) / maxEntries);
    }

    /** Ids on RFC 5005 page {@code page} (1-based); page 1 is what every feed format shows. */
    List<String> pageIds(int page) {
        return ids.subList((page - 1) * maxEntries, Math.min(ids.size(), page * maxEntries));
    }

    List<String> pageLinks(int page) {
        return links.subList((page - 1) * maxEntries, Math.min(links.size(), page * maxEntries));
    }
}
