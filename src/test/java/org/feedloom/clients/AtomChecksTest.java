package org.feedloom.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.FeedRef;
import org.feedloom.model.Origin;
import org.feedloom.publish.AtomRenderer;
import org.feedloom.publish.SiteInfo;
import org.feedloom.topic.TopicIndex;
import org.junit.jupiter.api.Test;

/** The feed-validator checks of {@link AtomChecks} find each problem they are for, and pass a clean document. */
class AtomChecksTest {
    static final String SELF = "https://feeds.example.org/feeds/ai.xml";

    static List<String> problems(String xml) throws Exception {
        return AtomChecks.problems(AtomChecks.parse(xml.getBytes(StandardCharsets.UTF_8)), SELF);
    }

    @Test
    void cleanDocument_hasNoProblems() throws Exception {
        assertEquals(List.of(), problems("""
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
                  <title type="text">T</title><id>urn:uuid:6f1c2b8e-4d35-5a8e-9c1b-fe3d10a0c0de</id>
                  <link rel="self" href="https://feeds.example.org/feeds/ai.xml"/>
                  <updated>2022-07-07T22:10:00Z</updated><author><name>Ed</name></author>
                  <entry><title type="html">A &amp;lt;b&amp;gt;</title><id>https://example.com/a</id>
                    <link href="https://example.com/a"/><updated>2022-07-07T22:10:00.5+02:00</updated>
                    <media:thumbnail url="https://img.example/a.jpg"/></entry>
                </feed>"""));
    }

    @Test
    void everyKindOfProblem_isReported() throws Exception {
        assertEquals(List.of(
                "feed id 'feed-1' is not an absolute URI",
                "self link [https://feeds.example.org/feeds/other.xml] is not the URL served, " + SELF,
                "entry id 'a' is not an absolute URI",
                "entry a has no author and the feed has none",
                "entry a has neither an alternate link nor content",
                "entry id 'a' is not an absolute URI",
                "entry id a appears twice",
                "entry a has no author and the feed has none",
                "title 'T' does not declare its type",
                "updated '2022-07-07 22:10:00' is not an RFC 3339 date-time",
                "entry has xml:base='/x/'",
                "link href '../b' is not an absolute URI",
                "media:thumbnail url '/img.jpg' is not an absolute URI"), problems("""
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
                  <title>T</title><id>feed-1</id>
                  <link rel="self" href="https://feeds.example.org/feeds/other.xml"/>
                  <updated>2022-07-07 22:10:00</updated>
                  <entry xml:base="/x/"><title type="text">A</title><id>a</id><updated>2022-07-07T22:10:00Z</updated>
                    <link rel="related" href="../b"/><media:thumbnail url="/img.jpg"/></entry>
                  <entry><title type="text">A</title><id>a</id><updated>2022-07-07T22:10:00Z</updated>
                    <content src="https://example.com/a"/></entry>
                </feed>"""));
    }

    /**
     * Issue 11: the client tests serve seed articles only, so the text constructs of a live entry (its atom:source
     * title among them) are checked here, on what Feedloom renders.
     */
    @Test
    void feedloomsAtom_withALiveEntry_hasNoProblems() throws Exception {
        Instant t = Instant.parse("2022-07-07T22:10:00Z");
        Article live = new Article("example.com/b", "https://example.com/b", List.of("example.com/b"),
                List.of("https://example.com/b"), "Story", Body.of("<p>An <b>HTML</b> excerpt</p>"), Body.of("<p>Content</p>"), t, t,
                null, List.of("AI"), List.of(), List.of(), List.of(), "Ed",
                List.of(new FeedRef("https://example.com/feed", "Example feed", "https://example.com/")),
                List.of("source:example"), Origin.FEED, null);
        Catalog catalog = new TopicIndex(List.of()).catalog(1, List.of(live));
        byte[] xml = new AtomRenderer(new SiteInfo("Feedloom", "Feedloom", "test", 50))
                .render(catalog, catalog.topic("ai").orElseThrow(), "https://feeds.example.org/");
        assertEquals(List.of(), AtomChecks.problems(AtomChecks.parse(xml), SELF));
    }
}
