package org.feedloom.publish;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Generator;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.synd.SyndPerson;
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
import org.feedloom.model.FeedRef;
import org.feedloom.model.Image;
import org.feedloom.model.Origin;
import org.feedloom.model.Topic;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jdom2.output.Format;
import org.jdom2.output.XMLOutputter;

/**
 * Renders one topic as an Atom 1.0 document with ROME. Pure: the same inputs give the same bytes.
 * Thread-safe.
 */
public final class AtomRenderer {
    static final Namespace MEDIA = Namespace.getNamespace("media", "http://search.yahoo.com/mrss/");

    private final SiteInfo site;

    public AtomRenderer(SiteInfo site) {
        this.site = site;
    }

    /**
     * The feed document (the first page).
     *
     * @param catalog the catalog: the topic's articles, newest first (the first {@link SiteInfo#maxEntries()} are
     *                rendered), and the slugs of their topics
     * @param topic   one of the catalog's topics
     * @param baseUrl absolute base URL of the site, ending in {@code /}
     * @return the document as UTF-8 bytes
     */
    public byte[] render(Catalog catalog, Topic topic, String baseUrl) {
        return renderPage(catalog, topic, baseUrl, 1, false);
    }

    /** The number of RFC 5005 pages of a topic with {@code count} articles (at least one). */
    public int pageCount(int count) {
        return TopicPage.pageCount(count, site.maxEntries());
    }

    /**
     * One page of an RFC 5005 paged feed: page 1 holds the newest {@link SiteInfo#maxEntries()} articles, and
     * {@code first}, {@code previous}, {@code next} and {@code last} links let a reader walk the whole topic.
     *
     * @param page     1-based, at most {@link #pageCount(int)}
     * @param explicit whether the page was asked for with {@code ?page=N} (the self link then says so)
     */
    public byte[] renderPage(Catalog catalog, Topic topic, String baseUrl, int page, boolean explicit) {
        TopicPage cut = TopicPage.of(catalog, topic, page, site.maxEntries());
        if (cut == null) {
            throw new IllegalArgumentException("publish: page " + page + " out of range 1.."
                    + pageCount(catalog.articlesOf(topic.slug()).size()));
        }
        return renderPage(cut, baseUrl, explicit);
    }

    /** {@link #renderPage(Catalog, Topic, String, int, boolean)} of a page wherever it was read from. */
    public byte[] renderPage(TopicPage cut, String baseUrl, boolean explicit) {
        Topic topic = cut.topic();
        int page = cut.page();
        int pages = cut.pages();
        List<Article> shown = cut.entries();
        String url = feedUrl(baseUrl, topic);
        List<Link> links = new ArrayList<>();
        links.add(link("self", "application/atom+xml", explicit ? url + "?page=" + page : url, null));
        if (site.hub() != null) {
            links.add(link("hub", null, site.hub(), null));
        }
        if (pages > 1) {
            links.add(link("first", "application/atom+xml", url, null));
            links.add(link("last", "application/atom+xml", url + "?page=" + pages, null));
            if (page > 1) {
                links.add(link("previous", "application/atom+xml", page == 2 ? url : url + "?page=" + (page - 1), null));
            }
            if (page < pages) {
                links.add(link("next", "application/atom+xml", url + "?page=" + (page + 1), null));
            }
        }
        Feed feed = new Feed("atom_1.0");
        feed.setId(EntryIds.forTopic(topic.slug()));
        feed.setTitleEx(text(site.title() + " — " + topic.name()));
        feed.setUpdated(Date.from(shown.stream().map(Article::updated).max(Instant::compareTo)
                .orElse(Instant.EPOCH)));
        feed.setAlternateLinks(List.of(link("alternate", "text/html", baseUrl, null)));
        feed.setOtherLinks(links);
        Generator generator = new Generator();
        generator.setValue("Feedloom");
        generator.setVersion(site.version());
        generator.setUrl("https://github.com/feedloom/feedloom");
        feed.setGenerator(generator);
        feed.setAuthors(List.of(person(site.author(), null)));
        List<Entry> entries = new ArrayList<>(shown.size());
        for (Article article : shown) {
            entries.add(entry(article, cut));
        }
        feed.setEntries(entries);
        return write(feed);
    }

    /** The absolute URL of a topic's Atom feed. */
    public static String feedUrl(String baseUrl, Topic topic) {
        return baseUrl + "feeds/" + topic.slug() + ".xml";
    }

    private Entry entry(Article article, TopicPage cut) {
        Entry entry = new Entry();
        entry.setId(EntryIds.forArticle(article.key()));
        entry.setTitleEx(text(article.title()));
        if (isHttp(article.url())) {
            entry.setAlternateLinks(List.of(link("alternate", "text/html", article.url(), null)));
        }
        List<Link> related = new ArrayList<>();
        for (org.feedloom.model.Link r : article.related()) {
            related.add(link("related", null, r.url(), r.title()));
        }
        entry.setOtherLinks(related);
        entry.setPublished(Date.from(article.published()));
        entry.setUpdated(Date.from(article.updated()));
        if (article.excerpt() != null) {
            entry.setSummary(textOrHtml(article.excerpt()));
        }
        if (article.content() != null) {
            Content content = new Content();
            content.setType(Content.HTML);
            content.setValue(article.content());
            entry.setContents(List.of(content));
        }
        entry.setAuthors(authors(article));
        List<Category> categories = new ArrayList<>();
        for (String name : article.topics()) {
            Category c = new Category();
            c.setTerm(cut.slugOf(name));
            c.setLabel(name);
            categories.add(c);
        }
        entry.setCategories(categories);
        entry.setForeignMarkup(thumbnails(article.images()));
        if (article.origin() == Origin.FEED && !article.feeds().isEmpty()) {
            entry.setSource(source(article.feeds().get(0)));
        }
        return entry;
    }

    private static List<SyndPerson> authors(Article article) {
        List<SyndPerson> authors = new ArrayList<>();
        if (article.author() != null) {
            authors.add(person(article.author(), null));
        }
        if (article.provider() != null && (article.author() == null
                || !article.author().equals(article.provider().displayName()))) {
            authors.add(person(article.provider().displayName(), article.provider().uri()));
        }
        return authors;
    }

    /** Media RSS thumbnails of an article's images (RSS uses them too). */
    static List<Element> thumbnails(List<Image> images) {
        List<Element> out = new ArrayList<>();
        for (Image image : images) {
            Element thumb = new Element("thumbnail", MEDIA).setAttribute("url", image.url());
            if (image.width() != null) {
                thumb.setAttribute("width", image.width().toString());
            }
            if (image.height() != null) {
                thumb.setAttribute("height", image.height().toString());
            }
            out.add(thumb);
        }
        return out;
    }

    private static Feed source(FeedRef ref) {
        Feed source = new Feed("atom_1.0");
        source.setId(ref.id());
        if (ref.title() != null) {
            source.setTitleEx(text(ref.title())); // Feed.setTitle leaves the type out
        }
        if (ref.link() != null && isHttp(ref.link())) {
            source.setAlternateLinks(List.of(link("alternate", null, ref.link(), null)));
        }
        return source;
    }

    /**
     * A {@code type="text"} text construct. Every text construct is built by this method or {@link #textOrHtml}, or
     * is HTML content, so each declares its type: ROME writes the type only when one is set.
     */
    private static Content text(String value) {
        Content c = new Content();
        c.setType(Content.TEXT);
        c.setValue(value);
        return c;
    }

    private static Content textOrHtml(String value) {
        Content c = new Content();
        boolean html = PlainText.hasMarkup(value);
        c.setType(html ? Content.HTML : Content.TEXT);
        c.setValue(html ? value : PlainText.of(value));
        return c;
    }

    private static Person person(String name, String uri) {
        Person p = new Person();
        p.setName(name);
        if (uri != null) {
            p.setUri(uri);
        }
        return p;
    }

    private static Link link(String rel, String type, String href, String title) {
        Link l = new Link();
        l.setRel(rel);
        l.setHref(href);
        if (type != null) {
            l.setType(type);
        }
        if (title != null) {
            l.setTitle(title);
        }
        return l;
    }

    private static boolean isHttp(String url) {
        return url.startsWith("http://") || url.startsWith("https://");
    }

    private static byte[] write(Feed feed) {
        try {
            Document doc = new WireFeedOutput().outputJDom(feed);
            doc.getRootElement().addNamespaceDeclaration(MEDIA);
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            new XMLOutputter(Format.getPrettyFormat().setEncoding("UTF-8")).output(doc, out);
            return out.toByteArray();
        } catch (FeedException | IOException e) {
            throw new IllegalStateException("publish: cannot render Atom feed " + feed.getId(), e);
        }
    }
}
