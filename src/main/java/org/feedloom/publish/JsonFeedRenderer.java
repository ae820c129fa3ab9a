package org.feedloom.publish;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Link;
import org.feedloom.model.Topic;

/**
 * Renders one topic as JSON Feed 1.1: the same entries as the Atom feed (same ids), with related links under the
 * {@code _feedloom} extension. Pure; thread-safe.
 */
public final class JsonFeedRenderer {
    private final SiteInfo site;

    public JsonFeedRenderer(SiteInfo site) {
        this.site = site;
    }

    /**
     * The feed document.
     *
     * @param catalog the catalog: the topic's articles, newest first (the first {@link SiteInfo#maxEntries()} are
     *                rendered), and the slugs of their topics
     * @param topic   one of the catalog's topics
     * @param baseUrl absolute base URL of the site, ending in {@code /}
     */
    public byte[] render(Catalog catalog, Topic topic, String baseUrl) {
        List<Article> articles = catalog.articlesOf(topic.slug());
        List<Article> shown = articles.subList(0, Math.min(articles.size(), site.maxEntries()));
        Json json = new Json().begin('{')
                .field("version", "https://jsonfeed.org/version/1.1")
                .field("title", site.title() + " — " + topic.name())
                .field("home_page_url", baseUrl)
                .field("feed_url", feedUrl(baseUrl, topic))
                .field("language", "en");
        if (site.hub() != null) {
            json.name("hubs").begin('[').begin('{').field("type", "WebSub").field("url", site.hub()).end('}').end(']');
        }
        json.name("authors").begin('[').begin('{').field("name", site.author()).end('}').end(']')
                .name("items").begin('[');
        for (Article a : shown) {
            item(json, a, catalog);
        }
        return (json.end(']').end('}') + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public static String feedUrl(String baseUrl, Topic topic) {
        return baseUrl + "feeds/" + topic.slug() + ".json";
    }

    private static void item(Json json, Article a, Catalog catalog) {
        json.begin('{').field("id", EntryIds.forArticle(a.key()));
        if (a.url().startsWith("http")) {
            json.field("url", a.url());
        }
        json.field("title", a.title());
        if (a.content() != null) {
            json.field("content_html", a.content());
        } else {
            json.field("content_text", a.excerpt() != null ? PlainText.of(a.excerpt()) : a.title());
        }
        if (a.excerpt() != null) {
            json.field("summary", PlainText.of(a.excerpt())); // plain text in JSON Feed
        }
        if (!a.images().isEmpty()) {
            json.field("image", a.images().get(0).url());
        }
        json.field("date_published", a.published()).field("date_modified", a.updated());
        if (a.provider() != null) {
            json.name("authors").begin('[').begin('{').field("name", a.provider().displayName());
            if (a.provider().uri() != null) {
                json.field("url", a.provider().uri());
            }
            json.end('}').end(']');
        }
        json.name("tags").begin('[');
        a.topics().forEach(json::value);
        json.end(']');
        json.name("_feedloom").begin('{').name("topics").begin('[');
        a.topics().forEach(t -> json.value(catalog.slugOf(t)));
        json.end(']').name("related").begin('[');
        for (Link r : a.related()) {
            json.begin('{').field("url", r.url()).field("title", r.title()).end('}');
        }
        json.end(']').end('}').end('}');
    }
}
