package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.metrics.Recorder;
import org.feedloom.model.Article;
import org.feedloom.model.Catalog;
import org.feedloom.model.Item;
import org.feedloom.model.SourceState;
import org.feedloom.publish.AtomRenderer;
import org.feedloom.publish.SiteInfo;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.PostgresServer;
import org.feedloom.store.PostgresStore;
import org.feedloom.store.SourceWrite;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: instances sharing one PostgreSQL store. Each merge is kept in the store and announces the keys of the
 * articles it changed in its own transaction; every other instance shows those articles as the store holds them
 * ({@link Peers}), so all show the same articles with the same ids and first sights, and serve the same bytes, even
 * when the instance that merged them stopped right after its commit. Two instances merging one story at the same
 * time publish one id for it, never two, and that id never changes (their merges are serialised by the store). A
 * change log row or an announcement that cannot be taken does not stop the reading; a forgetting pass of one instance
 * never forgets the id or first sight of an article another merged back meanwhile.
 */
class PeersTest {
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    static final List<String> SOURCES = List.of("s1", "s2");
    /** Items a source no longer lists go a day after they were first seen. */
    static final ArticleStore.Retention RETENTION = new ArticleStore.Retention(1, 1_000);
    static final SiteInfo SITE = new SiteInfo("Feedloom", "The Editors", "1", 50, null);
    static final String BASE = "https://feeds.example.org/";

    final MutableClock clock = new MutableClock(T);

    /** A story without a date (dated by its first sight) under {@code urls}, the first its preferred one. */
    private static Item undated(String... urls) {
        return story("Undated story " + urls[0], null, List.of(urls));
    }

    /** One story under several links, as a feed lists it: what folds with any item under one of them. */
    private static Item story(String title, Instant published, List<String> urls) {
        Item i = Item.ofFeed("source:s", urls.get(0), title);
        return new Item(i.origin(), i.provenance(), urls, i.title(), null, null, published, null, null, List.of(),
                List.of(), List.of(), List.of(), null, null, i.facts(), urls.get(0), null);
    }

    @Test
    void eachInstance_showsWhatTheOtherMerged_withTheSameIdsFirstSightsAndBytes() throws Exception {
        try (Shared shared = shared()) {
            Instance a = shared.instance(clock);
            Instance b = shared.instance(Clock.offset(clock, Duration.ofHours(1))); // its clock an hour ahead

            a.fetch("s1", undated("https://s1.example/a"), undated("https://s1.example/b"));
            assertEquals(2, b.peers.mergeAnnounced(), "the commit's sources and its merge's articles");
            assertEquals(1, b.changes.get(), "a rebuild asked for");
            List<Article> shown = sameOnBoth(a, b, 2);
            assertTrue(shown.stream().allMatch(article -> article.published().equals(T)),
                    "dated by the first sight the merge recorded, not by the clock of the instance showing it");
            assertEquals(SourceState.pending("s1", "https://s1.example.net/feed.xml"), b.restored.get("s1"),
                    "the committed state of the source adopted");

            clock.advance(Duration.ofDays(2));
            b.fetch("s1", undated("https://s1.example/a"));
            b.fetch("s2", undated("https://s2.example/c"));
            assertEquals(4, a.peers.mergeAnnounced());
            assertEquals(List.of("s1.example/a", "s2.example/c"),
                    sameOnBoth(a, b, 2).stream().map(Article::key).sorted().toList(), "b's gone article gone on a too");

            a.fetch("s2", undated("https://s2.example/c"), undated("https://s2.example/d"));
            a.close(); // stopped right after its commit: what it merged was announced in the commit
            b.peers.mergeAnnounced();
            assertEquals(List.of("s1.example/a", "s2.example/c", "s2.example/d"),
                    b.aggregator.rebuild().all().stream().map(Article::key).sorted().toList());
        }
    }

    /**
     * Replaces the in-memory id race: two instances merge, each from its own source, the same story at the same
     * time. Their merges are serialised by the store, the second folding its item into the article the first made,
     * so both publish the first's id, and it stays the article's id when the first's source drops the story, and
     * when the story leaves the archive and comes back.
     */
    @Test
    void twoInstancesMergingOneStoryAtOnce_publishOneIdForIt_thatNeverChanges() throws Exception {
        int stories = 8;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Shared shared = shared()) {
            Instance a = shared.instance(clock);
            Instance b = shared.instance(clock);
            Set<String> ids = new java.util.HashSet<>();
            for (int n = 0; n < stories; n++) {
                String alpha = "https://alpha.example/2026/story-" + n;
                String beta = "https://beta.example/2026/story-" + n;
                String title = "Story " + n + " told twice";
                CyclicBarrier together = new CyclicBarrier(2);
                Future<StoreMerger.Committed> one = pool.submit(() -> a.fetchAt(together, "s1",
                        story(title, T, List.of(alpha, beta))));
                Future<StoreMerger.Committed> two = pool.submit(() -> b.fetchAt(together, "s2",
                        story(title, T, List.of(beta))));
                Set<String> made = keysOfArticlesHolding("beta.example/2026/story-" + n, one.get(), two.get());
                assertEquals(1, made.size(), "one id, whichever merge came first: " + made);
                ids.addAll(made);
            }
            a.peers.mergeAnnounced();
            b.peers.mergeAnnounced();
            assertEquals(ids, keys(sameOnBoth(a, b, stories)),
                    "one article a story, under the id its first merge gave it, on both");

            clock.advance(Duration.ofDays(2));
            a.fetch("s1"); // the first source drops every story: the second's items hold them
            b.peers.mergeAnnounced();
            assertEquals(ids, keys(sameOnBoth(a, b, stories)));

            b.fetch("s2"); // every story leaves the archive
            a.peers.mergeAnnounced();
            sameOnBoth(a, b, 0);
            clock.advance(Duration.ofDays(2));
            List<Item> back = new ArrayList<>();
            for (int n = 0; n < stories; n++) {
                back.add(story("Story " + n + " told twice", T, List.of("https://beta.example/2026/story-" + n)));
            }
            a.fetch("s2", back.toArray(Item[]::new)); // and comes back
            b.peers.mergeAnnounced();
            assertEquals(ids, keys(sameOnBoth(a, b, stories)), "back under the ids they were published under");
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A change log row that cannot be read (damaged, or of a later version's format) is skipped with an error in the
     * log: the announcements after it are taken, where before the reader read it again and again and took nothing
     * another instance did from then on.
     */
    @Test
    void aChangeLogRowThatCannotBeRead_isSkipped_andTheAnnouncementsAfterItTaken() throws Exception {
        try (Shared shared = shared()) {
            Instance a = shared.instance(clock);
            Instance b = shared.instance(clock);
            try (java.sql.Connection c = PostgresServer.connectTo(shared.url());
                 java.sql.Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate("INSERT INTO change_log (seq, instance, at, payload) VALUES (1, "
                        + "'another', " + T.toEpochMilli() + ", '{\"articles\": [\"s1.example/a\"')"));
            }
            a.fetch("s1", undated("https://s1.example/a"));
            b.peers.mergeAnnounced();
            sameOnBoth(a, b, 1);
        }
    }

    /** A fault of the code (here an assertion) while taking an announcement: logged, and the reading goes on. */
    @Test
    void aFaultOfTheCodeInTakingAnAnnouncement_doesNotStopTheReading() throws Exception {
        try (Shared shared = shared()) {
            Instance a = shared.instance(clock);
            AtomicInteger changes = new AtomicInteger();
            Instance b = shared.instance(clock, states -> { }, () -> {
                if (changes.incrementAndGet() == 1) {
                    throw new AssertionError("a broken invariant");
                }
            });
            b.peers.start();
            a.fetch("s1", undated("https://s1.example/a"));
            RunningFeedloom.waitUntil("the first announcement, whose rebuild request fails", () -> changes.get() == 1);
            a.fetch("s2", undated("https://s2.example/b"));
            RunningFeedloom.waitUntil("the next announcement taken", () -> changes.get() == 2);
            b.peers.close();
            sameOnBoth(a, b, 2);
        }
    }

    /**
     * An announcement whose taking fails on a fault of the code (here in adopting a source's state) is tried
     * {@link Peers#TRIES} times, then skipped, so that the announcements after it are taken; before, the reader
     * tried it again and again and took nothing another instance did from then on.
     */
    @Test
    void anAnnouncementThatKeepsFailing_isSkipped_andTheOnesAfterItTaken() throws Exception {
        try (Shared shared = shared()) {
            Instance a = shared.instance(clock);
            Instance b = shared.instance(clock, states -> {
                if (states.containsKey("s1")) {
                    throw new IllegalStateException("a fault in adopting s1's state");
                }
            }, () -> { });
            a.fetch("s1", undated("https://s1.example/a"));
            a.fetch("s2", undated("https://s2.example/b"));
            for (int tries = 1; tries < Peers.TRIES; tries++) {
                assertThrows(IllegalStateException.class, b.peers::mergeAnnounced, "tried again");
                assertEquals(List.of(), b.aggregator.rebuild().all(), "waiting behind s1's committed state");
            }
            assertEquals(3, b.peers.mergeAnnounced(), "s1's state skipped; s1's articles, s2's state and articles "
                    + "taken");
            sameOnBoth(a, b, 2);
            assertEquals(0, b.peers.mergeAnnounced(), "nothing tried again");
        }
    }

    /**
     * A forgetting pass of one instance found a key no article held, and another instance merged the key's article
     * back before the pass forgot it: the key's id and first sight are kept (checked in the forgetting's
     * transaction), so the article keeps its id and date on every instance; a key still unheld is forgotten.
     */
    @Test
    void aForgettingPassOfOneInstance_keepsTheRecordsOfAnArticleAnotherMergedBackMeanwhile() throws Exception {
        String held = "https://s1.example/held";
        try (Shared shared = shared()) {
            Instance forgetter = shared.instance(clock);
            Instance merger = shared.instance(clock);
            merger.fetch("s1", undated("https://s1.example/first-address", held), undated("https://s1.example/gone"));
            forgetter.peers.mergeAnnounced();
            Article first = sameOnBoth(forgetter, merger, 2).stream()
                    .filter(article -> article.key().equals("s1.example/first-address")).findFirst().orElseThrow();

            clock.advance(Duration.ofDays(2));
            merger.fetch("s1");
            forgetter.peers.mergeAnnounced();
            sameOnBoth(forgetter, merger, 0);
            Set<String> unheld = forgetter.store.unheldRecords();
            assertTrue(unheld.containsAll(Set.of("s1.example/held", "s1.example/gone")), unheld.toString());
            assertEquals(List.of(), forgetter.store.noteGone(unheld, clock.instant(), clock.instant()), "noted");
            clock.advance(Duration.ofDays(2));
            List<String> due = forgetter.store.noteGone(forgetter.store.unheldRecords(), clock.instant(),
                    clock.instant()); // the next pass: gone for long enough
            assertEquals(unheld, Set.copyOf(due));

            clock.advance(Duration.ofDays(2));
            merger.fetch("s1", undated(held)); // back, while the pass runs
            assertEquals(List.of("s1.example/gone"), forgetter.store.forgetKeys(due),
                    "the keys of the article back kept, its key among them");

            clock.advance(Duration.ofDays(2));
            merger.fetch("s1"); // out of the archive and back again: under its records
            merger.fetch("s1", undated(held));
            forgetter.peers.mergeAnnounced();
            Article back = sameOnBoth(forgetter, merger, 1).get(0);
            assertEquals(first.key(), back.key(), "the id it was first published under");
            assertEquals(first.published(), back.published(), "dated by its first sight, as first published");
        }
    }

    /**
     * Rebuilds both instances' catalogs and checks they show the same {@code count} articles, in one order, and
     * serve the same bytes; returns the articles, newest first.
     */
    private static List<Article> sameOnBoth(Instance a, Instance b, int count) {
        Catalog one = a.aggregator.rebuild();
        Catalog two = b.aggregator.rebuild();
        assertEquals(count, one.all().size(), one.all().toString());
        assertEquals(one.all(), two.all(), "the same articles, with the same ids and dates");
        AtomRenderer atom = new AtomRenderer(SITE);
        assertArrayEquals(atom.render(one, one.topics().get(0), BASE), atom.render(two, two.topics().get(0), BASE),
                "the same bytes");
        return one.all();
    }

    private static Set<String> keys(List<Article> articles) {
        return articles.stream().map(Article::key).collect(java.util.stream.Collectors.toSet());
    }

    /** The keys of the articles that the merges of {@code commits} made or changed holding {@code aliasKey}. */
    private static Set<String> keysOfArticlesHolding(String aliasKey, StoreMerger.Committed... commits) {
        return java.util.Arrays.stream(commits).flatMap(c -> c.merged().change().changed().stream())
                .filter(article -> article.aliasKeys().contains(aliasKey)).map(Article::key)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** A fresh schema on the tests' PostgreSQL server, and the instances opened on it (closed with it). */
    private record Shared(String url, List<Instance> instances) implements AutoCloseable {
        Instance instance(Clock clock) {
            return instance(clock, states -> { }, () -> { });
        }

        Instance instance(Clock clock, Consumer<Map<String, SourceState>> restore, Runnable onChanged) {
            Instance instance = new Instance(url, clock, restore, onChanged);
            instances.add(instance);
            return instance;
        }

        @Override
        public void close() {
            instances.forEach(Instance::close);
        }
    }

    private static Shared shared() throws java.sql.SQLException {
        return new Shared(PostgresServer.get().freshSchema(), new ArrayList<>());
    }

    /**
     * One instance on the shared store, wired as {@link Pipeline#share} wires it: the merge kept in the store and the
     * aggregator showing it, the sources {@link #SOURCES} configured, and peers made before anything is merged.
     */
    private static final class Instance implements AutoCloseable {
        final MergedStore merged;
        final ArticleStore store;
        final Aggregator aggregator;
        final Clock clock;
        final Peers peers;
        final AtomicInteger changes = new AtomicInteger();
        final Map<String, SourceState> restored = new ConcurrentHashMap<>();
        private boolean closed;

        Instance(String url, Clock clock, Consumer<Map<String, SourceState>> restore, Runnable onChanged) {
            this.clock = clock;
            merged = new MergedStore(PostgresStore.open(url, null, clock), clock, FoldRule.DEFAULT,
                    RelatedRule.DEFAULT);
            store = merged.store;
            aggregator = merged.aggregator;
            peers = new Peers(store.coordination(), merged.merger, states -> {
                restored.putAll(states);
                restore.accept(states);
            }, () -> {
                changes.incrementAndGet();
                onChanged.run();
            }, clock, Recorder.NONE, "serve", "hash");
            merged.configure(SOURCES.stream().map(id -> MergedStore.source(id, List.of())).toList());
            peers.configure(Set.copyOf(SOURCES));
        }

        /** Fetches {@code source} under its lease: its feed lists {@code items} now. */
        StoreMerger.Committed fetch(String source, Item... items) {
            String feed = "https://" + source + ".example.net/feed.xml";
            store.coordination().claim(source, feed, clock.instant(), Duration.ofSeconds(60), false);
            return merged.merger.commit(List.of(SourceWrite.fetched(SourceState.pending(source, feed),
                    List.of(items), RETENTION, clock.instant())));
        }

        /** {@link #fetch} once the other party of {@code together} is ready to fetch too. */
        StoreMerger.Committed fetchAt(CyclicBarrier together, String source, Item... items) throws Exception {
            together.await();
            return fetch(source, items);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                peers.close();
                store.close();
            }
        }
    }
}
