package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.feedloom.canonical.Coverage;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.model.Article;
import org.feedloom.model.Body;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.Origin;
import org.feedloom.model.SeedFacts;
import org.feedloom.model.Source;
import org.feedloom.model.Topic;
import org.feedloom.model.TopicRule;
import org.feedloom.publish.AtomRenderer;
import org.feedloom.publish.SiteInfo;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SqliteStore;
import org.feedloom.testing.MutableClock;
import org.feedloom.topic.TopicIndex;
import org.feedloom.topic.TopicReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Excerpts and contents leave the heap once merged and synced: after a rebuild the shown articles' texts are read
 * from the store (a real SQLite file) when a render asks for them, and the catalog is the one a run that never lets a
 * text go builds from the same fetches, texts included, through edits, unchanged fetches, removals, retention and
 * copies folded. A restart finds the merged archive in the store and shows it reading no text, with the story terms
 * and topic readings the first run kept (read again only where they cannot be the current rules' or the article's);
 * a reindex merges the stored texts again reading them many at a time, into the same catalog.
 */
class StoredBodiesTest {
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static final List<String> PATHS = List.of("a", "b", "c", "d", "e", "f");
    private static final ArticleStore.Retention KEEP_ALL = new ArticleStore.Retention(3650, 100);
    private static final ArticleStore.Retention CAP_TWO = new ArticleStore.Retention(3650, 2);
    private static final ArticleStore.Retention KEEP_1000 = new ArticleStore.Retention(3650, 1000);
    private static final List<String> THREE = List.of("s0", "s1", "s2");

    @TempDir Path dir;

    @Test
    void aSyncedRebuild_letsItsBodiesGo_andTheyReadBackFromTheStore_asRenderedFeedsShow() {
        try (Run run = Run.on(dir.resolve("feedloom.db"))) {
            List<Item> fetched = List.of(item("s1", "a", "The council met.", "<p>The harbour council met on Tuesday.</p>"),
                    item("s1", "b", "Ferries change.", "<p>A new ferry timetable starts in spring.</p>"));
            List<Item> stored = run.merged().setSourceItems("s1", fetched, KEEP_ALL);
            Catalog catalog = run.rebuilder().rebuildNow();
            assertEquals(2, catalog.all().size());
            assertEquals(List.of(), run.aggregator().shown(), "memory holds none of them once synced");
            for (Item i : stored) {
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
    void randomFetches_giveTheCatalogOfARunThatLetsNoTextGo() {
        for (int run = 0; run < 12; run++) {
            Random random = new Random(run);
            try (Run feedloom = Run.on(dir.resolve("feedloom-" + run + ".db"));
                 MergedStore held = Run.holding(dir.resolve("held-" + run + ".db"))) {
                int letGo = 0;
                for (int step = 0; step < 15; step++) {
                    String source = "s" + random.nextInt(3);
                    String where = "run " + run + " step " + step;
                    if (random.nextInt(8) == 0) {
                        feedloom.merged().removeSource(source);
                        held.removeSource(source);
                    } else {
                        List<Item> fetched = new ArrayList<>();
                        for (String path : PATHS) {
                            if (random.nextInt(3) > 0) {
                                fetched.add(item(source, path, body(random), body(random)));
                            }
                        }
                        ArticleStore.Retention retention = random.nextInt(4) == 0 ? CAP_TWO : KEEP_ALL;
                        feedloom.merged().setSourceItems(source, fetched, retention);
                        held.setSourceItems(source, fetched, retention);
                    }
                    Catalog mine = feedloom.rebuilder().rebuildNow();
                    Catalog theirs = held.aggregator.rebuild();
                    assertEquals(byKey(theirs), byKey(mine), where);
                    for (Article a : mine.all()) {
                        Article b = byKey(theirs).get(a.key());
                        assertEquals(b.content(), a.content(), where + ": " + a.key());
                        assertEquals(b.excerpt(), a.excerpt(), where + ": " + a.key());
                    }
                    assertEquals(List.of(), feedloom.aggregator().shown(), where + ": none held once synced");
                    letGo += mine.all().size();
                }
                assertTrue(letGo > 0, "run " + run + ": some articles were read from the store");
            }
        }
    }

    /**
     * A restart finds the merged archive as the first run left it: it merges nothing again and shows it with the
     * story terms and topic readings kept, so it reads (almost) none of the stored texts, not even to sync the
     * articles stored already; the catalog and its texts are the first run's.
     */
    @Test
    void aRestart_readsNoneOfTheStoredTexts_intoTheSameCatalog() {
        Path db = dir.resolve("restart.db");
        Random random = new Random(7);
        Catalog before;
        Map<String, String> textsBefore;
        try (Run first = Run.on(db)) {
            // more than a rebuild, a sync and a run of texts hold at once
            threeSources(first.merged(), random, 700);
            before = Catalogs.held(first.rebuilder().rebuildNow());
            textsBefore = texts(before);
        }
        assertEquals(2100, before.all().size());
        try (Run restarted = Run.restart(db, THREE)) {
            for (List<Item> items : restarted.store().load().sourceItems().values()) {
                for (Item i : items) {
                    assertFalse(i.body().held() || i.excerptBody().held(), i.urls().get(0) + ": loaded, not held");
                }
            }
            Catalog after = restarted.rebuilder().rebuildNow();
            ArticleStore.TextsRead reads = restarted.store().textsRead();
            assertTrue(reads.all() < 100, "the merge, the coverage, the rules and the sync read no text: " + reads);
            assertEquals(byKey(before), byKey(after));
            assertEquals(textsBefore, texts(after));
        }
    }

    /**
     * A reindex merges every stored text again from scratch: it reads them many at a time (not one by one), into the
     * catalog the first run showed, texts included.
     */
    @Test
    void aReindex_readsTheStoredTextsManyAtATime_intoTheSameCatalog() {
        Path db = dir.resolve("reindex.db");
        Random random = new Random(7);
        Catalog before;
        Map<String, String> textsBefore;
        try (Run first = Run.on(db)) {
            threeSources(first.merged(), random, 700);
            before = Catalogs.held(first.rebuilder().rebuildNow());
            textsBefore = texts(before);
        }
        try (Run reindexed = Run.on(db)) {
            Catalog after = reindexed.reindex(THREE);
            ArticleStore.TextsRead reads = reindexed.store().textsRead();
            assertTrue(reads.atOnce() >= 4200, "the merge read every text: " + reads);
            assertTrue(reads.oneByOne() < 100, "read one at a time: " + reads);
            assertEquals(byKey(before), byKey(after));
            assertEquals(textsBefore, texts(after));
        }
    }

    /**
     * Issue 13: a restart given what the first run read from its texts (story terms, what the topic rules read) reads
     * no text back: not the contents for the coverage, nor the excerpts for the rules; it asks the store for them a
     * run of articles at a time.
     */
    @Test
    void aRestart_givenWhatWasReadFromTheStoredTexts_readsNoText_intoTheSameCatalog() {
        Path db = dir.resolve("kept.db");
        Random random = new Random(9);
        // a topic of every story but the seventh of each source ("story" in every title, "p7" in the seventh's)
        List<TopicRule> rules = List.of(new TopicRule("Stories", null, List.of(), List.of("story"), List.of("p7")));
        Catalog before;
        try (Run first = Run.on(db)) {
            first.aggregator().setTopicRules(rules);
            threeSources(first.merged(), random, 400);
            before = Catalogs.held(first.rebuilder().rebuildNow());
            assertEquals(1197, before.articlesOf("stories").size());
        }
        try (Run restarted = Run.restart(db, THREE)) {
            restarted.aggregator().setTopicRules(rules);
            assertEquals(1200, restarted.store().storyTermsOf(byKey(before).keySet(), Coverage.READING).size(),
                    "the story terms of every shown article's text kept");
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
            assertTrue(reads.all() < 100, "the coverage and the topic rules read no text: " + reads);
            assertEquals(1200, asked.stream().mapToInt(Integer::intValue).sum(), "every article's terms asked for");
            assertTrue(asked.stream().allMatch(n -> n <= 500), "a run of articles at a time: " + asked);
            assertEquals(1200, readingsAsked.stream().mapToInt(Integer::intValue).sum(),
                    "every article's topic reading asked for");
            assertTrue(readingsAsked.stream().allMatch(n -> n <= 500), "a run at a time: " + readingsAsked);
            assertEquals(byKey(before), byKey(after));
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
                first.merged().setSourceItems("s" + s, fetched, KEEP_1000);
            }
            before = Catalogs.held(first.rebuilder().rebuildNow());
            assertEquals(600, first.store().storyTermsOf(byKey(before).keySet(), Coverage.READING).size(),
                    "the story terms of every shown article's text kept");
        }
        try (Run restarted = Run.restart(db, List.of("s0", "s1"))) {
            restarted.aggregator().setTopicRules(rules);
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
            threeSources(first.merged(), new Random(5), 100);
            before = Catalogs.held(first.rebuilder().rebuildNow());
        }
        List<UnaryOperator<TopicReading>> wrong = List.of(
                kept -> new TopicReading(kept.text(), new int[] {3}, new int[0]),
                kept -> new TopicReading(kept.text() + 1, new int[0], new int[0]));
        for (UnaryOperator<TopicReading> reading : wrong) {
            Path copy = dir.resolve("damaged-readings-" + wrong.indexOf(reading) + ".db");
            try {
                Files.copy(db, copy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (Run restarted = Run.restart(copy, THREE)) {
                restarted.aggregator().setTopicRules(rules);
                restarted.aggregator().readKeptTopicReadingsFrom((keys, rulesRead) -> {
                    Map<String, TopicReading> damaged = new TreeMap<>();
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
        List<String> s0 = List.of("s0");
        try (Run first = Run.on(db)) {
            first.aggregator().setTopicRules(List.of(trams));
            first.merged().setSourceItems("s0", fetched, KEEP_1000);
            assertEquals(200, first.rebuilder().rebuildNow().articlesOf("trams").size());
        }
        Catalog underFerries;
        try (Run restarted = Run.restart(db, s0)) {
            restarted.aggregator().setTopicRules(List.of(ferries));
            underFerries = Catalogs.held(restarted.rebuilder().rebuildNow());
            ArticleStore.TextsRead reads = restarted.store().textsRead();
            assertTrue(reads.all() >= 600 && reads.all() < 700, "the new rules read every excerpt: " + reads);
            assertEquals(200, underFerries.articlesOf("ferries").size(), "the ferries that leave, not the cancelled");
            assertEquals(600, restarted.store().topicReadingsOf(byKey(underFerries).keySet(),
                    new TopicIndex(List.of(ferries)).reading()).size(), "what the new rules read kept");
        }
        try (Run again = Run.restart(db, s0)) {
            again.aggregator().setTopicRules(List.of(ferries));
            Catalog third = again.rebuilder().rebuildNow();
            assertTrue(again.store().textsRead().all() < 100, "no excerpt read: " + again.store().textsRead());
            assertEquals(byKey(underFerries), byKey(third));
        }
        try (Run withoutRules = Run.restart(db, s0)) {
            Catalog plain = withoutRules.rebuilder().rebuildNow();
            assertTrue(withoutRules.store().textsRead().all() < 100, "without rules no excerpt is read: "
                    + withoutRules.store().textsRead());
            assertEquals(List.of("all"), plain.topics().stream().map(Topic::slug).toList());
            assertEquals(600, withoutRules.store().topicReadingsOf(byKey(plain).keySet(),
                    new TopicIndex(List.of(ferries)).reading()).size(), "nor anything kept in place of what was");
        }
    }

    /**
     * Issue 13: topic rules changed on a running catalog show every article again; the story terms its coverage reads
     * are the store's, a run of articles at a time, and the store's sync rewrites every article's row (its topics
     * changed) without reading the texts the row names in an item; so only the excerpts are read (for the rules), and
     * the catalog is the one an aggregator reading every text (keeping no story terms) shows under those rules.
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
                run.merged().setSourceItems("s" + s, fetched, KEEP_1000);
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

            Aggregator reading = new Aggregator(CLOCK, run.store()); // no kept terms: reads contents
            reading.setTopicRules(List.of(stories));
            new StoreMerger(run.store(), FoldRule.DEFAULT, Aggregator.EVERY_CORE, CLOCK, reading::noteMerged)
                    .rereadAll();
            assertEquals(byKey(reading.rebuild()), byKey(assessed));
        }
    }

    /** A reindex fingerprints the fold candidates' stored texts many at a time, and folds them as before. */
    @Test
    void aReindex_fingerprintsTheFoldCandidatesTextsManyAtATime_andFoldsThemAsBefore() {
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
            first.merged().setSourceItems("s0", originals, KEEP_1000);
            first.merged().setSourceItems("s1", copies, KEEP_1000);
            before = Catalogs.held(first.rebuilder().rebuildNow());
        }
        assertEquals(300, before.all().size(), "each copy folded into its original");
        try (Run reindexed = Run.on(db)) {
            Catalog after = reindexed.reindex(List.of("s0", "s1"));
            ArticleStore.TextsRead reads = reindexed.store().textsRead();
            assertTrue(reads.atOnce() >= 600, "the 600 candidates' texts read many at a time: " + reads);
            assertTrue(reads.oneByOne() < 100, "not one at a time: " + reads);
            assertEquals(byKey(before), byKey(after));
        }
    }

    /**
     * Issue 13: texts let go once synced are read back from the store when a later change takes their articles up
     * again (a copy folding into one, an edit, an item out of the feed): the catalog is the one a run that lets no
     * text go builds from the same fetches; and a restart shows that catalog again.
     */
    @Test
    void textsLetGo_areReadBackWhenTheirArticlesAreTakenUpAgain_intoTheSameCatalog() {
        Path db = dir.resolve("let-go.db");
        Random random = new Random(13);
        List<Item> originals = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // more from one host and it may pass for a template
            originals.add(item("s0", "p" + i, sentence(random, 12), "<p>" + sentence(random, 60) + "</p>"));
        }
        Catalog last;
        try (Run run = Run.on(db); MergedStore held = Run.holding(dir.resolve("held.db"))) {
            run.merged().setSourceItems("s0", originals, KEEP_1000);
            held.setSourceItems("s0", originals, KEEP_1000);
            assertEquals(byKey(held.aggregator.rebuild()), byKey(run.rebuilder().rebuildNow()), "first fetch");

            List<Item> copies = new ArrayList<>(); // republished on another host: each folds into its original
            for (int i = 0; i < 20; i++) {
                copies.add(item("s1", "copy" + i, originals.get(i).excerpt(), originals.get(i).content()));
            }
            run.merged().setSourceItems("s1", copies, KEEP_1000);
            held.setSourceItems("s1", copies, KEEP_1000);
            Catalog mine = run.rebuilder().rebuildNow();
            assertEquals(byKey(held.aggregator.rebuild()), byKey(mine), "copies folded");
            assertEquals(40, mine.all().size(), "20 copies folded into their originals");
            assertEquals(List.of(), run.aggregator().shown(), "memory holds none of them once synced");

            List<Item> edited = new ArrayList<>(originals.subList(5, 40)); // 5 out of the feed, 10 edited, 5 folded
            for (int i = 15; i < 25; i++) {
                edited.set(i - 5, item("s0", "p" + i, sentence(random, 12), "<p>" + sentence(random, 60) + "</p>"));
            }
            run.merged().setSourceItems("s0", edited, KEEP_1000);
            held.setSourceItems("s0", edited, KEEP_1000);
            last = Catalogs.held(run.rebuilder().rebuildNow());
            assertEquals(byKey(held.aggregator.rebuild()), byKey(last), "edits and removals");
            for (Article a : last.all()) {
                Article b = byKey(held.aggregator.catalog()).get(a.key());
                assertEquals(b.excerpt() + "|" + b.content(), a.excerpt() + "|" + a.content(), a.key());
            }
        }
        try (Run restarted = Run.restart(db, List.of("s0", "s1"))) {
            assertEquals(byKey(last), byKey(restarted.rebuilder().rebuildNow()));
        }
    }

    /**
     * A merged archive in a real SQLite file, the aggregator showing it and the rebuilder that syncs the one to the
     * other: one run of Feedloom on that file, as {@code serve} wires it (closed in the order it does).
     */
    private record Run(MergedStore merged, Rebuilder rebuilder) implements AutoCloseable {
        /** A first run on {@code db}, or one that brings nothing stored up to date (a {@link #reindex}). */
        static Run on(Path db) {
            MergedStore merged = holding(db);
            return new Run(merged, new Rebuilder(merged.aggregator, merged.store, new MutableClock(T0),
                    Rebuilder.Listener.NONE));
        }

        /**
         * A restart on {@code db}, as a server's start reads it back: the coverage links kept, the same sources
         * configured (nothing to merge), and the merged archive shown as the store holds it.
         */
        static Run restart(Path db, List<String> sourceIds) {
            Run run = on(db);
            run.aggregator().knowStoryLinks(run.store().storyLinks());
            run.merged().configure(sources(sourceIds));
            run.merged().merger.rereadAll();
            return run;
        }

        /** A merged archive on {@code db} and an aggregator whose rebuilds, never synced, let no text go. */
        static MergedStore holding(Path db) {
            return new MergedStore(SqliteStore.open(db, CLOCK), CLOCK, FoldRule.DEFAULT, RelatedRule.DEFAULT);
        }

        Aggregator aggregator() {
            return merged.aggregator;
        }

        ArticleStore store() {
            return merged.store;
        }

        /**
         * What {@code reindex} does: merges the stored items of {@code sourceIds} again from scratch, then shows them
         * and rewrites the articles snapshot.
         */
        Catalog reindex(List<String> sourceIds) {
            aggregator().knowStoryLinks(store().storyLinks());
            merged.merger.reindex(sources(sourceIds), List.of(), done -> { });
            return rebuilder.rebuildAndRewrite();
        }

        private static List<Source> sources(List<String> ids) {
            return ids.stream().map(id -> MergedStore.source(id, List.of())).toList();
        }

        @Override
        public void close() {
            try (MergedStore closedLast = merged) {
                rebuilder.close();
            }
        }
    }

    /** Three sources of {@code each} random stories, committed and merged. */
    private static void threeSources(MergedStore merged, Random random, int each) {
        for (int s = 0; s < 3; s++) {
            List<Item> fetched = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                fetched.add(item("s" + s, "p" + i, sentence(random, 12), "<p>" + sentence(random, 60) + "</p>"));
            }
            merged.setSourceItems("s" + s, fetched, KEEP_1000);
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

    private static Item item(String source, String path, String excerpt, String body) {
        String url = "https://" + source + ".example/" + path;
        return new Item(Origin.FEED, "source:" + source, List.of(url), "Story " + path, Body.of(excerpt), Body.of(body),
                T0.minusSeconds(3600L * (1 + PATHS.indexOf(path))), null, null, List.of(), List.of(), List.of(),
                List.of(), null, null, SeedFacts.NONE, url, null);
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

    /** Each article's excerpt and content, by key (read from the store where it keeps them). */
    private static Map<String, String> texts(Catalog catalog) {
        Map<String, String> texts = new TreeMap<>();
        catalog.all().forEach(a -> texts.put(a.key(), a.excerpt() + "|" + a.content()));
        return texts;
    }
}
