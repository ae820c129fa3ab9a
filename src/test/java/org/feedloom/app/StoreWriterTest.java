package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.feedloom.canonical.FoldRule;
import org.feedloom.canonical.RelatedRule;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.fetch.HttpFetcher;
import org.feedloom.fetch.Schedule;
import org.feedloom.model.Article;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.model.SourceState.Status;
import org.feedloom.parse.FeedParser;
import org.feedloom.store.ArticleStore;
import org.feedloom.store.SourceWrite;
import org.feedloom.store.SqliteStore;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one writer with the real refresher, committing as a server's does, through the merge kept in the store
 * ({@link StoreMerger#commit}): loopback feeds, a real SQLite file, another connection to hold the writer inside a
 * commit, and pacing on a clock the test moves (a writer waiting for more outcomes never stops waiting because real
 * time passed, so what lands in one batch is decided by the test). What the server's showing relies on is checked
 * too: each batch committed tells the merge's listener once, in commit order, and a commit that changes no item tells
 * it of no change (a server asks for a rebuild only for a change).
 */
class StoreWriterTest {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    static final Duration NEVER = Duration.ofDays(1);
    static final ArticleStore.Retention RETENTION = new ArticleStore.Retention(30, 100);

    @TempDir Path dir;
    final MutableClock pacing = new MutableClock(T0);
    final MutableClock clock = new MutableClock(T0);
    final List<UpstreamFeed> feeds = new ArrayList<>();
    /** The sources configured, as the merge holds them. */
    final List<Source> sources = new ArrayList<>();
    final HttpFetcher fetcher = new HttpFetcher(FeedloomConfig.Fetch.DEFAULT, "test", clock);
    MergedStore merged;
    ArticleStore store;
    StoreWriter writer;
    SourceRefresher refresher;
    Connection lock;

    /**
     * A writer of at most {@code maxBatch} outcomes per transaction that, while outcomes keep coming, waits up to
     * {@code maxWait} (on the pacing clock) after the first of a batch for more; it commits through the merge, as a
     * server's does.
     */
    void start(int maxBatch, Duration maxWait) {
        merged = new MergedStore(SqliteStore.open(db(), clock), clock, FoldRule.DEFAULT, RelatedRule.DEFAULT);
        store = merged.store;
        writer = new StoreWriter(merged.merger::commit, pacing, maxBatch, maxWait, 16);
        // no jitter: a state computed twice at one instant is the same state
        refresher = new SourceRefresher(fetcher, new FeedParser(clock), writer, store, new Schedule(() -> 0L),
                clock, RETENTION);
    }

    @AfterEach
    void close() throws SQLException {
        if (lock != null) {
            lock.close();
        }
        if (writer != null) {
            writer.close();
            merged.close();
        }
        fetcher.close();
        feeds.forEach(UpstreamFeed::close);
    }

    Path db() {
        return dir.resolve("feedloom.db");
    }

    /** A source whose loopback feed lists {@code items} items of its own, configured to be merged. */
    Source source(String id, int items) {
        UpstreamFeed feed = UpstreamFeed.start(LiveSourcesIT.rss(items(id, items)), true);
        feeds.add(feed);
        Source source = new Source(id, null, feed.url(), null, List.of(), List.of(), null, true, null);
        sources.add(source);
        merged.configure(sources);
        return source;
    }

    /** The merges told that changed articles, in the order told: those a server asks a rebuild for. */
    List<StoreMerger.Merged> changes() {
        return merged.told.stream().filter(m -> !m.isEmpty()).toList();
    }

    /** The links of the articles a merge changed, sorted. */
    static List<String> links(StoreMerger.Merged m) {
        return m.change().changed().stream().map(Article::url).sorted().toList();
    }

    /** The links of the articles the merged archive holds now, as a rebuild shows them, sorted. */
    List<String> shown() {
        return merged.aggregator.rebuild().all().stream().map(Article::url).sorted().toList();
    }

    /** RSS items of their own for a source: {@code https://<id>.example/<i>}. */
    static String items(String id, int n) {
        StringBuilder rss = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rss.append("<item><title>").append(id).append(' ').append(i).append("</title><link>https://")
                    .append(id).append(".example/").append(i).append("</link></item>");
        }
        return rss.toString();
    }

    static SourceState published(SourceRefresher.Refreshed r) throws Exception {
        return r.published().get(30, TimeUnit.SECONDS); // milliseconds here; a loaded machine's first fetch, longer
    }

    /**
     * Holds the writer inside the store: another connection takes the database file's write lock, and a first
     * source's outcome is handed over; once the writer has taken it, its commit waits for the file (inside the
     * store's lock) until {@link #release}. Outcomes handed over meanwhile queue up.
     */
    SourceRefresher.Refreshed holdWriter(Source first) throws Exception {
        lock = side();
        try (Statement s = lock.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
        long before = writer.handed();
        SourceRefresher.Refreshed refreshed = refresher.refresh(first);
        RunningFeedloom.waitUntil("the writer takes the first outcome",
                () -> writer.handed() == before + 1 && writer.queued() == 0);
        return refreshed;
    }

    void release() throws SQLException {
        try (Statement s = lock.createStatement()) {
            s.execute("COMMIT");
        }
        lock.close();
    }

    /**
     * A fault of the code (here an assertion) in what hears of a commit (an outcome's publication): logged, and the
     * writer goes on.
     */
    @Test
    void aFaultOfTheCodeAfterACommit_doesNotStopTheWriter() throws Exception {
        start(64, NEVER);
        AtomicInteger told = new AtomicInteger();
        SourceState broken = SourceState.pending("broken", "https://broken.example/feed.xml");
        assertTrue(writer.hand(new StoreWriter.Outcome(SourceWrite.stateOnly(broken), () -> {
            told.incrementAndGet();
            throw new AssertionError("a broken invariant");
        }, null)));
        writer.flush();
        assertEquals(1, told.get());
        SourceRefresher.Refreshed b = refresher.refresh(source("b", 1));
        assertEquals(b.state(), published(b), "the next outcome is committed and published");
        assertEquals(broken, store.load().states().get("broken"), "the first was committed all the same");
        assertEquals(1, store.load().sourceItems().get("b").size());
        assertEquals(List.of("https://b.example/0"), shown(), "and merged");
    }

    @Test
    void aLoneOutcome_isCommittedAtOnce_withoutWaitingForMore() throws Exception {
        start(64, NEVER); // the pacing clock does not move: waiting for more would never end
        SourceRefresher.Refreshed a = refresher.refresh(source("a", 2));
        assertEquals(a.state(), published(a));
        assertEquals(1, writer.transactions());
    }

    @Test
    void sourcesQueuedTogether_areCommittedInOneTransaction_eachStoredWithItsState() throws Exception {
        start(3, NEVER);
        Source a = source("a", 2);
        Source b = source("b", 1);
        Source c = source("c", 3);
        SourceRefresher.Refreshed first = holdWriter(source("first", 1));
        List<SourceRefresher.Refreshed> refreshed = List.of(refresher.refresh(a), refresher.refresh(b),
                refresher.refresh(c));
        assertEquals(3, writer.queued());
        release();

        assertEquals(first.state(), published(first));
        for (SourceRefresher.Refreshed r : refreshed) {
            assertEquals(r.state(), published(r), "published as handed over");
        }
        assertEquals(2, writer.transactions(), "four sources: the first alone, the three queued behind it in one");
        assertEquals(4, writer.committed());
        ArticleStore.Snapshot stored = store.load();
        for (SourceRefresher.Refreshed r : refreshed) {
            String id = r.state().sourceId();
            assertEquals(Status.OK, stored.states().get(id).status());
            assertEquals(r.state(), stored.states().get(id));
            assertEquals(r.state().itemsInLast(), stored.sourceItems().get(id).size());
        }
        assertEquals(refreshed.get(0).state(), refresher.stateOf(a), "what /status reads");
        List<StoreMerger.Merged> changes = changes();
        assertEquals(2, changes.size(), "the merge's listener told once per batch: " + changes);
        assertEquals(List.of("https://first.example/0"), links(changes.get(0)), "in commit order");
        List<String> batch = List.of("https://a.example/0", "https://a.example/1", "https://b.example/0",
                "https://c.example/0", "https://c.example/1", "https://c.example/2");
        assertEquals(batch, links(changes.get(1)), "the batch's items merged in its transaction");
        List<String> all = new ArrayList<>(batch);
        all.add("https://first.example/0");
        assertEquals(all, shown());
    }

    @Test
    void whileOutcomesKeepComing_aBatchWaitsForMore_untilMaxWaitAfterItsFirst() throws Exception {
        start(64, Duration.ofMillis(50));
        Source sourceA = source("a", 1);
        Source sourceB = source("b", 1);
        SourceRefresher.Refreshed first = holdWriter(source("first", 1));
        SourceRefresher.Refreshed a = refresher.refresh(sourceA); // handed over during first's commit
        release();
        assertEquals(Status.OK, published(first).status());
        pacing.advance(Duration.ofMillis(49)); // not yet: the writer waits for more
        SourceRefresher.Refreshed b = refresher.refresh(sourceB);
        pacing.advance(Duration.ofMillis(1));

        assertEquals(Status.OK, published(a).status());
        assertEquals(Status.OK, published(b).status());
        assertEquals(2, writer.transactions(), "b joined a's batch, which the time limit closed, not its size");
    }

    @Test
    void aBatchWithASourceTheStoreRefuses_commitsTheOthers_andMarksOnlyThatSourceFailed() throws Exception {
        start(3, NEVER);
        try (Connection c = side(); Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER refuse_bad BEFORE INSERT ON item WHEN NEW.source_id = 'bad' "
                    + "BEGIN SELECT RAISE(ABORT, 'items of bad refused'); END");
        }
        Source good = source("good", 2);
        Source bad = source("bad", 2);
        Source other = source("other", 1);
        holdWriter(source("first", 1));
        SourceRefresher.Refreshed g = refresher.refresh(good);
        SourceRefresher.Refreshed b = refresher.refresh(bad);
        SourceRefresher.Refreshed o = refresher.refresh(other);
        release();

        assertEquals(g.state(), published(g));
        assertEquals(o.state(), published(o));
        SourceState failed = published(b);
        assertEquals(Status.ERROR, failed.status());
        assertEquals(1, failed.failures());
        assertTrue(failed.error().startsWith("store: commit fetch of source bad and merge it failed on ")
                && failed.error().contains("items of bad refused"), failed.error());
        assertEquals(b.state().nextFetch(), failed.nextFetch(), "due again when the scheduler was told");
        assertEquals(failed, refresher.stateOf(bad));

        ArticleStore.Snapshot stored = store.load();
        assertEquals(g.state(), stored.states().get("good"));
        assertEquals(failed, stored.states().get("bad"));
        assertEquals(o.state(), stored.states().get("other"));
        assertEquals(2, stored.sourceItems().get("good").size());
        assertEquals(1, stored.sourceItems().get("other").size());
        assertFalse(stored.sourceItems().containsKey("bad"));
        assertEquals(List.of("https://first.example/0", "https://good.example/0", "https://good.example/1",
                "https://other.example/0"), shown(), "bad's items neither stored nor merged, the others' both");
        assertEquals(4, writer.transactions(), "the first; then, the batch failing, good and other alone, bad's failure");
    }

    @Test
    void aWorkerFetchesAndHandsOver_whileTheWriterIsStuckInsideTheStore() throws Exception {
        start(64, NEVER);
        Source a = source("a", 1);
        Source b = source("b", 1);
        SourceRefresher.Refreshed ra = holdWriter(a);

        SourceRefresher.Refreshed rb = refresher.refresh(b); // fetched, parsed and handed over meanwhile

        assertEquals(1, writer.queued(), "b waits for the writer, which is still in a's commit");
        assertFalse(ra.published().isDone());
        assertEquals(Status.PENDING, refresher.stateOf(a).status(), "what /status reads: not committed yet");
        assertEquals(Status.PENDING, refresher.stateOf(b).status());
        assertEquals(List.of(), changes(), "nothing merged is told before its commit");
        release();
        assertEquals(Status.OK, published(ra).status());
        assertEquals(Status.OK, refresher.stateOf(a).status());
        assertEquals(List.of("https://a.example/0"), links(changes().get(0)), "merged once committed");
        writer.flush(); // b was handed over during a commit: the writer would wait for more to join it
        assertEquals(Status.OK, published(rb).status());
        assertEquals(2, writer.transactions());
    }

    @Test
    void a304_writesOnlyTheStateColumnsThatChanged_andNothingWhenNoneDid() throws Exception {
        start(64, NEVER);
        Source s = source("s", 2);
        assertEquals(Status.OK, published(refresher.refresh(s)).status());
        logStateWrites();

        SourceState first = published(refresher.refresh(s));
        assertEquals(Status.NOT_MODIFIED, first.status());
        assertEquals(Set.of("status", "http_status", "items_in_last", "new_items"), Set.copyOf(stateWrites()),
                "same instant, no jitter: the times are unchanged, so only what a 304 says differently");
        assertEquals(4, stateWrites().size());
        assertEquals(List.of("not_modified", "304"), row("SELECT lower(status), http_status FROM source_state"));

        assertEquals(first, published(refresher.refresh(s)));
        assertEquals(4, stateWrites().size(), "the same 304 again writes nothing");

        clock.advance(Duration.ofMinutes(1));
        assertEquals(Status.NOT_MODIFIED, published(refresher.refresh(s)).status());
        assertEquals(Set.of("last_attempt", "last_success", "next_fetch"),
                Set.copyOf(stateWrites().subList(4, stateWrites().size())));
        assertEquals(7, stateWrites().size());
        assertEquals(List.of(T0.plusSeconds(60).toString(), "\"" + Integer.toHexString(
                LiveSourcesIT.rss(items("s", 2)).hashCode()) + "\""),
                row("SELECT last_success, etag FROM source_state"), "the validators stay as the 200 left them");
        writer.flush();
        assertEquals(1, changes().size(), "a 304 changes no items: only the first fetch's merge changed articles, "
                + "what a server asks a rebuild for");
    }

    @Test
    void closing_commitsWhatIsQueued_thenRefusesMore() throws Exception {
        start(64, NEVER);
        List<Source> behind = List.of(source("a", 1), source("b", 2), source("c", 1));
        SourceRefresher.Refreshed first = holdWriter(source("first", 1));
        List<SourceRefresher.Refreshed> queued = behind.stream().map(refresher::refresh).toList();
        release();
        published(first);
        assertEquals(3, writer.queued(), "the batch is neither full nor old: the writer waits for more");

        writer.close();

        for (SourceRefresher.Refreshed r : queued) {
            assertTrue(r.published().isDone());
            assertEquals(r.state(), store.load().states().get(r.state().sourceId()));
        }
        assertEquals(5, shown().size(), "merged with their commit: " + shown());
        assertEquals(2, writer.transactions());
        SourceRefresher.Refreshed refused = refresher.refresh(source("late", 1));
        assertEquals(Status.PENDING, published(refused).status(), "not committed, so not published");
        assertFalse(store.load().states().containsKey("late"));
    }

    Connection side() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db().toAbsolutePath());
    }

    /** The first row of a query, each column as text. */
    List<String> row(String sql) throws SQLException {
        try (Connection c = side(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next());
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                out.add(r.getString(i));
            }
            return out;
        }
    }

    /** Logs, in a table of the test's own, each {@code source_state} column every later update sets, and inserts. */
    void logStateWrites() throws SQLException {
        try (Connection c = side(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE written (n INTEGER PRIMARY KEY, what TEXT)");
            s.execute("CREATE TRIGGER log_insert AFTER INSERT ON source_state BEGIN "
                    + "INSERT INTO written (what) VALUES ('insert'); END");
            for (String column : List.of("url", "feed_url", "etag", "last_modified", "status", "failures",
                    "last_attempt", "last_success", "next_fetch", "http_status", "items_in_last", "new_items",
                    "error")) {
                s.execute("CREATE TRIGGER log_" + column + " AFTER UPDATE OF " + column + " ON source_state BEGIN "
                        + "INSERT INTO written (what) VALUES ('" + column + "'); END");
            }
        }
    }

    List<String> stateWrites() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = side(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT what FROM written ORDER BY n")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }
}
