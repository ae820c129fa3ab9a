package org.feedloom.publish;

import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Renders one topic as RSS 2.0 with ROME: the same entries as the Atom feed, with the Atom entry id as a
 * non-permalink guid, an {@code atom:link rel="self"}, the provider as {@code dc:creator} and images as Media RSS
 * thumbnails. Pure; thread-safe.
 */
public final class RssRenderer {
    static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    static final Namespace DC = Namespace.getNamespace("dc", "http://purl.org/dc/elements/1.1/");

    private final SiteInfo site;

    public RssRenderer(SiteInfo site) {
        this.site = site;
    }

    /**
     * The feed document.
     *
     * @param catalog the catalog: the topic's articles, newest first (the first {@link SiteInfo#maxEntries()} are
     *                rendered)
     * @param topic   one of the catalog's topics
     * @param baseUrl absolute base URL of the site, ending in {@code /}
     */
    public byte[] render(Catalog catalog, Topic topic, String baseUrl) {
        List<Article> shown = site.firstPage(catalog, topic);
        Channel channel = new Channel("rss_2.0");
        channel.setTitle(site.title() + " — " + topic.name());
        channel.setLink(baseUrl);
        channel.setDescription("Articles about " + topic.name() + ", from " + site.title());
        channel.setGenerator("Feedloom " + site.version());
        channel.setDocs("https://www.rssboard.org/rss-specification");
        Instant updated = shown.stream().map(Article::updated).max(Instant::compareTo).orElse(Instant.EPOCH);
        channel.setLastBuildDate(Date.from(updated));
        List<Element> links = new ArrayList<>();
        links.add(new Element("link", ATOM).setAttribute("rel", "self")
                .setAttribute("type", "application/rss+xml").setAttribute("href", feedUrl(baseUrl, topic)));
        if (site.hub() != null) {
            links.add(new Element("link", ATOM).setAttribute("rel", "hub").setAttribute("href", site.hub()));
        }
        channel.setForeignMarkup(links);
        List<Item> items = new ArrayList<>(shown.size());
        for (Article article : shown) {
            items.add(item(article));
        }
        channel.setItems(items);
        return write(channel);
    }

    public static String feedUrl(String baseUrl, Topic topic) {
        return baseUrl + "feeds/" + topic.slug() + ".rss";
    }

    private static Item item(Article article) {
        Item item = new Item();
        item.setTitle(article.title());
        if (article.url().startsWith("http")) {
            item.setLink(article.url());
        }
        Guid guid = new Guid();
        guid.setPermaLink(false);
        guid.setValue(EntryIds.forArticle(article.key()));
        item.setGuid(guid);
        item.setPubDate(Date.from(article.published()));
        if (article.excerpt() != null) {
            Description description = new Description();
            description.setType("text/html");
            description.setValue(article.excerpt());
            item.setDescription(description);
        }
        List<Category> categories = new ArrayList<>();
        for (String name : article.topics()) {
            Category c = new Category();
            c.setValue(name);
            categories.add(c);
        }
        item.setCategories(categories);
        List<Element> extra = new ArrayList<>();
        if (article.provider() != null) {
            extra.add(new Element("creator", DC).setText(article.provider().displayName()));
        }
        extra.addAll(AtomRenderer.thumbnails(article.images()));
        item.setForeignMarkup(extra);
        return item;
    }

    private static byte[] write(Channel channel) {
        try {
            Document doc = new WireFeedOutput().outputJDom(channel);
            doc.getRootElement().addNamespaceDeclaration(ATOM);
            doc.getRootElement().addNamespaceDeclaration(DC);
            doc.getRootElement().addNamespaceDeclaration(AtomRenderer.MEDIA);
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).output(doc, out);
            return out.toByteArray();
        } catch (FeedException | IOException e) {
            throw new IllegalStateException("publish: cannot render RSS feed " + channel.getTitle(), e);
        }
    }
}
