package org.feedloom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.io.WireFeedInput;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Image;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Topic;
import org.jdom2.Element;
import org.junit.jupiter.api.Test;

class AtomRendererTest {
    static final Instant P1 = Instant.parse("2022-07-05T10:19:00Z");
    static final Instant U1 = Instant.parse("2022-07-06T08:00:00Z");
    static final Instant P2 = Instant.parse("2022-07-01T00:00:00Z");
    static final SiteInfo SITE = new SiteInfo("Feedloom Test", "The Editors", "9.9", 50);

    static Article article(String key, String url, String title, Instant published, Instant updated,
                           Origin origin, List<FeedRef> feeds) {
        return new Article(key, url, List.of(key), List.of(url), title, Body.of("An excerpt & more"), null, published, updated,
                new Provider("Forbes", "forbes.com", List.of()), List.of("Computer Vision", "AI"), List.of(),
                List.of(new Image("https://img.example/1.jpg", 1200, 943, true)),
                List.of(new org.feedloom.model.Link("https://other.example/r", "A related story")),
                null, feeds, List.of("seed:x"), origin, SeedFacts.NONE);
    }

    /** A catalog of one topic and its articles (newest first), without topic rules: a name's slug is its own. */
    static Catalog catalog(Topic topic, List<Article> articles) {
        Map<String, String> slugs = new HashMap<>();
        articles.forEach(a -> a.topics().forEach(name -> slugs.put(name, Topic.slugOf(name))));
        return new Catalog(1, List.of(topic), Map.of(topic.slug(), articles), slugs, Map.of());
    }

    static Feed parse(byte[] xml) throws Exception {
        WireFeedInput input = new WireFeedInput();
        return (Feed) input.build(new InputStreamReader(new ByteArrayInputStream(xml), StandardCharsets.UTF_8));
    }

    @Test
    void render_parsesBackWithRome_fieldByField() throws Exception {
        Article a = article("forbes.com/a", "https://www.forbes.com/a/", "Story <one>", P1, U1, Origin.SEED, List.of());
        Article b = article("example.com/b", "https://example.com/b", "Story two", P2, P2, Origin.FEED,
                List.of(new FeedRef("https://example.com/feed", "Example feed", "https://example.com/")));
        Topic ai = new Topic("ai", "AI");
        byte[] xml = new AtomRenderer(SITE).render(catalog(ai, List.of(a, b)), ai, "http://127.0.0.1:8080/");
        Feed feed = parse(xml);

        assertEquals("atom_1.0", feed.getFeedType());
        assertEquals(EntryIds.forTopic("ai"), feed.getId());
        assertEquals("Feedloom Test — AI", feed.getTitle());
        assertEquals(Date.from(U1), feed.getUpdated(), "feed updated = newest entry updated");
        assertEquals("http://127.0.0.1:8080/", feed.getAlternateLinks().get(0).getHref());
        Link self = feed.getOtherLinks().stream().filter(l -> l.getRel().equals("self")).findFirst().orElseThrow();
        assertEquals("http://127.0.0.1:8080/feeds/ai.xml", self.getHref());
        assertEquals("Feedloom", feed.getGenerator().getValue());
        assertEquals("The Editors", feed.getAuthors().get(0).getName());
        assertEquals(2, feed.getEntries().size());

        Entry e = feed.getEntries().get(0);
        assertEquals(EntryIds.forArticle("forbes.com/a"), e.getId());
        assertTrue(e.getId().startsWith("urn:uuid:"));
        assertEquals("Story <one>", e.getTitle());
        assertEquals("https://www.forbes.com/a/", e.getAlternateLinks().get(0).getHref());
        Link related = e.getOtherLinks().get(0);
        assertEquals("related", related.getRel());
        assertEquals("https://other.example/r", related.getHref());
        assertEquals("A related story", related.getTitle());
        assertEquals(Date.from(P1), e.getPublished());
        assertEquals(Date.from(U1), e.getUpdated());
        assertEquals("An excerpt & more", e.getSummary().getValue());
        assertEquals("text", e.getSummary().getType());
        assertEquals("Forbes", e.getAuthors().get(0).getName());
        assertEquals("https://forbes.com/", e.getAuthors().get(0).getUri());
        assertEquals(List.of("computer-vision", "ai"), e.getCategories().stream().map(c -> c.getTerm()).toList());
        assertEquals(List.of("Computer Vision", "AI"), e.getCategories().stream().map(c -> c.getLabel()).toList());
        Element thumb = e.getForeignMarkup().stream().filter(el -> el.getName().equals("thumbnail")).findFirst().orElseThrow();
        assertEquals("http://search.yahoo.com/mrss/", thumb.getNamespaceURI());
        assertEquals("https://img.example/1.jpg", thumb.getAttributeValue("url"));
        assertEquals("1200", thumb.getAttributeValue("width"));
        assertEquals("943", thumb.getAttributeValue("height"));
        assertNull(e.getSource(), "seed articles carry no atom:source");

        Entry live = feed.getEntries().get(1);
        assertNotNull(live.getSource(), "live articles name the feed they came from");
        assertEquals("https://example.com/feed", live.getSource().getId());
        assertEquals("Example feed", live.getSource().getTitle());
        assertFalse(new String(xml, StandardCharsets.UTF_8).contains("secured"));
    }

    @Test
    void render_limitsEntriesToMaxEntries() throws Exception {
        SiteInfo two = new SiteInfo("T", "A", "1", 2);
        List<Article> many = List.of(
                article("a.com/1", "https://a.com/1", "1", P1, P1, Origin.SEED, List.of()),
                article("a.com/2", "https://a.com/2", "2", P2, P2, Origin.SEED, List.of()),
                article("a.com/3", "https://a.com/3", "3", P2, P2, Origin.SEED, List.of()));
        Topic all = new Topic("all", "All");
        Feed feed = parse(new AtomRenderer(two).render(catalog(all, many), all, "https://x.org/"));
        assertEquals(2, feed.getEntries().size());
    }

    @Test
    void pagedFeed_walkingNextLinks_visitsEveryArticleOnceInOrder() throws Exception {
        SiteInfo two = new SiteInfo("T", "A", "1", 2);
        AtomRenderer renderer = new AtomRenderer(two);
        List<Article> five = new java.util.ArrayList<>();
        for (int i = 5; i >= 1; i--) {
            Instant t = P2.plusSeconds(i * 3600L);
            five.add(article("a.com/" + i, "https://a.com/" + i, "n" + i, t, t, Origin.SEED, List.of()));
        }
        Topic topic = new Topic("ai", "AI");
        Catalog catalog = catalog(topic, five);
        String base = "https://x.org/";
        assertEquals(3, renderer.pageCount(5));
        List<String> seen = new java.util.ArrayList<>();
        Feed page = parse(renderer.render(catalog, topic, base));
        assertEquals(base + "feeds/ai.xml", rel(page, "self"));
        assertEquals(base + "feeds/ai.xml?page=3", rel(page, "last"));
        assertNull(rel(page, "previous"));
        int n = 1;
        while (true) {
            page.getEntries().forEach(e -> seen.add(e.getTitle()));
            String next = rel(page, "next");
            if (next == null) {
                break;
            }
            n = Integer.parseInt(next.substring(next.indexOf("?page=") + 6));
            page = parse(renderer.renderPage(catalog, topic, base, n, true));
            assertEquals(next, rel(page, "self"), "the self link is the URL the page is served at");
            assertEquals(base + "feeds/ai.xml", rel(page, "first"));
        }
        assertEquals(3, n);
        assertEquals(List.of("n5", "n4", "n3", "n2", "n1"), seen);
        assertEquals(base + "feeds/ai.xml?page=2", rel(page, "previous"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> renderer.renderPage(catalog, topic, base, 4, true));
    }

    static String rel(Feed feed, String rel) {
        return feed.getOtherLinks().stream().filter(l -> rel.equals(l.getRel())).map(Link::getHref).findFirst().orElse(null);
    }

    /** Issue 11: the W3C validator asks every text construct to say its type, atom:source's title included. */
    @Test
    void everyTextConstruct_declaresItsType_feedEntriesAndTheirSources() {
        Article seed = article("forbes.com/a", "https://www.forbes.com/a/", "Story <one>", P1, U1, Origin.SEED, List.of());
        Article live = new Article("example.com/b", "https://example.com/b", List.of("example.com/b"),
                List.of("https://example.com/b"), "Story two", Body.of("<p>An <b>HTML</b> excerpt</p>"), Body.of("<p>Content</p>"), P2, P2,
                null, List.of("AI"), List.of(), List.of(), List.of(), null,
                List.of(new FeedRef("https://example.com/feed", "Example feed", "https://example.com/")),
                List.of("source:example"), Origin.FEED, SeedFacts.NONE);
        Topic ai = new Topic("ai", "AI");
        byte[] xml = new AtomRenderer(SITE).render(catalog(ai, List.of(seed, live)), ai, "https://x.org/");
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(new String(xml, StandardCharsets.UTF_8), "",
                org.jsoup.parser.Parser.xmlParser());
        List<String> constructs = new java.util.ArrayList<>();
        List<String> untyped = new java.util.ArrayList<>();
        for (org.jsoup.nodes.Element e : doc.select("title, subtitle, summary, content, rights")) {
            String path = e.parent().tagName() + ">" + e.tagName();
            constructs.add(path + "=" + e.attr("type"));
            if (!e.hasAttr("type") && !e.hasAttr("src")) {
                untyped.add(path);
            }
        }
        assertEquals(List.of(), untyped, String.join("\n", constructs));
        assertEquals(List.of("feed>title=text", "entry>title=text", "entry>summary=text", "entry>title=text",
                "entry>content=html", "entry>summary=html", "source>title=text"), constructs);
    }

    @Test
    void entryIds_dependOnTheKeyAlone() {
        assertEquals(EntryIds.forArticle("x.com/a"), EntryIds.forArticle("x.com/a"));
        assertFalse(EntryIds.forArticle("x.com/a").equals(EntryIds.forArticle("x.com/b")));
        // pinned: changing the namespace or the hashing would change every published id
        assertEquals("urn:uuid:8026aa44-c850-53fe-abb8-0a7325d95645",
                EntryIds.forArticle("thenextweb.com/news/why-facial-expression-recognition-ai-is-total-scam"));
        assertEquals('5', EntryIds.forArticle("x.com/a").charAt("urn:uuid:".length() + 14), "version 5 UUID");
    }
}
