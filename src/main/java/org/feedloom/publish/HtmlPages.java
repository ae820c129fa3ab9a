package org.feedloom.publish;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Explanation;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Fold;
import org.feedloom.model.Image;
import org.feedloom.model.Link;
import org.feedloom.model.StoryLink;
import org.feedloom.model.Topic;
import org.jsoup.Jsoup;

/**
 * The HTML pages for people, from Mustache templates (every value HTML-escaped by the engine): the home page
 * listing the topics, and one river-of-news page per topic ({@code /topics/<slug>}) with paging. Pages carry the
 * feed autodiscovery links and load nothing from elsewhere but the articles' own thumbnails. Thread-safe.
 */
public final class HtmlPages {
    /**
     * The {@code Content-Security-Policy} the pages (these and the {@link StatusPage}) need, and nothing more: no
     * script at all; images over http and https only (the articles' thumbnails, on the publishers' sites, always
     * absolute http(s) URLs); the one inline stylesheet of the {@code head} template, by its SHA-256 hash (computed
     * from the template, so an edit to the style cannot leave a stale hash behind); no {@code <base>}, no form
     * submission, and no framing by other pages.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; img-src http: https:; style-src '"
            + styleHash(Templates.source("head")) + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final SiteInfo site;
    private final Template index;
    private final Template topic;
    private final Template article;

    public HtmlPages(SiteInfo site) {
        this(site, Escapers.HTML);
    }

    /** Pages whose values {@code escaper} escapes: HTML escaping, or, in a test, one that lets markup through. */
    HtmlPages(SiteInfo site, Mustache.Escaper escaper) {
        this.site = site;
        this.index = Templates.compile("index", escaper);
        this.topic = Templates.compile("topic", escaper);
        this.article = Templates.compile("article", escaper);
    }

    /** The URL of a topic's page. */
    public static String pageUrl(String baseUrl, Topic topic) {
        return baseUrl + "topics/" + topic.slug();
    }

    /** The site's index page: every topic with its feeds and {@code countOf} its slug articles. */
    public byte[] index(Catalog catalog, String baseUrl, java.util.function.ToIntFunction<String> countOf) {
        Map<String, Object> ctx = common(catalog, baseUrl, site.title());
        List<Map<String, Object>> topics = new ArrayList<>();
        for (Topic t : catalog.topics()) {
            Map<String, Object> row = feedLinks(baseUrl, t);
            int count = countOf.applyAsInt(t.slug());
            row.put("name", t.name());
            row.put("count", count);
            row.put("page", pageUrl(baseUrl, t));
            row.put("updated", count == 0 ? null : time(catalog.updatedOf(t.slug())));
            topics.add(row);
        }
        ctx.put("topics", topics);
        return bytes(index.execute(ctx));
    }

    /** Page {@code page} (1-based) of a topic's river of news, or null for an unknown topic or page. */
    public byte[] topic(Catalog catalog, String slug, int page, String baseUrl) {
        Topic t = catalog.topic(slug).orElse(null);
        TopicPage cut = t == null ? null : TopicPage.of(catalog, t, page, site.maxEntries());
        return cut == null ? null : topic(catalog, cut, baseUrl);
    }

    /** A page of a topic's river of news, wherever it was read from; {@code catalog} gives the site's topics. */
    public byte[] topic(Catalog catalog, TopicPage cut, String baseUrl) {
        Topic t = cut.topic();
        int page = cut.page();
        int pages = cut.pages();
        Map<String, Object> ctx = common(catalog, baseUrl, t.name() + " — " + site.title());
        ctx.putAll(feedLinks(baseUrl, t));
        ctx.put("topicName", t.name());
        ctx.put("count", cut.count());
        ctx.put("page", page);
        ctx.put("pages", pages);
        String url = pageUrl(baseUrl, t);
        ctx.put("newer", page == 1 ? null : page == 2 ? url : url + "?page=" + (page - 1));
        ctx.put("older", page == pages ? null : url + "?page=" + (page + 1));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Article a : cut.entries()) {
            entries.add(entry(a, baseUrl));
        }
        ctx.put("entries", entries);
        return bytes(topic.execute(ctx));
    }

    /** The URL of the page that says how an article's entry was made ({@link #article}), by one of its URLs. */
    public static String articleUrl(String baseUrl, String articleUrl) {
        return baseUrl + "articles?url=" + java.net.URLEncoder.encode(articleUrl, StandardCharsets.UTF_8);
    }

    /**
     * The page that says how an article's entry was made: the URLs it was seen under, the copies folded into it and
     * its coverage, each with the evidence recorded, its other related links and the feeds that carried it.
     */
    public byte[] article(Catalog catalog, Explanation why, String baseUrl) {
        Article a = why.article();
        Map<String, Object> ctx = common(catalog, baseUrl, a.title() + " — " + site.title());
        ctx.putAll(time(a.published()));
        ctx.put("title", a.title());
        ctx.put("url", a.url().startsWith("http") ? a.url() : "#");
        ctx.put("provider", a.provider() == null ? null : a.provider().displayName());
        ctx.put("id", EntryIds.forArticle(a.key()));
        List<Map<String, Object>> topics = new ArrayList<>();
        for (String name : a.topics()) {
            String slug = catalog.slugs().get(name);
            Topic t = slug == null ? null : catalog.topic(slug).orElse(null);
            if (t != null) {
                topics.add(Map.of("name", t.name(), "page", pageUrl(baseUrl, t)));
            }
        }
        ctx.put("topics", topics);
        ctx.put("aliases", a.aliases());
        ctx.put("keys", a.aliasKeys());
        List<Map<String, Object>> folds = new ArrayList<>();
        for (Fold f : why.folds()) {
            folds.add(withEvidence(linkRow(why.relatedLink(f.copyUrl())), f));
        }
        ctx.put("folds", folds);
        ctx.put("folded", !folds.isEmpty());
        List<Map<String, Object>> coverage = new ArrayList<>();
        for (StoryLink link : why.coverage()) {
            Map<String, Object> row = linkRow(why.relatedLink(link.otherUrl()));
            row.put("terms", String.join(", ", link.terms()));
            row.put("score", link.score());
            coverage.add(row);
        }
        ctx.put("coverage", coverage);
        ctx.put("anyCoverage", !coverage.isEmpty());
        List<Map<String, Object>> others = why.otherRelated().stream().map(HtmlPages::linkRow).toList();
        ctx.put("others", others);
        ctx.put("anyOthers", !others.isEmpty());
        List<Map<String, String>> carriers = new ArrayList<>();
        for (FeedRef f : a.feeds()) {
            Map<String, String> row = new HashMap<>();
            row.put("title", f.title() != null ? f.title() : f.link() != null ? f.link() : f.id());
            row.put("link", f.link() != null && f.link().startsWith("http") ? f.link() : null);
            carriers.add(row);
        }
        ctx.put("carriers", carriers);
        ctx.put("anyCarriers", !carriers.isEmpty());
        return bytes(article.execute(ctx));
    }

    /** {@code row} with why {@code f} was folded, as the pages show it: percent, runs shared of how many, phrase. */
    static Map<String, Object> withEvidence(Map<String, Object> row, Fold f) {
        row.put("percent", Math.round(f.containment() * 100));
        row.put("shared", f.shared());
        row.put("shingles", f.shingles());
        row.put("phrase", f.phrase());
        return row;
    }

    private static Map<String, Object> linkRow(Link link) {
        Map<String, Object> row = new HashMap<>();
        row.put("url", link.url());
        row.put("title", link.title() != null ? link.title() : link.url());
        return row;
    }

    private Map<String, Object> common(Catalog catalog, String baseUrl, String pageTitle) {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("siteTitle", site.title());
        ctx.put("pageTitle", pageTitle);
        ctx.put("base", baseUrl);
        List<Map<String, String>> feeds = new ArrayList<>();
        for (Topic t : catalog.topics()) {
            String title = site.title() + " — " + t.name();
            feeds.add(Map.of("type", "application/atom+xml", "title", title, "href", AtomRenderer.feedUrl(baseUrl, t)));
            feeds.add(Map.of("type", "application/rss+xml", "title", title + " (RSS)", "href", RssRenderer.feedUrl(baseUrl, t)));
            feeds.add(Map.of("type", "application/feed+json", "title", title + " (JSON)",
                    "href", JsonFeedRenderer.feedUrl(baseUrl, t)));
        }
        ctx.put("feeds", feeds);
        return ctx;
    }

    private static Map<String, Object> feedLinks(String baseUrl, Topic t) {
        Map<String, Object> m = new HashMap<>();
        m.put("atom", AtomRenderer.feedUrl(baseUrl, t));
        m.put("rss", RssRenderer.feedUrl(baseUrl, t));
        m.put("json", JsonFeedRenderer.feedUrl(baseUrl, t));
        return m;
    }

    private static Map<String, Object> entry(Article a, String baseUrl) {
        Map<String, Object> m = new HashMap<>(time(a.published()));
        // an entry made of several URLs, or with links to other articles, says how on a page of its own
        m.put("about", a.aliasKeys().size() > 1 || !a.related().isEmpty() ? articleUrl(baseUrl, a.url()) : null);
        m.put("title", a.title());
        m.put("url", a.url().startsWith("http") ? a.url() : "#");
        m.put("provider", a.provider() == null ? null : a.provider().displayName());
        m.put("excerpt", a.excerpt() == null ? null : Jsoup.parse(a.excerpt()).text());
        Image img = a.images().isEmpty() ? null : a.images().get(0);
        if (img != null) {
            Map<String, Object> image = new HashMap<>();
            image.put("url", img.url());
            image.put("width", img.width());
            image.put("height", img.height());
            m.put("image", image);
        }
        List<Map<String, String>> related = new ArrayList<>();
        for (Link r : a.related()) {
            related.add(Map.of("url", r.url(), "title", r.title() != null ? r.title() : r.url()));
        }
        m.put("related", related);
        m.put("hasRelated", !related.isEmpty());
        return m;
    }

    private static Map<String, Object> time(Instant t) {
        Map<String, Object> m = new HashMap<>();
        m.put("iso", DateTimeFormatter.ISO_INSTANT.format(t));
        m.put("day", DateTimeFormatter.ISO_INSTANT.format(t).substring(0, 10));
        return m;
    }

    /**
     * The CSP source of the one {@code <style>} element of {@code template}: {@code sha256-} and the Base64 SHA-256
     * of its text, which the engine copies into every page unchanged (it holds no tag).
     *
     * @throws IllegalStateException if the template has no {@code <style>} element, or more than one, or a tag in it
     */
    static String styleHash(String template) {
        int start = template.indexOf("<style>");
        int end = template.indexOf("</style>");
        int tag = template.indexOf("{{", start);
        if (start < 0 || end < start || template.indexOf("<style", start + 1) >= 0 || tag >= 0 && tag < end) {
            throw new IllegalStateException("publish: the head template needs exactly one <style> element, without tags");
        }
        String css = template.substring(start + "<style>".length(), end);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes(css));
            return "sha256-" + java.util.Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("publish: no SHA-256", e);
        }
    }

    private static byte[] bytes(String html) {
        return html.getBytes(StandardCharsets.UTF_8);
    }
}
