package org.feedloom.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Evidence;
import org.feedloom.model.Explanation;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Fold;
import org.feedloom.model.Link;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.StoryLink;
import org.feedloom.model.Topic;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the page that says how an entry was made lists the URLs it was seen under, each folded copy with the
 * share of text shared and the first words shared, each coverage link with the names and figures both report, the
 * seed's own related links apart from these, and the feeds that carried it; every value escaped.
 */
class ArticlePageTest {
    private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    private static final String BASE = "http://127.0.0.1:8080/";

    @Test
    void theEvidenceOfEachLink_isShownUnderWhatItExplains() {
        Article a = new Article("gazette.example/bridge", "https://gazette.example/bridge",
                List.of("gazette.example/bridge", "wire.example/copy"),
                List.of("https://gazette.example/bridge", "https://wire.example/copy"), "Bridge <script>x</script>",
                null, null, T, T, null, List.of("Cities"), List.of(), List.of(),
                List.of(new Link("https://council.example/minutes", "Council minutes"),
                        new Link("https://wire.example/copy", "Also published at Wire"),
                        new Link("https://herald.example/shut", "Also reported by Herald: Shut")),
                null, List.of(new FeedRef("gazette", "The Gazette", "https://gazette.example/")),
                List.of("source:gazette"), Origin.FEED, SeedFacts.NONE);
        Explanation why = Explanation.of(a, new Evidence(
                List.of(new Fold(a.url(), "https://wire.example/copy", "Wire", 0.857, 42, 49, "the council voted")),
                List.of(new StoryLink(a.url(), "https://herald.example/shut", "Herald",
                        List.of("harbour bridge", "2,400")))));
        Topic all = new Topic(Topic.ALL_SLUG, "All articles");
        Topic cities = new Topic("cities", "Cities");
        Catalog catalog = new Catalog(1, List.of(all, cities), Map.of("all", List.of(a), "cities", List.of(a)),
                Map.of("Cities", "cities"), Map.of());

        String html = new String(new HtmlPages(new SiteInfo("Feedloom Test", "Editors", "9.9", 50))
                .article(catalog, why, BASE), StandardCharsets.UTF_8);
        Document page = Jsoup.parse(html);

        assertEquals("Bridge <script>x</script>", page.selectFirst("h1").text(), "the title, escaped");
        assertTrue(page.select("script").isEmpty(), html);
        assertEquals(List.of("https://gazette.example/bridge", "https://wire.example/copy"),
                page.select("h2:containsOwn(Seen under) + p + ul a").eachAttr("href"));
        String fold = page.select("h2:containsOwn(Copies folded in) ~ div table tbody tr").text();
        assertTrue(fold.contains("Also published at Wire") && fold.contains("86% of the shorter text (42 of 49")
                && fold.contains("the council voted"), fold);
        String coverage = page.select("h2:containsOwn(Related coverage) ~ div table tbody tr").text();
        assertTrue(coverage.contains("Also reported by Herald: Shut") && coverage.contains("harbour bridge, 2,400 (2)"),
                coverage);
        assertEquals(List.of("https://council.example/minutes"),
                page.select("h2:containsOwn(Other related links) + p + ul a").eachAttr("href"));
        assertEquals(List.of(BASE + "topics/cities"), page.select("h1 + p a").eachAttr("href"), "its topics");
        assertEquals("The Gazette", page.select("h2:containsOwn(Carried by) + ul a").text());
        assertTrue(html.contains(EntryIds.forArticle(a.key())), "the entry id");
    }
}
