package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Link;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;
import org.feedloom.model.StoryLink;
import org.junit.jupiter.api.Test;

/** Issue 15: the related coverage of published articles, kept up to date one article at a time. */
class CoverageTest {
    private static final Instant T0 = Instant.parse("2026-02-11T06:20:00Z");
    private static final String REPORT = "<p>Sheriff Dana Pruitt ordered about 1,400 residents below Lake Corrine to "
            + "leave after the spillway eroded.</p>";
    private static final String EXPLAINER = "<p>The spillway at Lake Corrine began to wash away. The 1,400 people "
            + "ordered out are waiting, and Sheriff Dana Pruitt repeated her message.</p>";

    static Article article(String url, String provider, Instant published, String title, String excerpt,
                           String content) {
        String key = CanonicalUrl.keyOf(url);
        return new Article(key, url, List.of(key), List.of(url), title, Body.of(excerpt), Body.of(content), published, published,
                provider == null ? null : new Provider(provider, null, List.of()), List.of(), List.of(), List.of(),
                List.of(), null, List.of(), List.of(), Origin.FEED, null);
    }

    private static Article report() {
        return article("https://inlanddaily.example/news/lake-corrine-evacuation", "Inland Daily", T0,
                "Sheriff orders residents below Lake Corrine dam to leave", null, REPORT);
    }

    private static Article explainer(String url, Instant published) {
        return article(url, "Statehouse Report", published, "What went wrong at the dam", null, EXPLAINER);
    }

    private static Article explainer() {
        return explainer("https://statehouse.example/what-went-wrong-at-the-dam", T0.plusSeconds(12 * 3600));
    }

    @Test
    void sameStoryOnDifferentHosts_linkBothWays() {
        Coverage coverage = new Coverage(RelatedRule.DEFAULT);
        Article a = report();
        Article b = explainer();
        assertEquals(Set.of(), coverage.put(a));
        assertEquals(Set.of(a.key()), coverage.put(b));
        assertEquals(List.of(new Link(b.url(), "Also reported by Statehouse Report: What went wrong at the dam")),
                coverage.linksOf(a.key()));
        assertEquals(List.of(new Link(a.url(),
                        "Also reported by Inland Daily: Sheriff orders residents below Lake Corrine dam to leave")),
                coverage.linksOf(b.key()));
        assertEquals(2, coverage.linked());
        List<StoryLink> evidence = coverage.evidenceOf(a.key());
        assertEquals(1, evidence.size());
        assertTrue(evidence.get(0).terms().containsAll(List.of("lake corrine", "sheriff dana pruitt", "1,400")),
                evidence.toString());
        assertEquals(b.url(), evidence.get(0).otherUrl());
        List<StoryLink> made = coverage.drainMade();
        assertEquals(1, made.size());
        assertEquals(evidence.get(0).terms(), made.get(0).terms());
        assertEquals(List.of(), coverage.drainMade());
    }

    @Test
    void givenWhereToReadArticles_itHoldsNoArticlePutIn_andReadsTextsThereForEvidence() throws Exception {
        Map<String, Article> store = new HashMap<>(); // what a store would read back: copies, not the objects put in
        List<Collection<String>> asked = new ArrayList<>();
        Coverage coverage = new Coverage(RelatedRule.DEFAULT, new Coverage.Archive() {
            @Override
            public Map<String, Article> articles(Collection<String> keys) {
                asked.add(List.copyOf(keys));
                Map<String, Article> out = new HashMap<>();
                keys.forEach(key -> out.put(key, copyOf(store.get(key))));
                return out;
            }

            @Override
            public List<Article> publishedOn(long fromDay, long toDay) {
                throw new AssertionError("no day was let go");
            }

            @Override
            public Map<String, TextTerms> keptTerms(Collection<String> keys) {
                return Map.of();
            }
        });
        WeakReference<Article> putIn = putAndForget(coverage, store, report());
        putAndForget(coverage, store, explainer());
        for (int i = 0; i < 20 && putIn.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(putIn.get(), "the coverage holds no article it was given");
        assertEquals(List.of(new Link(explainer().url(),
                "Also reported by Statehouse Report: What went wrong at the dam")), coverage.linksOf(report().key()));
        List<StoryLink> made = coverage.drainMade();
        assertEquals(1, made.size());
        assertTrue(made.get(0).terms().containsAll(List.of("lake corrine", "sheriff dana pruitt", "1,400")),
                made.toString());
        assertEquals(List.of(List.of(report().key())), asked, "the first article's texts read once, for its evidence");
        Coverage holding = new Coverage(RelatedRule.DEFAULT);
        holding.put(report());
        holding.put(explainer());
        assertEquals(holding.drainMade(), made, "the evidence a coverage holding its articles gives");
    }

    /** Puts a copy of {@code article} in, keeps another in {@code store}, and gives a weak reference to the one put. */
    private static WeakReference<Article> putAndForget(Coverage coverage, Map<String, Article> store,
                                                       Article article) {
        Article given = copyOf(article);
        store.put(article.key(), copyOf(article));
        coverage.put(given);
        return new WeakReference<>(given);
    }

    private static Article copyOf(Article a) {
        return article(a.url(), a.provider() == null ? null : a.provider().name(), a.published(), a.title(),
                a.excerpt(), a.content());
    }

    @Test
    void aPartnerWithoutProvider_isNamedByItsHost() {
        Coverage coverage = new Coverage(RelatedRule.DEFAULT);
        Article a = report();
        Article b = article("https://www.statehouse.example/dam", null, T0, "What went wrong", null, EXPLAINER);
        coverage.put(a);
        coverage.put(b);
        assertEquals(List.of(new Link(b.url(), "Also reported by statehouse.example: What went wrong")),
                coverage.linksOf(a.key()));
    }

    @Test
    void twoArticlesOfOneHost_areNotLinked() {
        Coverage coverage = new Coverage(RelatedRule.DEFAULT);
        Article a = report();
        Article b = explainer("https://www.inlanddaily.example/explainers/what-went-wrong", T0.plusSeconds(3600));
        coverage.put(a);
        assertEquals(Set.of(), coverage.put(b));
        assertEquals(List.of(), coverage.linksOf(a.key()));
        assertEquals(0, coverage.linked());
    }

    @Test
    void articlesFurtherApartThanTheWindow_areNotLinked() {
        Duration window = RelatedRule.DEFAULT.window();
        Coverage coverage = new Coverage(RelatedRule.DEFAULT);
        Article a = report();
        coverage.put(a);
        Article late = explainer("https://statehouse.example/late", T0.plus(window).plusSeconds(1));
        Article early = explainer("https://capitolnews.example/early", T0.minus(window).minusSeconds(1));
        assertEquals(Set.of(), coverage.put(late));
        assertEquals(Set.of(), coverage.put(early));
        assertEquals(List.of(), coverage.linksOf(a.key()));
        Article atTheEdge = explainer("https://edgetimes.example/edge", T0.plus(window));
        assertTrue(coverage.put(atTheEdge).contains(a.key()));
        assertEquals(List.of(atTheEdge.url()), coverage.linksOf(a.key()).stream().map(Link::url).toList());
    }

    @Test
    void aPressRelease_isNotLinked() {
        Coverage coverage = new Coverage(RelatedRule.DEFAULT);
        Article a = report();
        coverage.put(a);
        Article byPath = explainer("https://merrittcounty.example/newsroom/evacuation-order", T0);
        Article byText = article("https://merritt-sheriff.example/evacuation", "Sheriff's Office", T0,
                "Evacuation order", null, EXPLAINER + "<p>Media contact: Lt. Sam Ode</p>");
        assertEquals(Set.of(), coverage.put(byPath));
        assertEquals(Set.of(), coverage.put(byText));
        assertEquals(List.of(), coverage.linksOf(a.key()));
        assertEquals(List.of(), coverage.linksOf(byPath.key()));
    }

    @Test
    void theRuleOff_linksNothing() {
        Coverage coverage = new Coverage(RelatedRule.OFF);
        coverage.put(report());
        assertEquals(Set.of(), coverage.put(explainer()));
        assertEquals(List.of(), coverage.linksOf(report().key()));
    }

    @Test
    void remove_returnsThePartners_andTakesTheirLinksAway() {
        Coverage coverage = new Coverage(RelatedRule.DEFAULT);
        Article a = report();
        Article b = explainer();
        Article c = explainer("https://capitolnews.example/dam", T0.plusSeconds(7200));
        coverage.put(a);
        coverage.put(b);
        assertEquals(Set.of(a.key(), b.key()), coverage.put(c));
        assertEquals(Set.of(b.key(), c.key()), coverage.remove(a.key()));
        assertEquals(List.of(c.url()), coverage.linksOf(b.key()).stream().map(Link::url).toList());
        assertEquals(List.of(), coverage.linksOf(a.key()));
        assertEquals(Set.of(), coverage.remove(a.key()));
        assertEquals(Set.of(b.key()), coverage.remove(c.key()));
        assertEquals(0, coverage.linked());
    }

    @Test
    void anUnchangedArticlePutAgain_changesNothing_andAChangedOneItsPartners() {
        Coverage coverage = new Coverage(RelatedRule.DEFAULT);
        Article a = report();
        Article b = explainer();
        coverage.put(a);
        coverage.put(b);
        coverage.drainMade();
        assertEquals(Set.of(), coverage.put(report()));
        assertEquals(List.of(), coverage.drainMade());
        Article withLinks = explainer().withRelated(List.of(new Link("https://elsewhere.example/x", "X")));
        assertEquals(Set.of(), coverage.put(withLinks), "related links are not what the rule reads");
        Article rewritten = article(b.url(), "Statehouse Report", b.published(), "Rain stops", null,
                "<p>The rain stopped.</p>");
        assertEquals(Set.of(a.key()), coverage.put(rewritten));
        assertEquals(List.of(), coverage.linksOf(a.key()));
    }

    /**
     * Whatever the order articles come, go and come back in, the links are those of the final set put into a fresh
     * index: each link is decided for its pair alone. And what {@link Coverage#put} and {@link Coverage#remove}
     * return covers every article whose links changed.
     */
    @Test
    void anyOrderOfPutsAndRemoves_givesTheLinksOfTheFinalSet() {
        List<Article[]> pool = pool();
        assertTrue(pool.size() >= 12, "pool of " + pool.size());
        List<String> keys = pool.stream().map(v -> v[0].key()).toList();
        Random random = new Random(15);
        int linkedSomewhere = 0;
        for (int iteration = 0; iteration < 400; iteration++) {
            Coverage coverage = new Coverage(RelatedRule.DEFAULT);
            Map<String, Article> current = new HashMap<>();
            int steps = 5 + random.nextInt(30);
            for (int step = 0; step < steps; step++) {
                Article[] versions = pool.get(random.nextInt(pool.size()));
                String key = versions[0].key();
                Map<String, List<Link>> before = linksOfAll(coverage, keys);
                Map<String, List<StoryLink>> evidenceBefore = evidenceOfAll(coverage, keys);
                Set<String> changed;
                if (random.nextInt(4) == 0) {
                    changed = coverage.remove(key);
                    current.remove(key);
                } else {
                    Article version = versions[random.nextInt(versions.length)];
                    changed = coverage.put(version);
                    current.put(key, version);
                }
                Set<String> differ = new TreeSet<>();
                for (String other : keys) {
                    if (!other.equals(key) && (!before.get(other).equals(coverage.linksOf(other))
                            || !evidenceBefore.get(other).equals(coverage.evidenceOf(other)))) {
                        differ.add(other);
                    }
                }
                assertTrue(changed.containsAll(differ), "iteration " + iteration + ": returned " + changed
                        + ", changed " + differ);
                assertFalse(changed.contains(key), "iteration " + iteration + ": " + key + " returned itself");
            }
            List<Article> last = new ArrayList<>(current.values());
            Collections.shuffle(last, random);
            Coverage fresh = new Coverage(RelatedRule.DEFAULT);
            last.forEach(fresh::put);
            assertEquals(linksOfAll(fresh, keys), linksOfAll(coverage, keys), "iteration " + iteration);
            assertEquals(evidenceOfAll(fresh, keys), evidenceOfAll(coverage, keys), "iteration " + iteration);
            assertEquals(fresh.linked(), coverage.linked(), "iteration " + iteration);
            linkedSomewhere += fresh.linked() > 0 ? 1 : 0;
        }
        assertTrue(linkedSomewhere > 100, "only " + linkedSomewhere + " final sets had a link: the test shows little");
    }

    private static Map<String, List<Link>> linksOfAll(Coverage coverage, List<String> keys) {
        Map<String, List<Link>> out = new HashMap<>();
        keys.forEach(k -> out.put(k, coverage.linksOf(k)));
        return out;
    }

    private static Map<String, List<StoryLink>> evidenceOfAll(Coverage coverage, List<String> keys) {
        Map<String, List<StoryLink>> out = new HashMap<>();
        keys.forEach(k -> out.put(k, coverage.evidenceOf(k)));
        return out;
    }

    /**
     * Articles of the labelled set, each with a second version (its title in lower case and no excerpt, so that it
     * reads fewer names): both sides of the first four same-story pairs the rule links, and of two follow-up pairs,
     * whose sides name the same people but are not linked.
     */
    private static List<Article[]> pool() {
        List<Article[]> pool = new ArrayList<>();
        int stories = 0;
        int followUps = 0;
        Set<String> urls = new HashSet<>();
        for (FoldingSet.Pair p : FoldingSet.load()) {
            boolean linked = linkedAlone(p);
            if (p.category().equals("same-story") && linked && stories < 4) {
                stories++;
            } else if (p.category().equals("follow-up") && followUps < 2) {
                followUps++;
            } else {
                continue;
            }
            for (FoldingSet.Side s : List.of(p.a(), p.b())) {
                assertTrue(urls.add(CanonicalUrl.keyOf(s.url())), "two articles with one key: " + s.url());
                pool.add(new Article[] {
                    article(s.url(), s.provider(), s.published(), s.title(), s.excerpt(), s.content()),
                    article(s.url(), s.provider(), s.published(), s.title().toLowerCase(Locale.ROOT), null,
                            s.content())});
            }
        }
        return pool;
    }

    /** Whether the rule links the two sides of a pair, in an index holding only them. */
    private static boolean linkedAlone(FoldingSet.Pair p) {
        Coverage coverage = new Coverage(RelatedRule.DEFAULT);
        for (FoldingSet.Side s : List.of(p.a(), p.b())) {
            coverage.put(article(s.url(), s.provider(), s.published(), s.title(), s.excerpt(), s.content()));
        }
        return coverage.linked() == 2;
    }

    /** The report, the explainer and an unrelated story, their contents let go to {@code rows}. */
    private static List<Article> storedStories(org.feedloom.testing.TextRows rows) {
        List<Article> out = new ArrayList<>();
        for (Article a : List.of(report(), explainer(), article("https://gazette.example/budget", "Gazette", T0,
                "Mayor Ines Okafor signs the budget", null, "<p>Mayor Ines Okafor signed the Harbour Fund budget.</p>"))) {
            Body stored = rows.stored("s", a.url(), Body.Part.CONTENT, a.content());
            out.add(new Article(a.key(), a.url(), a.aliasKeys(), a.aliases(), a.title(), null, stored, a.published(),
                    a.updated(), a.provider(), List.of(), List.of(), List.of(), List.of(), null, List.of(), List.of(),
                    Origin.FEED, null));
        }
        return out;
    }

    @Test
    void termsReadBefore_areTakenWithoutReadingTheContent_andLinkTheSame() {
        org.feedloom.testing.TextRows firstRows = new org.feedloom.testing.TextRows();
        Coverage first = new Coverage(RelatedRule.DEFAULT);
        storedStories(firstRows).forEach(first::put);
        Map<String, TextTerms> read = first.drainRead();
        assertEquals(3, read.size(), "what each text gave, for a store to keep");
        assertEquals(Map.of(), first.drainRead(), "then forgotten");

        org.feedloom.testing.TextRows rows = new org.feedloom.testing.TextRows();
        Coverage again = new Coverage(RelatedRule.DEFAULT);
        again.knowTerms(read.values());
        List<Article> stories = storedStories(rows);
        stories.forEach(a -> assertFalse(again.readsContentOf(a), a.url()));
        stories.forEach(again::put);
        for (Article a : stories) {
            assertEquals(first.linksOf(a.key()), again.linksOf(a.key()), a.url());
        }
        assertEquals(2, again.linked());
        assertEquals(Map.of(), again.drainRead(), "nothing read that the store does not have");
        assertEquals(0, rows.reads(), "no content read to link");
        assertEquals(first.drainMade(), again.drainMade(), "the same link, with the same evidence");
        assertEquals(1, rows.reads(), "one content only: the evidence of the link made reads its first article's");
        assertTrue(firstRows.reads() > rows.reads(), firstRows.reads() + " reads without the terms");

        Article edited = storedStories(new org.feedloom.testing.TextRows()).get(2);
        edited = edited.withTopics(List.of("politics")); // the same text: still known
        assertFalse(again.readsContentOf(edited));
        again.forgetTerms();
        assertTrue(again.readsContentOf(edited), "once forgotten, a content is read again");
    }

    @Test
    void aLinkJudgedAgainAndAgain_readsItsEvidenceOnce_whenItIsMade_andDrained() {
        org.feedloom.testing.TextRows rows = new org.feedloom.testing.TextRows();
        Coverage coverage = new Coverage(RelatedRule.DEFAULT);
        List<Article> stories = storedStories(rows);
        stories.forEach(coverage::put);
        int read = rows.reads(); // the terms of each
        assertEquals(1, coverage.drainMade().size());
        assertEquals(read + 1, rows.reads(), "the evidence of the link made: its first article's content");

        // a crowd naming the lake around its day: the name turns common and distinctive again, and each time the
        // pair is judged again (still linked on the sheriff, the figure and the spillway)
        List<Article> crowd = new ArrayList<>();
        for (int n = 0; n < RelatedRule.COMMON; n++) {
            crowd.add(article("https://crowd" + n + ".example/" + n, "Crowd " + n, T0.plusSeconds(60L * n),
                    "Boating on Lake Corrine, part " + n, null, "<p>Lake Corrine drew " + (200 + n) + " visitors.</p>"));
        }
        crowd.subList(0, RelatedRule.COMMON - 2).forEach(coverage::put); // with the two stories: common
        List<Link> linked = coverage.linksOf(stories.get(0).key());
        for (int round = 0; round < 4; round++) {
            coverage.remove(crowd.get(0).key()); // distinctive again
            coverage.put(crowd.get(0)); // common again
        }
        assertEquals(linked, coverage.linksOf(stories.get(0).key()));
        assertEquals(1, linked.size(), "still linked on the sheriff, the figure and the spillway");
        assertEquals(read + 1, rows.reads(), "no evidence read while judging again");
        assertEquals(List.of(), coverage.drainMade(), "and no link made again");
        assertEquals(read + 1, rows.reads());
    }

    @Test
    void aLinkMadeAgain_takesItsKeptEvidence_withoutReadingAText_unlessAWordIsMissingThere() {
        Coverage first = new Coverage(RelatedRule.DEFAULT);
        storedStories(new org.feedloom.testing.TextRows()).forEach(first::put);
        Map<String, TextTerms> read = first.drainRead();
        List<StoryLink> made = first.drainMade();
        assertEquals(1, made.size());

        org.feedloom.testing.TextRows rows = new org.feedloom.testing.TextRows();
        Coverage again = new Coverage(RelatedRule.DEFAULT);
        again.knowTerms(read.values());
        again.knowLinks(made);
        storedStories(rows).forEach(again::put);
        assertEquals(made, again.drainMade(), "the same link, with the same evidence in the same order");
        assertEquals(0, rows.reads(), "no text read for it");

        StoryLink kept = made.get(0);
        List<String> fewer = kept.terms().subList(1, kept.terms().size());
        org.feedloom.testing.TextRows otherRows = new org.feedloom.testing.TextRows();
        Coverage missing = new Coverage(RelatedRule.DEFAULT);
        missing.knowTerms(read.values());
        missing.knowLinks(List.of(new StoryLink(kept.otherUrl(), kept.url(), kept.otherProvider(), fewer)));
        storedStories(otherRows).forEach(missing::put);
        assertEquals(made, missing.drainMade(), "a kept link without every shared term's word: read from the text");
        assertEquals(1, otherRows.reads());

        Coverage forgotten = new Coverage(RelatedRule.DEFAULT);
        forgotten.knowTerms(read.values());
        forgotten.knowLinks(made);
        forgotten.forgetTerms();
        org.feedloom.testing.TextRows lastRows = new org.feedloom.testing.TextRows();
        storedStories(lastRows).forEach(forgotten::put);
        assertEquals(made, forgotten.drainMade());
        assertTrue(lastRows.reads() > 1, "once forgotten, the texts are read again: " + lastRows.reads());
    }
}
