package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.feedloom.canonical.Coverage;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.SourceState;
import org.feedloom.model.Topic;
import org.feedloom.model.TopicRule;
import org.feedloom.publish.AtomRenderer;
import org.feedloom.publish.SiteInfo;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.feedloom.store.SqliteStore;
import org.feedloom.testing.MutableClock;
import org.feedloom.topic.TopicIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Excerpts and contents leave the heap once merged and synced: after a rebuild the merged items' and articles' texts
 * are read from the store (a real SQLite file), and the catalog is the one an aggregator that keeps every text in
 * memory builds from the same fetches, texts included, through edits, unchanged fetches, removals and retention.
 */
class StoredBodiesTest {
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    private static final List<String> PATHS = List.of("a", "b", "c", "d", "e", "f");
    private static final ArticleStore.Retention KEEP_ALL = new ArticleStore.Retention(3650, 100);
    private static final ArticleStore.Retention CAP_TWO = new ArticleStore.Retention(3650, 2);
    private static final ArticleStore.Retention KEEP_1000 = new ArticleStore.Retention(3650, 1000);

    @TempDir Path dir;

    @Test
    void aSyncedRebuild_letsItsBodiesGo_andTheyReadBackFromTheStore_asRenderedFeedsShow() {
        try (Run run = Run.on(dir.resolve("feedloom.db"))) {
            Aggregator aggregator = run.aggregator();
            List<Item> fetched = List.of(item("s1", "a", "The council met.", "<p>The harbour council met on Tuesday.</p>"),
                    item("s1", "b", "Ferries change.", "<p>A new ferry timetable starts in spring.</p>"));
            aggregator.setSourceItems("s1", commit(run.store(), "s1", fetched, KEEP_ALL, 0));
            Catalog catalog = run.rebuilder().rebuildNow();
            assertEquals(2, catalog.all().size());
            for (Article a : catalog.all()) {
                assertFalse(a.body().held() || a.excerptBody().held(), a.url() + ": let go once synced");
            }
            for (Item i : aggregator.sourceItems("s1")) {
                assertFalse(i.body().held() || i.excerptBody().held(), i.urls().get(0) + ": let go once synced");
            }
            String atom = new String(new AtomRenderer(new SiteInfo("Feedloom Test", "The Editors", "9.9", 50, null))
                    .render(catalog, new Topic(Topic.ALL_SLUG, "All articles"), "https://agg.example/"),
                    StandardCharsets.UTF_8);
            assertTrue(atom.contains("The harbour council met on Tuesday."), atom);
            assertTrue(atom.contains("A new ferry timetable starts in spring."), atom);
            assertTrue(atom.contains("Ferries change."), atom);
        }
    }

    @Test
    void randomFetches_giveTheCatalogAnAggregatorKeepingEveryBodyGives() {
        for (int run = 0; run < 12; run++) {
            Random random = new Random(run);
            Aggregator held = new Aggregator(Clock.fixed(T0, ZoneOffset.UTC));
            try (Run feedloom = Run.on(dir.resolve("feedloom-" + run + ".db"))) {
                Aggregator released = feedloom.aggregator();
                int letGo = 0;
                for (int step = 0; step < 15; step++) {
                    String source = "s" + random.nextInt(3);
                    String where = "run " + run + " step " + step;
                    if (random.nextInt(8) == 0) {
                        released.removeSource(source);
                        held.removeSource(source);
                    } else {
                        List<Item> fetched = new ArrayList<>();
                        for (String path : PATHS) {
                            if (random.nextInt(3) > 0) {
                                fetched.add(item(source, path, body(random), body(random)));
                            }
                        }
                        List<Item> stored = commit(feedloom.store(), source, fetched,
                                random.nextInt(4) == 0 ? CAP_TWO : KEEP_ALL, step);
                        held.setSourceItems(source, stored.stream().map(StoredBodiesTest::heldCopy).toList());
                        released.setSourceItems(source, stored);
                    }
                    Catalog mine = feedloom.rebuilder().rebuildNow();
                    Catalog theirs = held.rebuild();
                    assertEquals(byKey(theirs), byKey(mine), where);
                    for (Article a : mine.all()) {
                        Article b = byKey(theirs).get(a.key());
                        assertEquals(b.content(), a.content(), where + ": " + a.key());
                        assertEquals(b.excerpt(), a.excerpt(), where + ": " + a.key());
                        letGo += a.body() != null && !a.body().held() ? 1 : 0;
                        letGo += a.excerptBody() != null && !a.excerptBody().held() ? 1 : 0;
                    }
                }
                assertTrue(letGo > 0, "run " + run + ": some bodies were read from the store");
            }
        }
    }

    @Test
    void aRestart_readsNoneOfTheStoredTexts_andItsMergeReadsThemManyAtATime_intoTheSameCatalog() {
        Path db = dir.resolve("restart.db");
        Random random = new Random(7);
        Catalog before;
        Map<String, String> textsBefore = new TreeMap<>();
        try (Run first = Run.on(db)) {
            // more than a rebuild, a sync and the anchors hold at once
            threeSources(first.store(), first.aggregator(), random, 700);
            before = first.rebuilder().rebuildNow();
            for (Article a : before.all()) {
                textsBefore.put(a.key(), a.excerpt() + "|" + a.content());
            }
        }
        assertEquals(2100, before.all().size());
        try (Run restarted = Run.on(db)) {
            Map<String, List<Item>> stored = restarted.store().load().sourceItems();
            for (List<Item> items : stored.values()) {
                for (Item i : items) {
                    assertFalse(i.body().held() || i.excerptBody().held(), i.urls().get(0) + ": loaded, not held");
                }
            }
            stored.forEach(restarted.aggregator()::setSourceItems);
            restarted.aggregator().readKeptAnchorsFrom(keys -> Map.of()); // as a store that kept none of them
            Catalog after = restarted.rebuilder().rebuildNow();
            ArticleStore.TextsRead reads = restarted.store().textsRead();
            // coverage's story terms and the topic rules' readings were kept by the first run: showing reads nothing
            assertTrue(reads.atOnce() >= 4200, "the merge read every text: " + reads);
            assertTrue(reads.all() < 4200 + 100, "the rules and the sync of the articles stored already read none: "
                    + reads);
            assertTrue(reads.oneByOne() < 100, "read one at a time: " + reads);
            assertEquals(byKey(before), byKey(after));
            for (Article a : after.all()) {
                assertEquals(textsBefore.get(a.key()), a.excerpt() + "|" + a.content(), a.key());
            }
        }
    }

    /**
     * Issue 13: a restart given what the first run read from its texts (fold anchors, story terms, what the topic
     * rules read) reads no text back: not the contents for the merge and the coverage, nor the excerpts for the rules.
     */
    @Test
    void aRestart_givenWhatWasReadFromTheStoredTexts_readsNoText_intoTheSameCatalog() {
        Path db = dir.resolve("anchors.db");
        Random random = new Random(9);
        // a topic of every story but the seventh of each source ("story" in every title, "p7" in the seventh's)
        List<TopicRule> rules = List.of(new TopicRule("Stories", null, List.of(), List.of("story"), List.of("p7")));
        Catalog before;
        try (Run first = Run.on(db)) {
            first.aggregator().setTopicRules(rules);
            threeSources(first.store(), first.aggregator(), random, 400);
            before = first.rebuilder().rebuildNow();
            assertEquals(1200, first.store().anchors(first.aggregator().anchoring()).size(),
                    "the anchors of every article's text kept");
            assertEquals(1197, before.articlesOf("stories").size());
        }
        try (Run restarted = Run.on(db)) {
            restarted.aggregator().setTopicRules(rules);
            restarted.store().load().sourceItems().forEach(restarted.aggregator()::setSourceItems);
            List<org.feedloom.canonical.TextAnchors> kept =
                    restarted.store().anchors(restarted.aggregator().anchoring());
            assertEquals(1200, restarted.store().storyTermsOf(byKey(before).keySet(), Coverage.READING).size(),
                    "the story terms of every shown article's text kept");
            restarted.aggregator().knowStoryLinks(restarted.store().storyLinks());
            restarted.aggregator().mergeInParts(300);
            List<Integer> anchorsAsked = new ArrayList<>(); // the fold anchors are read as the merge groups a part
            restarted.aggregator().readKeptAnchorsFrom(keys -> {
                anchorsAsked.add(keys.size());
                return restarted.store().anchorsOf(keys, restarted.aggregator().anchoring());
            });
            List<Integer> asked = new ArrayList<>(); // the story terms are read as the articles are shown, by run
            restarted.aggregator().readKeptTermsFrom(keys -> {
                asked.add(keys.size());
                return restarted.store().storyTermsOf(keys, Coverage.READING);
            });
            List<Integer> readingsAsked = new ArrayList<>(); // and what the rules read, under the rules' name
            restarted.aggregator().readKeptTopicReadingsFrom((keys, rulesRead) -> {
                readingsAsked.add(keys.size());
                return restarted.store().topicReadingsOf(keys, rulesRead);
            });
            Catalog after = restarted.rebuilder().rebuildNow();
            ArticleStore.TextsRead reads = restarted.store().textsRead();
            assertTrue(reads.all() < 100, "the merge, the coverage and the topic rules read no text: " + reads);
            assertEquals(1200, asked.stream().mapToInt(Integer::intValue).sum(), "every article's terms asked for");
            assertTrue(asked.stream().allMatch(n -> n <= 500), "a run of articles at a time: " + asked);
            assertEquals(1200, readingsAsked.stream().mapToInt(Integer::intValue).sum(),
                    "every article's topic reading asked for");
            assertTrue(readingsAsked.stream().allMatch(n -> n <= 500), "a run at a time: " + readingsAsked);
            assertTrue(anchorsAsked.stream().mapToInt(Integer::intValue).sum() >= 1200,
                    "every stored text's anchors asked for: " + anchorsAsked);
            assertTrue(anchorsAsked.size() >= 3 && anchorsAsked.stream().allMatch(n -> n <= 400),
                    "a part of the archive (here a source) at a time: " + anchorsAsked);
            assertEquals(byKey(before), byKey(after));
            assertEquals(java.util.Set.copyOf(kept),
                    java.util.Set.copyOf(restarted.store().anchors(restarted.aggregator().anchoring())),
                    "the same anchors kept");
        }
    }

    /**
     * Issue 13: a restart shows its stored articles with the story terms and topic readings the store kept, those of
     * articles without a content too (many feeds' items carry only a summary) or without a summary: their terms and
     * topics are not read from their excerpts again, nor given back to the store to keep again.
     */
    @Test
    void aRestart_ofArticlesWithoutContent_takesWhatWasReadOfThem_andGivesTheStoreNoneToKeepAgain() {
        Path db = dir.resolve("summaries.db");
        Random random = new Random(11);
        List<TopicRule> rules = List.of(new TopicRule("Stories", null, List.of(), List.of("story"), List.of("p7")));
        Catalog before;
        try (Run first = Run.on(db)) {
            first.aggregator().setTopicRules(rules);
            for (int s = 0; s < 2; s++) {
                List<Item> fetched = new ArrayList<>();
                for (int i = 0; i < 300; i++) { // a summary each, none for one in ten
                    fetched.add(item("s" + s, "p" + i, i % 10 == 0 ? null : sentence(random, 40), null));
                }
                first.aggregator().setSourceItems("s" + s, commit(first.store(), "s" + s, fetched, KEEP_1000, 0));
            }
            before = first.rebuilder().rebuildNow();
            assertEquals(600, first.store().storyTermsOf(byKey(before).keySet(), Coverage.READING).size(),
                    "the story terms of every shown article's text kept");
        }
        try (Run restarted = Run.on(db)) {
            restarted.aggregator().setTopicRules(rules);
            restarted.store().load().sourceItems().forEach(restarted.aggregator()::setSourceItems);
            List<Integer> asked = new ArrayList<>();
            restarted.aggregator().readKeptTermsFrom(keys -> {
                asked.add(keys.size());
                return restarted.store().storyTermsOf(keys, Coverage.READING);
            });
            Catalog after = restarted.aggregator().rebuild(); // the rebuilder would drain what was read, for the store
            assertEquals(600, asked.stream().mapToInt(Integer::intValue).sum(), "every article's terms asked for");
            Aggregator.Readings read = restarted.aggregator().drainReadings();
            assertEquals(Map.of(), read.terms(), "no terms read anew");
            assertEquals(Map.of(), read.topics(), "no topic reading read anew, of the articles without a summary too");
            assertEquals(byKey(before), byKey(after));
            assertEquals(598, after.articlesOf("stories").size(), "all but the seventh of each source");
        }
    }

    /**
     * A kept topic reading that cannot be the current rules' (a damaged row naming rules they do not have), or that
     * names another text than the article's (kept for what its key showed before), is not taken: the article's
     * excerpt is read, and it gets the topics the rules give it.
     */
    @Test
    void keptTopicReadingsOfAnotherTextOrThatCannotBeTheRules_areNotTaken_theExcerptsAreRead() {
        Path db = dir.resolve("damaged-readings.db");
        List<TopicRule> rules = List.of(new TopicRule("Stories", null, List.of(), List.of("story"), List.of("p7")));
        Catalog before;
        try (Run first = Run.on(db)) {
            first.aggregator().setTopicRules(rules);
            threeSources(first.store(), first.aggregator(), new Random(5), 100);
            before = first.rebuilder().rebuildNow();
        }
        List<java.util.function.UnaryOperator<org.feedloom.topic.TopicReading>> wrong = List.of(
                kept -> new org.feedloom.topic.TopicReading(kept.text(), new int[] {3}, new int[0]),
                kept -> new org.feedloom.topic.TopicReading(kept.text() + 1, new int[0], new int[0]));
        for (java.util.function.UnaryOperator<org.feedloom.topic.TopicReading> reading : wrong) {
            Path copy = dir.resolve("damaged-readings-" + wrong.indexOf(reading) + ".db");
            try {
                java.nio.file.Files.copy(db, copy);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            try (Run restarted = Run.on(copy)) {
                restarted.aggregator().setTopicRules(rules);
                restarted.store().load().sourceItems().forEach(restarted.aggregator()::setSourceItems);
                restarted.aggregator().readKeptTopicReadingsFrom((keys, rulesRead) -> {
                    Map<String, org.feedloom.topic.TopicReading> damaged = new TreeMap<>();
                    restarted.store().topicReadingsOf(keys, rulesRead)
                            .forEach((key, kept) -> damaged.put(key, reading.apply(kept)));
                    return damaged;
                });
                Catalog after = restarted.rebuilder().rebuildNow();
                assertTrue(restarted.store().textsRead().all() >= 300, "every excerpt read: "
                        + restarted.store().textsRead());
                assertEquals(byKey(before), byKey(after));
                assertEquals(297, after.articlesOf("stories").size());
            }
        }
    }

    /**
     * Issue 13: topic rules changed while stopped: what the earlier rules read is not taken for the new ones (nor,
     * without rules, read or kept at all); the restart reads every excerpt again, into the catalog those rules give,
     * and keeps what they read, so the next restart reads no text.
     */
    @Test
    void aRestart_underTopicRulesChangedWhileStopped_readsTheExcerptsAgain_andKeepsWhatTheNewRulesRead() {
        Path db = dir.resolve("rules-stopped.db");
        TopicRule ferries = new TopicRule("Ferries", null, List.of(), List.of("ferry"), List.of("cancelled"));
        TopicRule trams = new TopicRule("Trams", null, List.of(), List.of("tram"), List.of());
        List<Item> fetched = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            fetched.add(item("s0", "p" + i, switch (i % 3) {
                case 0 -> "The ferry leaves at " + i + ".";
                case 1 -> "Ferry " + i + " is cancelled.";
                default -> "The tram leaves at " + i + ".";
            }, null));
        }
        try (Run first = Run.on(db)) {
            first.aggregator().setTopicRules(List.of(trams));
            first.aggregator().setSourceItems("s0", commit(first.store(), "s0", fetched, KEEP_1000, 0));
            assertEquals(200, first.rebuilder().rebuildNow().articlesOf("trams").size());
        }
        Catalog underFerries;
        try (Run restarted = Run.on(db)) {
            restarted.aggregator().setTopicRules(List.of(ferries));
            restarted.store().load().sourceItems().forEach(restarted.aggregator()::setSourceItems);
            underFerries = restarted.rebuilder().rebuildNow();
            ArticleStore.TextsRead reads = restarted.store().textsRead();
            assertTrue(reads.all() >= 600 && reads.all() < 700, "the new rules read every excerpt: " + reads);
            assertEquals(200, underFerries.articlesOf("ferries").size(), "the ferries that leave, not the cancelled");
            assertEquals(600, restarted.store().topicReadingsOf(byKey(underFerries).keySet(),
                    new TopicIndex(List.of(ferries)).reading()).size(), "what the new rules read kept");
        }
        try (Run again = Run.on(db)) {
            again.aggregator().setTopicRules(List.of(ferries));
            again.store().load().sourceItems().forEach(again.aggregator()::setSourceItems);
            Catalog third = again.rebuilder().rebuildNow();
            assertTrue(again.store().textsRead().all() < 100, "no excerpt read: " + again.store().textsRead());
            assertEquals(byKey(underFerries), byKey(third));
        }
        try (Run withoutRules = Run.on(db)) {
            withoutRules.store().load().sourceItems().forEach(withoutRules.aggregator()::setSourceItems);
            Catalog plain = withoutRules.rebuilder().rebuildNow();
            assertTrue(withoutRules.store().textsRead().all() < 100, "without rules no excerpt is read: "
                    + withoutRules.store().textsRead());
            assertEquals(List.of("all"), plain.topics().stream().map(org.feedloom.model.Topic::slug).toList());
            assertEquals(600, withoutRules.store().topicReadingsOf(byKey(plain).keySet(),
                    new TopicIndex(List.of(ferries)).reading()).size(), "nor anything kept in place of what was");
        }
    }

    /**
     * Issue 13: topic rules changed on a running catalog show every article again; the story terms its coverage reads
     * are the store's, a run of articles at a time, and the store's sync rewrites every article's row (its topics
     * changed) without reading the texts the row names in an item; so only the excerpts are read (for the rules), and
     * the catalog is the one an aggregator reading every text builds under those rules.
     */
    @Test
    void topicRulesChangedOnARunningCatalog_showEveryArticleAgain_readingNoContent_intoTheCatalogOfReadTexts() {
        TopicRule stories = new TopicRule("Stories", null, List.of(), List.of("story"), List.of()); // in every title
        try (Run run = Run.on(dir.resolve("rules.db"))) {
            for (int s = 0; s < 3; s++) { // texts that share no story: no links, whose evidence would be read
                List<Item> fetched = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    fetched.add(item("s" + s, "p" + i, "Note " + i + ".", "<p>Entry " + i + " of " + s + ".</p>"));
                }
                run.aggregator().setSourceItems("s" + s, commit(run.store(), "s" + s, fetched, KEEP_1000, 0));
            }
            run.rebuilder().rebuildNow();
            long before = run.store().textsRead().all();
            run.aggregator().setTopicRules(List.of(stories));
            Catalog assessed = run.rebuilder().rebuildNow();
            long reads = run.store().textsRead().all() - before;
            assertTrue(reads >= 1200, "the topic rules read every excerpt: " + reads);
            assertTrue(reads < 1200 + 100, "the coverage read no content, nor the sync the texts its rows name in "
                    + "their items: " + reads);
            assertEquals(1200, assessed.articlesOf("stories").size(), "every article's topics changed");

            Aggregator reading = new Aggregator(Clock.fixed(T0, ZoneOffset.UTC)); // no kept terms: reads contents
            reading.setTopicRules(List.of(stories));
            run.store().load().sourceItems().forEach(reading::setSourceItems);
            assertEquals(byKey(reading.rebuild()), byKey(assessed));
        }
    }

    @Test
    void aRestart_fingerprintsTheFoldCandidatesTextsManyAtATime_andFoldsThemAsBefore() {
        Path db = dir.resolve("copies.db");
        Random random = new Random(11);
        Catalog before;
        try (Run first = Run.on(db)) {
            List<Item> originals = new ArrayList<>();
            List<Item> copies = new ArrayList<>();
            for (int i = 0; i < 300; i++) { // more candidates than a run of texts held at once
                String excerpt = sentence(random, 12);
                String body = "<p>" + sentence(random, 60) + "</p>";
                originals.add(item("s0", "p" + i, excerpt, body));
                copies.add(item("s1", "copy" + i, excerpt, body)); // republished on another host: folded
            }
            ArticleStore.Retention keep = new ArticleStore.Retention(3650, 1000);
            first.aggregator().setSourceItems("s0", commit(first.store(), "s0", originals, keep, 0));
            first.aggregator().setSourceItems("s1", commit(first.store(), "s1", copies, keep, 0));
            before = first.rebuilder().rebuildNow();
        }
        assertEquals(300, before.all().size(), "each copy folded into its original");
        try (Run restarted = Run.on(db)) {
            restarted.store().load().sourceItems().forEach(restarted.aggregator()::setSourceItems);
            Catalog after = restarted.rebuilder().rebuildNow();
            ArticleStore.TextsRead reads = restarted.store().textsRead();
            assertTrue(reads.oneByOne() < 100, "the 600 candidates' texts read one at a time: " + reads);
            assertEquals(byKey(before), byKey(after));
        }
    }

    /**
     * Issue 13: once a rebuild's fold anchors are saved, the merge lets them go, and a later change that takes their
     * articles up again (a copy folding into one, an edit, a removal) reads them back from the store: the catalog is
     * the one an aggregator holding every anchor (and text) builds from the same fetches, and after a restart the
     * stored archive's anchors are let go once its first merge has found them kept.
     */
    @Test
    void savedAnchors_areLetGo_andReadBackWhenTheirArticlesAreTakenUpAgain_intoTheSameCatalog() {
        Path db = dir.resolve("let-go.db");
        Random random = new Random(13);
        Aggregator held = new Aggregator(Clock.fixed(T0, ZoneOffset.UTC));
        ArticleStore.Retention keep = new ArticleStore.Retention(3650, 1000);
        List<Item> originals = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // more from one host and it may pass for a template
            originals.add(item("s0", "p" + i, sentence(random, 12), "<p>" + sentence(random, 60) + "</p>"));
        }
        Catalog last;
        try (Run run = Run.on(db)) {
            Aggregator aggregator = run.aggregator();
            List<Item> stored = commit(run.store(), "s0", originals, keep, 0);
            aggregator.setSourceItems("s0", stored);
            held.setSourceItems("s0", stored.stream().map(StoredBodiesTest::heldCopy).toList());
            assertEquals(byKey(held.rebuild()), byKey(run.rebuilder().rebuildNow()), "first fetch");
            assertEquals(40, aggregator.anchorsLetGo(), "every article's anchors let go once saved");

            List<Item> copies = new ArrayList<>(); // republished on another host: each folds into its original
            for (int i = 0; i < 20; i++) {
                copies.add(item("s1", "copy" + i, originals.get(i).excerpt(), originals.get(i).content()));
            }
            stored = commit(run.store(), "s1", copies, keep, 1);
            aggregator.setSourceItems("s1", stored);
            held.setSourceItems("s1", stored.stream().map(StoredBodiesTest::heldCopy).toList());
            Catalog mine = run.rebuilder().rebuildNow();
            assertEquals(byKey(held.rebuild()), byKey(mine), "copies folded");
            assertEquals(40, mine.all().size(), "20 copies folded into their originals");

            List<Item> edited = new ArrayList<>(originals.subList(5, 40)); // 5 out of the feed, 10 edited, 5 folded
            for (int i = 15; i < 25; i++) {
                edited.set(i - 5, item("s0", "p" + i, sentence(random, 12), "<p>" + sentence(random, 60) + "</p>"));
            }
            stored = commit(run.store(), "s0", edited, keep, 2);
            aggregator.setSourceItems("s0", stored);
            held.setSourceItems("s0", stored.stream().map(StoredBodiesTest::heldCopy).toList());
            last = run.rebuilder().rebuildNow();
            assertEquals(byKey(held.rebuild()), byKey(last), "edits and removals");
            assertTrue(aggregator.anchorsLetGo() >= 25, "let go again once saved: " + aggregator.anchorsLetGo());
        }
        try (Run restarted = Run.on(db)) {
            Aggregator aggregator = restarted.aggregator();
            restarted.store().load().sourceItems().forEach(aggregator::setSourceItems);
            aggregator.knowStoryLinks(restarted.store().storyLinks());
            assertEquals(byKey(last), byKey(restarted.rebuilder().rebuildNow()));
            assertTrue(aggregator.anchorsLetGo() >= 25, "the stored archive's anchors let go after its first merge: "
                    + aggregator.anchorsLetGo());
        }
    }

    /**
     * Issue 13: when the anchors let go cannot be read back (their rows gone from the store), the articles they
     * belonged to are still merged again exactly: edits and removals give the catalog of an aggregator holding
     * every anchor, and a copy folds into an original whose anchors were found in the index instead.
     */
    @Test
    void anchorsLetGo_thatCannotBeReadBack_leaveTheMergeAsItWas() throws Exception {
        Path db = dir.resolve("rows-gone.db");
        Random random = new Random(17);
        Aggregator held = new Aggregator(Clock.fixed(T0, ZoneOffset.UTC));
        ArticleStore.Retention keep = new ArticleStore.Retention(3650, 1000);
        List<Item> originals = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            originals.add(item("s0", "p" + i, sentence(random, 12), "<p>" + sentence(random, 60) + "</p>"));
        }
        try (Run run = Run.on(db)) {
            Aggregator aggregator = run.aggregator();
            List<Item> stored = commit(run.store(), "s0", originals, keep, 0);
            aggregator.setSourceItems("s0", stored);
            held.setSourceItems("s0", stored.stream().map(StoredBodiesTest::heldCopy).toList());
            assertEquals(byKey(held.rebuild()), byKey(run.rebuilder().rebuildNow()));
            assertEquals(30, aggregator.anchorsLetGo());
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
                 java.sql.Statement s = c.createStatement()) {
                assertEquals(30, s.executeUpdate("DELETE FROM text_anchors"), "every kept anchor row gone");
            }

            List<Item> changed = new ArrayList<>(originals.subList(3, 30)); // 3 out of the feed, 5 edited
            for (int i = 10; i < 15; i++) {
                changed.set(i - 3, item("s0", "p" + i, sentence(random, 12), "<p>" + sentence(random, 60) + "</p>"));
            }
            stored = commit(run.store(), "s0", changed, keep, 1);
            aggregator.setSourceItems("s0", stored);
            held.setSourceItems("s0", stored.stream().map(StoredBodiesTest::heldCopy).toList());
            List<Item> copies = List.of(item("s1", "copy", originals.get(20).excerpt(), originals.get(20).content()));
            stored = commit(run.store(), "s1", copies, keep, 1);
            aggregator.setSourceItems("s1", stored);
            held.setSourceItems("s1", stored.stream().map(StoredBodiesTest::heldCopy).toList());
            Catalog mine = run.rebuilder().rebuildNow();
            assertEquals(byKey(held.rebuild()), byKey(mine));
            assertEquals(30, mine.all().size(), "the copy folded into its original (retention keeps the 3 gone)");
        }
    }

    /**
     * An aggregator, a store in a real SQLite file and the rebuilder that syncs the one to the other: one run of
     * Feedloom on that file, as {@code serve} wires it (closed in the order it does).
     */
    private record Run(Aggregator aggregator, SqliteStore store, Rebuilder rebuilder) implements AutoCloseable {
        static Run on(Path db) {
            Aggregator aggregator = new Aggregator(Clock.fixed(T0, ZoneOffset.UTC));
            SqliteStore store = SqliteStore.open(db);
            return new Run(aggregator, store,
                    new Rebuilder(aggregator, store, new MutableClock(T0), Rebuilder.Listener.NONE));
        }

        @Override
        public void close() {
            try (SqliteStore closedLast = store) {
                rebuilder.close();
            }
        }
    }

    /** Three sources of {@code each} random stories, committed to {@code store} and set in {@code aggregator}. */
    private static void threeSources(ArticleStore store, Aggregator aggregator, Random random, int each) {
        for (int s = 0; s < 3; s++) {
            List<Item> fetched = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                fetched.add(item("s" + s, "p" + i, sentence(random, 12), "<p>" + sentence(random, 60) + "</p>"));
            }
            aggregator.setSourceItems("s" + s, commit(store, "s" + s, fetched, KEEP_1000, 0));
        }
    }

    private static String sentence(Random random, int words) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words; i++) {
            out.append(i == 0 ? "" : " ").append(WORDS.get(random.nextInt(WORDS.size()))).append(random.nextInt(50));
        }
        return out.append('.').toString();
    }

    private static final List<String> WORDS = List.of("harbour", "council", "ferry", "timetable", "spring", "bridge",
            "market", "school", "river", "library", "station", "museum", "park", "budget", "mayor", "tram");

    /**
     * Commits a fetch of {@code source} on day {@code day} that parsed {@code items} (copies of them, each holding its
     * texts, as a fetch parses anew: the store keeps the texts of the items it is given); returns the source's items
     * as stored.
     */
    private static List<Item> commit(ArticleStore store, String source, List<Item> items,
                                     ArticleStore.Retention retention, int day) {
        Instant now = T0.plusSeconds(86_400L * day);
        return store.commitBatch(List.of(SourceWrite.fetched(SourceState.pending(source, "https://" + source
                + ".example/feed"), items.stream().map(StoredBodiesTest::heldCopy).toList(), retention, now))).get(0);
    }

    private static Item item(String source, String path, String excerpt, String body) {
        String url = "https://" + source + ".example/" + path;
        return new Item(Origin.FEED, "source:" + source, List.of(url), "Story " + path, Body.of(excerpt), Body.of(body),
                T0.minusSeconds(3600L * (1 + PATHS.indexOf(path))), null, null, List.of(), List.of(), List.of(),
                List.of(), null, null, SeedFacts.NONE, url, null);
    }

    /** The same item with a body of its own that the store does not keep (never let go). */
    private static Item heldCopy(Item i) {
        return new Item(i.origin(), i.provenance(), i.urls(), i.title(), Body.of(i.excerpt()), Body.of(i.content()),
                i.published(), i.updated(), i.provider(), i.topics(), i.categories(), i.images(), i.related(),
                i.author(), i.feed(), i.facts(), i.webUrl(), i.originalUrl());
    }

    /** A body among a few, so that fetches often bring one unchanged, sometimes none. */
    private static String body(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> null;
            case 1 -> "<p>The pier reopens on Monday after repairs.</p>";
            case 2 -> "<p>Ferries run every hour from the harbour, the council said.</p>";
            default -> "<p>Edition " + random.nextInt(4) + " of the harbour report.</p>";
        };
    }

    private static Map<String, Article> byKey(Catalog catalog) {
        Map<String, Article> out = new TreeMap<>();
        catalog.all().forEach(a -> out.put(a.key(), a));
        return out;
    }
}
