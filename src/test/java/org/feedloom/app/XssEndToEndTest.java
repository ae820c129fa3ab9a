package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.html.XssChecks;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.parse.FeedParser;
import org.feedloom.parse.ParsedFeed;
import org.feedloom.publish.FeedCache;
import org.feedloom.publish.Publisher;
import org.feedloom.publish.SiteInfo;
import org.feedloom.seed.SeedLoader;
import org.feedloom.seed.SeedResult;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.NodeList;

/**
 * The OWASP XSS vectors put into a seed (title, excerpt, body) and into live RSS and Atom feeds, run through
 * the real loader, parser, the merge kept in a real store (a SQLite file), aggregator and publisher: the Atom feeds
 * (html content and summaries, unescaped), the RSS descriptions and the HTML pages (the home page and the topic pages)
 * hold nothing executable.
 */
class XssEndToEndTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final String BASE = "http://127.0.0.1:8080/";
    static final Pattern SCHEME = Pattern.compile("^([a-z][a-z0-9+.-]*):");

    static List<String> vectors() {
        // YAML allows no NUL or other C0 control but tab in a seed; the feeds get every vector
        return XssChecks.vectors().toList();
    }

    static String yamlBlock(String text) {
        return text.lines().map(l -> "  " + l).collect(Collectors.joining("\n"));
    }

    static Path seeds(Path dir) throws Exception {
        List<String> yamlSafe = vectors().stream().filter(v -> v.chars().noneMatch(c -> c < 0x20 && c != '\t')).toList();
        String seed = "---\n"
                + "title: |-\n" + yamlBlock(String.join(" ", yamlSafe.subList(0, 12))) + "\n"
                + "excerpt: |-\n" + yamlBlock(String.join(" ", yamlSafe.subList(12, 40))) + "\n"
                + "webUrl: \"https://example.org/seed-with-vectors\"\n"
                + "publishedDateTime: 2025-12-01T00:00:00Z\n"
                + "topics: [XSS Test]\n"
                + "related:\n  - title: \"<script>alert('related')</script><img src=x onerror=alert(1)>\"\n"
                + "    webUrl: \"https://example.org/related\"\n"
                + "---\n" + String.join("\n", yamlSafe) + "\n";
        Files.writeString(dir.resolve("xss.md"), seed);
        return dir;
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static List<Item> liveItems() throws Exception {
        FeedParser parser = new FeedParser(CLOCK);
        StringBuilder rss = new StringBuilder("<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                + "<channel><title>" + xml("<script>alert('feed')</script>Feed") + "</title><link>https://feed.example/</link>");
        StringBuilder atom = new StringBuilder("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type=\"html\">"
                + xml("<img src=x onerror=alert(1)>Atom") + "</title><link href=\"https://atom.example/\"/><id>tag:atom.example,2026:feed</id>");
        int n = 0;
        for (String v : vectors()) {
            String e = xml(v);
            rss.append("<item><title>").append(e).append("</title><link>https://feed.example/").append(n)
                    .append("</link><description>").append(e).append("</description><content:encoded>").append(e)
                    .append("</content:encoded><author>").append(e).append("</author></item>");
            atom.append("<entry><id>tag:atom.example,2026:").append(n).append("</id><title type=\"html\">").append(e)
                    .append("</title><link href=\"").append(n % 2 == 0 ? "javascript:alert(1)" : "https://atom.example/" + n)
                    .append("\"/><summary type=\"html\">").append(e).append("</summary><content type=\"html\">").append(e)
                    .append("</content><updated>2025-12-02T00:00:00Z</updated></entry>");
            n++;
        }
        ParsedFeed r = parser.parse(rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8), null,
                "https://feed.example/rss", "source:xss-rss");
        ParsedFeed a = parser.parse(atom.append("</feed>").toString().getBytes(StandardCharsets.UTF_8), null,
                "https://atom.example/atom", "source:xss-atom");
        assertEquals(vectors().size(), r.items().size());
        assertEquals(vectors().size(), a.items().size());
        List<Item> all = new ArrayList<>(r.items());
        all.addAll(a.items());
        return all;
    }

    @Test
    void vectorsInSeedsAndFeeds_publishNothingExecutable(@TempDir Path dir) throws Exception {
        SeedResult seeds = SeedLoader.load(seeds(dir));
        assertEquals(List.of(), seeds.problems());
        assertEquals(1, seeds.items().size());
        List<Item> live = liveItems();
        try (MergedStore merged = new MergedStore(Files.createDirectories(dir.resolve("store")), CLOCK)) {
            merged.setSeeds(seeds.items());
            merged.setSourceItems("xss", live);
            Catalog catalog = merged.aggregator.rebuild();
            Publisher publisher = new Publisher(new SiteInfo("Feedloom", "Editors", "test", 500),
                    new FeedCache(FeedloomConfig.Http.DEFAULT.cacheBytes()));

            for (String slug : List.of("all", "xss-test")) {
                byte[] feed = publisher.atom(catalog, slug, BASE).orElseThrow().body();
                int checked = checkAtom(feed, slug);
                // many vectors sanitise to nothing; what is left of the others is published as html
                assertTrue(checked >= (slug.equals("all") ? live.size() : 2), slug + ": " + checked
                        + " html constructs");
                checkPage(publisher.topicPage(catalog, slug, 1, BASE).orElseThrow().body(), "page " + slug);
                checkRss(publisher.rss(catalog, slug, BASE).orElseThrow().body(), "rss " + slug);
            }
            checkPage(publisher.indexPage(catalog, BASE).body(), "index page");
        }
    }

    /** Every html title/summary/content, unescaped, holds nothing executable; every link is http(s). */
    static int checkAtom(byte[] feed, String what) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(feed));
        int html = 0;
        for (String name : List.of("title", "subtitle", "summary", "content", "rights")) {
            NodeList nodes = doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", name);
            for (int i = 0; i < nodes.getLength(); i++) {
                org.w3c.dom.Element el = (org.w3c.dom.Element) nodes.item(i);
                String type = el.getAttribute("type");
                if (type.equals("html") || type.equals("xhtml")) {
                    XssChecks.assertNothingExecutable(el.getTextContent(), what + " " + name);
                    html++;
                } else {
                    assertTrue(type.isEmpty() || type.equals("text"), what + ": " + name + " of type " + type);
                }
            }
        }
        for (String ns : List.of("http://www.w3.org/2005/Atom", "http://search.yahoo.com/mrss/")) {
            for (String name : List.of("link", "thumbnail")) {
                NodeList nodes = doc.getElementsByTagNameNS(ns, name);
                for (int i = 0; i < nodes.getLength(); i++) {
                    org.w3c.dom.Element el = (org.w3c.dom.Element) nodes.item(i);
                    String url = el.hasAttribute("href") ? el.getAttribute("href") : el.getAttribute("url");
                    assertTrue(url.startsWith("http://") || url.startsWith("https://"), what + ": " + name + " " + url);
                }
            }
        }
        return html;
    }

    /** RSS descriptions are HTML to every reader: unescaped, they hold nothing executable. */
    static void checkRss(byte[] feed, String what) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList descriptions = f.newDocumentBuilder().parse(new ByteArrayInputStream(feed)).getElementsByTagName("description");
        assertTrue(descriptions.getLength() > 1, what);
        for (int i = 0; i < descriptions.getLength(); i++) {
            XssChecks.assertNothingExecutable(descriptions.item(i).getTextContent(), what + " description");
        }
    }

    /**
     * The page parsed as a browser would: no script anywhere, no element that runs or embeds content in the
     * body, no event handler or style attribute, no URL of another scheme than http(s) or mailto; the head
     * holds only the template's own meta, title, link and style.
     */
    static void checkPage(byte[] page, String what) {
        Document doc = Jsoup.parse(new String(page, StandardCharsets.UTF_8));
        assertTrue(doc.select("script, iframe, frame, object, embed, applet, form, input, button, base, svg, math, "
                + "noscript, template, xmp, video, audio, source, details").isEmpty(), what + ": " + doc.select("script, iframe, object, embed, form, base, svg"));
        assertEquals(1, doc.select("style").size(), what + ": only the template's style");
        for (Element el : doc.head().children()) {
            assertTrue(List.of("meta", "title", "link", "style").contains(el.normalName()), what + ": <" + el.normalName() + "> in head");
        }
        for (Element el : doc.body().select("meta, link, style, title")) {
            throw new AssertionError(what + ": " + el + " in body");
        }
        for (Element el : doc.getAllElements()) {
            for (Attribute a : el.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                assertFalse(name.startsWith("on") || (name.equals("style") && el != doc.selectFirst("style")),
                        what + ": " + name + " on " + el.normalName());
                if (name.equals("href") || name.equals("src") || name.equals("action") || name.equals("content")
                        && el.normalName().equals("meta") && el.hasAttr("http-equiv")) {
                    String url = a.getValue().replaceAll("[\\u0000-\\u0020]", "").toLowerCase(Locale.ROOT);
                    var m = SCHEME.matcher(url);
                    assertTrue(!m.find() || List.of("http", "https", "mailto").contains(m.group(1)),
                            what + ": " + name + "=" + a.getValue());
                }
            }
        }
    }
}
