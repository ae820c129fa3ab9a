package org.feedloom.publish;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
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
        List<Article> shown = site.firstPage(catalog, topic);
        return JsonDocument.write(json -> {
            json.beginObject()
                    .name("version").value("https://jsonfeed.org/version/1.1")
                    .name("title").value(site.title() + " — " + topic.name())
                    .name("home_page_url").value(baseUrl)
                    .name("feed_url").value(feedUrl(baseUrl, topic))
                    .name("language").value("en");
            if (site.hub() != null) {
                json.name("hubs").beginArray().beginObject()
                        .name("type").value("WebSub").name("url").value(site.hub())
                        .endObject().endArray();
            }
            json.name("authors").beginArray().beginObject().name("name").value(site.author()).endObject().endArray();
            json.name("items").beginArray();
            for (Article a : shown) {
                item(json, a, catalog);
            }
            json.endArray().endObject();
        });
    }

    public static String feedUrl(String baseUrl, Topic topic) {
        return baseUrl + "feeds/" + topic.slug() + ".json";
    }

    private static void item(JsonWriter json, Article a, Catalog catalog) throws IOException {
        json.beginObject().name("id").value(EntryIds.forArticle(a.key()));
        if (a.url().startsWith("http")) {
            json.name("url").value(a.url());
        }
        json.name("title").value(a.title());
        if (a.content() != null) {
            json.name("content_html").value(a.content());
        } else {
            json.name("content_text").value(a.excerpt() != null ? PlainText.of(a.excerpt()) : a.title());
        }
        if (a.excerpt() != null) {
            json.name("summary").value(PlainText.of(a.excerpt())); // plain text in JSON Feed
        }
        if (!a.images().isEmpty()) {
            json.name("image").value(a.images().get(0).url());
        }
        json.name("date_published").value(JsonDocument.text(a.published()))
                .name("date_modified").value(JsonDocument.text(a.updated()));
        if (a.provider() != null) {
            json.name("authors").beginArray().beginObject().name("name").value(a.provider().displayName());
            if (a.provider().uri() != null) {
                json.name("url").value(a.provider().uri());
            }
            json.endObject().endArray();
        }
        json.name("tags").beginArray();
        for (String t : a.topics()) {
            json.value(t);
        }
        json.endArray();
        json.name("_feedloom").beginObject().name("topics").beginArray();
        for (String t : a.topics()) {
            json.value(catalog.slugOf(t));
        }
        json.endArray().name("related").beginArray();
        for (Link r : a.related()) {
            json.beginObject().name("url").value(r.url()).name("title").value(r.title()).endObject();
        }
        json.endArray().endObject().endObject();
    }
}
