package org.feedloom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Origin;
import org.feedloom.model.Topic;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** WebSub discovery (issue 5): with a hub configured every feed format names it; without one none does. */
class HubLinksTest {
    static final String HUB = "https://hub.example.org/";
    static final String BASE = "https://feeds.example.org/";
    static final SiteInfo WITH_HUB = new SiteInfo("Feedloom Test", "The Editors", "9.9", 50, HUB);
    static final Topic AI = new Topic("ai", "AI");
    static final List<Article> ARTICLES = List.of(AtomRendererTest.article("example.com/a", "https://example.com/a",
            "Story", AtomRendererTest.P1, AtomRendererTest.U1, Origin.SEED, List.of()));
    static final Catalog CATALOG = AtomRendererTest.catalog(AI, ARTICLES);

    static Document xml(byte[] bytes) {
        return Jsoup.parse(new String(bytes, StandardCharsets.UTF_8), "", Parser.xmlParser());
    }

    @Test
    void atom_withHub_announcesItNextToTheSelfLink_onEveryPage() {
        AtomRenderer renderer = new AtomRenderer(WITH_HUB);
        for (byte[] doc : List.of(renderer.render(CATALOG, AI, BASE), renderer.renderPage(CATALOG, AI, BASE, 1, true))) {
            Document d = xml(doc);
            assertEquals(HUB, d.select("feed > link[rel=hub]").attr("href"));
            assertEquals(1, d.select("feed > link[rel=hub]").size());
        }
    }

    @Test
    void rss_withHub_hasAtomLinkRelHub() {
        Document d = xml(new RssRenderer(WITH_HUB).render(CATALOG, AI, BASE));
        assertEquals(HUB, d.select("channel > atom|link[rel=hub]").attr("href"));
    }

    @Test
    void jsonFeed_withHub_listsItUnderHubs() {
        String json = new String(new JsonFeedRenderer(WITH_HUB).render(CATALOG, AI, BASE), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"hubs\":[{\"type\":\"WebSub\",\"url\":\"" + HUB + "\"}]"), json);
    }

    @Test
    void withoutHub_noFormatMentionsOne() {
        SiteInfo site = new SiteInfo("Feedloom Test", "The Editors", "9.9", 50);
        assertTrue(xml(new AtomRenderer(site).render(CATALOG, AI, BASE)).select("link[rel=hub]").isEmpty());
        assertTrue(xml(new RssRenderer(site).render(CATALOG, AI, BASE)).select("atom|link[rel=hub]").isEmpty());
        assertFalse(new String(new JsonFeedRenderer(site).render(CATALOG, AI, BASE), StandardCharsets.UTF_8)
                .contains("hubs"));
    }

    @Test
    void atom_feedTitle_declaresItsTextType() {
        Document d = xml(new AtomRenderer(WITH_HUB).render(CATALOG, AI, BASE));
        assertEquals("text", d.select("feed > title").attr("type"));
    }
}
