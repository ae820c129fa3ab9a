package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.feedloom.metrics.Recorder;
import org.feedloom.model.Article;
import org.feedloom.model.Item;
import org.feedloom.model.PublishedId;
import org.feedloom.model.SourceState;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.Coordination.Announcement;
import org.feedloom.store.PostgresServer;
import org.feedloom.store.PostgresStore;
import org.feedloom.store.SourceWrite;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: how an instance merges what another sharing its PostgreSQL store committed. It waits for the other's
 * announcement of its merge, to merge with the other's first-seen times; it merges on its own only once the other
 * cannot be running any more (no check-in since {@link Peers#ALIVE} after the commit), however recently it started.
 */
class PeersTest {
    static final Instant T = Instant.parse("2026-11-22T10:00:00Z");
    static final String URL = "https://s1.example/feed";
    final MutableClock clock = new MutableClock(T);

    private static Item undated(String url) {
        return Item.ofFeed("source:s1", url, "Undated story");
    }

    @Test
    void aCommitIsMergedWithTheCommittersFirstSeenTimes_orAloneOnceTheCommitterStopped() throws Exception {
        try (Stores stores = stores()) {
            ArticleStore committer = stores.committer();
            ArticleStore reader = stores.reader();
            Aggregator aggregator = aggregator();
            int[] changes = {0};
            Peers peers = peers(reader, aggregator, () -> changes[0]++);
            peers.configure(Set.of("s1", "s2"));

            commit(committer, "s1", undated("https://s1.example/a"));
            assertEquals(0, peers.mergeAnnounced(), "the committer has not announced its merge yet");
            assertEquals(List.of(), aggregator.sourceItems("s1"));

            Instant firstSeen = T.minusSeconds(600);
            committer.coordination().announce(Announcement.merged(List.of("s1"),
                    Map.of("s1.example/a", firstSeen), List.of()), T);
            assertEquals(1, peers.mergeAnnounced());
            assertEquals(List.of(undated("https://s1.example/a")), aggregator.sourceItems("s1"));
            assertEquals(firstSeen, aggregator.rebuild(Integer.MAX_VALUE).all().get(0).published(),
                    "dated by the committer's first sight, not by this instance's clock");

            commit(committer, "s2", undated("https://s2.example/b"));
            assertEquals(0, peers.mergeAnnounced());
            clock.advance(Duration.ofSeconds(5));
            assertEquals(0, peers.mergeAnnounced(), "the committer is not on the list read yet, but it committed "
                    + "5 s ago: it may have started since the list was read");
            clock.advance(Peers.ALIVE.minusSeconds(5));
            assertEquals(1, peers.mergeAnnounced(), "no check-in for " + Peers.ALIVE + " since: merged alone");
            assertEquals(List.of(undated("https://s2.example/b")), aggregator.sourceItems("s2"));
            assertEquals(T, aggregator.rebuild(Integer.MAX_VALUE).all().stream()
                    .filter(a -> a.url().equals("https://s2.example/b")).findFirst().orElseThrow().published(),
                    "dated by the item's first sight as stored (the commit's time), which every instance reads alike, "
                    + "not by this instance's clock");
            assertEquals(2, changes[0], "a rebuild asked for after each merge");
        }
    }

    /**
     * A change log row that cannot be read (damaged, or of a later version's format) is skipped with an error in the
     * log: the announcements after it are merged, where before the reader read it again and again and merged nothing
     * another instance did from then on.
     */
    @Test
    void aChangeLogRowThatCannotBeRead_isSkipped_andTheAnnouncementsAfterItMerged() throws Exception {
        try (Stores stores = stores()) {
            ArticleStore committer = stores.committer();
            ArticleStore reader = stores.reader();
            Aggregator aggregator = aggregator();
            Peers peers = peers(reader, aggregator, () -> { });
            peers.configure(Set.of("s1"));
            commit(committer, "s1", undated("https://s1.example/a"));
            try (java.sql.Connection c = PostgresServer.connectTo(stores.url()); java.sql.Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate("INSERT INTO change_log (seq, instance, at, payload) SELECT max(seq) "
                        + "+ 1, 'another', max(at), '{\"sources\": [\"s1\"' FROM change_log"));
            }
            committer.coordination().announce(Announcement.merged(List.of("s1"), Map.of(), List.of()), T);
            peers.mergeAnnounced();
            assertEquals(List.of(undated("https://s1.example/a")), aggregator.sourceItems("s1"),
                    "the announcement after the damaged row merged");
        }
    }

    /** A fault of the code (here an assertion) while merging an announcement: logged, and the reading goes on. */
    @Test
    void aFaultOfTheCodeInAMerge_doesNotStopTheReading() throws Exception {
        try (Stores stores = stores()) {
            ArticleStore committer = stores.committer();
            ArticleStore reader = stores.reader();
            Aggregator aggregator = aggregator();
            java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
            Peers peers = peers(reader, aggregator, () -> {
                if (changes.incrementAndGet() == 1) {
                    throw new AssertionError("a broken invariant");
                }
            });
            peers.configure(Set.of("s1", "s2"));
            peers.start();
            try {
                commit(committer, "s1", undated("https://s1.example/a"));
                committer.coordination().announce(Announcement.merged(List.of("s1"), Map.of(), List.of()), T);
                RunningFeedloom.waitUntil("the first merge, whose rebuild request fails", () -> changes.get() == 1);
                commit(committer, "s2", undated("https://s2.example/b"));
                committer.coordination().announce(Announcement.merged(List.of("s2"), Map.of(), List.of()), T);
                RunningFeedloom.waitUntil("the next announcement merged", () -> changes.get() == 2);
                assertEquals(List.of(undated("https://s2.example/b")), aggregator.sourceItems("s2"));
            } finally {
                peers.close();
            }
        }
    }

    /**
     * An announcement whose merge fails on a fault of the code (here in adopting the sources' states) is tried
     * {@link Peers#TRIES} times, then skipped, so that the announcements after it are merged; before, the reader
     * tried it again and again and merged nothing another instance did from then on.
     */
    @Test
    void anAnnouncementWhoseMergeKeepsFailing_isSkipped_andTheOnesAfterItMerged() throws Exception {
        try (Stores stores = stores()) {
            ArticleStore committer = stores.committer();
            Aggregator aggregator = aggregator();
            Peers peers = new Peers(stores.reader().coordination(), aggregator, states -> {
                if (states.containsKey("s1")) {
                    throw new IllegalStateException("a fault in adopting s1's state");
                }
            }, () -> { }, clock, Recorder.NONE, "serve", "hash");
            peers.configure(Set.of("s1", "s2"));
            commit(committer, "s1", undated("https://s1.example/a"));
            committer.coordination().announce(Announcement.merged(List.of("s1"), Map.of(), List.of()), T);
            commit(committer, "s2", undated("https://s2.example/b"));
            committer.coordination().announce(Announcement.merged(List.of("s2"), Map.of(), List.of()), T);
            for (int tries = 1; tries < Peers.TRIES; tries++) {
                assertThrows(IllegalStateException.class, peers::mergeAnnounced, "tried again");
                assertEquals(List.of(), aggregator.sourceItems("s2"), "waiting behind s1's announcement");
            }
            assertEquals(1, peers.mergeAnnounced(), "s1's skipped, s2's merged");
            assertEquals(List.of(undated("https://s2.example/b")), aggregator.sourceItems("s2"));
            assertEquals(0, peers.mergeAnnounced(), "nothing tried again");
        }
    }

    /**
     * The keys one instance's forgetting pass forgot are announced, and another forgets them too, but for those an
     * article of its archive holds (its date and id stay as they are).
     */
    @Test
    void keysAnotherInstanceForgot_areForgottenHere_butThoseAnArticleHere_holds() throws Exception {
        String gone = "s1.example/gone";
        String held = "s1.example/held";
        try (Stores stores = stores()) {
            Aggregator aggregator = aggregator();
            Peers reader = peers(stores.reader(), aggregator, () -> { });
            reader.configure(Set.of("s1"));
            aggregator.adoptPublishedIds(List.of(new PublishedId(gone, gone, T),
                    new PublishedId(held, "s1.example/first-address", T)));
            aggregator.setSourceItems("s1", List.of(undated("https://s1.example/held")));
            assertEquals("s1.example/first-address", aggregator.rebuild(Integer.MAX_VALUE).all().get(0).key());
            assertEquals(Set.of(gone), aggregator.unheldRecords());

            Peers forgetter = peers(stores.committer(), aggregator(), () -> { });
            forgetter.forgot(Set.of(gone, held));
            assertEquals(1, reader.mergeAnnounced());
            assertEquals(Set.of(), aggregator.unheldRecords(), "the gone key forgotten");
            aggregator.setSourceItems("s1", List.of(Item.ofFeed("source:s1", "https://s1.example/held",
                    "Undated story, updated"))); // merged again
            assertEquals("s1.example/first-address", aggregator.rebuild(Integer.MAX_VALUE).all().get(0).key(),
                    "the held key's record kept: the article keeps its id");
        }
    }

    /**
     * The store forgot a key this instance still holds (its article came back here first): the next rebuild writes
     * the key's id and first-seen time back, so that a restart of this instance reads the id it kept publishing.
     */
    @Test
    void aKeyAnotherInstanceForgot_thatAnArticleHereHolds_isRecordedAgainInTheStore() throws Exception {
        String held = "s1.example/held";
        Instant firstSeen = T.minusSeconds(86_400);
        try (Stores stores = stores()) {
            Aggregator aggregator = aggregator();
            Rebuilder rebuilder = new Rebuilder(aggregator, stores.reader(), clock, Rebuilder.Listener.NONE);
            Peers reader = peers(stores.reader(), aggregator, rebuilder::rebuildNow);
            reader.configure(Set.of("s1"));
            // as read from the store at start-up: the records the other instance's pass then deleted there
            aggregator.adoptPublishedIds(List.of(new PublishedId(held, "s1.example/first-address", T)));
            aggregator.addFirstSeen(Map.of(held, firstSeen));
            aggregator.setSourceItems("s1", List.of(undated("https://s1.example/held")));
            Article before = rebuilder.rebuildNow().all().get(0);
            assertEquals(List.of(), stores.reader().load().publishedIds(), "nothing new to save");

            peers(stores.committer(), aggregator(), () -> { }).forgot(Set.of(held));
            assertEquals(1, reader.mergeAnnounced());
            ArticleStore.Snapshot stored = stores.reader().load();
            assertEquals(List.of(new PublishedId(held, "s1.example/first-address", T)), stored.publishedIds());
            assertEquals(firstSeen, stored.firstSeen().get(held));

            Aggregator restarted = aggregator();
            restarted.adoptPublishedIds(stored.publishedIds());
            restarted.addFirstSeen(stored.firstSeen());
            restarted.setSourceItems("s1", List.of(undated("https://s1.example/held")));
            Article article = restarted.rebuild(Integer.MAX_VALUE).all().get(0);
            assertEquals("s1.example/first-address", article.key(), "a restart publishes the id kept");
            assertEquals(before.published(), article.published(), "dated as before");
        }
    }

    /** Two instances' stores on a fresh schema of the shared PostgreSQL server at {@code url}. */
    private record Stores(String url, ArticleStore committer, ArticleStore reader) implements AutoCloseable {
        @Override
        public void close() {
            try (ArticleStore r = reader) {
                committer.close();
            }
        }
    }

    private Stores stores() throws java.sql.SQLException {
        String url = PostgresServer.get().freshSchema();
        return new Stores(url, PostgresStore.open(url, null, clock), PostgresStore.open(url, null, clock));
    }

    /** An aggregator an hour after {@link #T}: what this instance's clock dates is told from the committer's. */
    private static Aggregator aggregator() {
        return new Aggregator(java.time.Clock.fixed(T.plusSeconds(3600), ZoneOffset.UTC));
    }

    /** This instance's peers on {@code reader}, merging into {@code aggregator}, {@code onChanged} run after merges. */
    private Peers peers(ArticleStore reader, Aggregator aggregator, Runnable onChanged) {
        return new Peers(reader.coordination(), aggregator, states -> { }, onChanged, clock, Recorder.NONE, "serve",
                "hash");
    }

    private void commit(ArticleStore store, String source, Item item) {
        store.coordination().claim(source, URL, clock.instant(), Duration.ofSeconds(60), true);
        store.commitBatch(List.of(SourceWrite.fetched(SourceState.pending(source, URL), List.of(item),
                new ArticleStore.Retention(100, 100), clock.instant())));
    }
}
