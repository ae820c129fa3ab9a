package org.feedloom.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.feedloom.config.FeedloomConfig;
import org.feedloom.fetch.HttpFetcher;
import org.feedloom.fetch.Schedule;
import org.feedloom.model.Source;
import org.feedloom.model.SourceState;
import org.feedloom.model.SourceState.Status;
import org.feedloom.parse.FeedParser;
import org.feedloom.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 8: a server that ignores conditional GET (no validators, a 200 every time) and sends the same
 * bytes again gets the same treatment as a 304: nothing parsed, no item written (the rows' {@code last_seen} stays),
 * nothing merged (so a server asks for no rebuild), the state saying {@code not-modified} with the 200; a changed
 * body is parsed again. Real loopback server, real refresher and writer committing through the merge kept in a real
 * SQLite file, as a server's does, and a clock the test moves.
 */
class UnchangedBodyTest {
    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @TempDir Path dir;
    final MutableClock clock = new MutableClock(T0);
    final HttpFetcher fetcher = new HttpFetcher(FeedloomConfig.Fetch.DEFAULT, "test", clock);
    final UpstreamFeed upstream = UpstreamFeed.start(LiveSourcesIT.rss(StoreWriterTest.items("s", 2)), false);
    final Source source = new Source("s", null, upstream.url(), null, List.of(), List.of(), null, true, null);
    MergedStore merged;
    StoreWriter writer;
    SourceRefresher refresher;

    @BeforeEach
    void start() {
        open();
    }

    void open() {
        merged = new MergedStore(dir, clock);
        merged.configure(List.of(source));
        writer = new StoreWriter(merged.merger::commit, new MutableClock(T0), 64,
                Duration.ZERO, 16);
        refresher = new SourceRefresher(fetcher, new FeedParser(clock), writer, merged.store,
                new Schedule(() -> 0L), clock, StoreWriterTest.RETENTION);
    }

    @AfterEach
    void close() {
        writer.close();
        merged.close();
        fetcher.close();
        upstream.close();
    }

    SourceState refresh() throws Exception {
        clock.advance(Duration.ofMinutes(1));
        SourceState state = StoreWriterTest.published(refresher.refresh(source));
        writer.flush();
        return state;
    }

    /** How many merges changed articles since the store was opened: the rebuilds a server asks for. */
    long rebuilds() {
        return merged.told.stream().filter(m -> !m.isEmpty()).count();
    }

    /** Each stored item's {@code last_seen}, by key. */
    List<String> lastSeen() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("merged.db").toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT key, last_seen FROM item ORDER BY key")) {
            while (r.next()) {
                out.add(r.getString(1) + " " + r.getString(2));
            }
        }
        return out;
    }

    static String sha256(String body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theSameBodyAgain_isNotModified_nothingParsedOrWritten_andAChangedBodyIsParsed() throws Exception {
        SourceState first = refresh();
        assertEquals(Status.OK, first.status());
        assertEquals(2, first.itemsInLast());
        assertEquals(sha256(LiveSourcesIT.rss(StoreWriterTest.items("s", 2))), first.bodyHash());
        List<String> seen = lastSeen();
        assertEquals(2, seen.size());
        assertEquals(1, rebuilds());

        SourceState again = refresh();
        assertEquals(Status.NOT_MODIFIED, again.status());
        assertEquals(200, again.httpStatus());
        assertEquals(T0.plus(Duration.ofMinutes(2)), again.lastSuccess(), "counted as a success, now");
        assertEquals(first.bodyHash(), again.bodyHash());
        assertEquals(seen, lastSeen(), "no item written: last_seen is the first fetch's");
        assertEquals(1, rebuilds(), "nothing merged: no rebuild");

        upstream.set(LiveSourcesIT.rss(StoreWriterTest.items("s", 3)));
        SourceState changed = refresh();
        assertEquals(Status.OK, changed.status());
        assertEquals(3, changed.itemsInLast());
        assertNotEquals(first.bodyHash(), changed.bodyHash());
        assertEquals(3, lastSeen().size());
        assertEquals(2, rebuilds(), "the new item merged");
        assertEquals(List.of(T0.plus(Duration.ofMinutes(3)).toString()),
                lastSeen().stream().map(l -> l.substring(l.indexOf(' ') + 1)).distinct().toList(), "all seen again");
    }

    @Test
    void theHash_survivesARestart() throws Exception {
        SourceState first = refresh();
        writer.close();
        merged.close();
        open();
        refresher.restore(merged.store.load().states());
        SourceState again = refresh();
        assertEquals(Status.NOT_MODIFIED, again.status());
        assertEquals(first.bodyHash(), again.bodyHash());
    }

    @Test
    void aBodyThatDoesNotParse_isNotRemembered_soTheSameBrokenBodyFailsAgain() throws Exception {
        upstream.set("<rss><channel><item>");
        SourceState broken = refresh();
        assertEquals(Status.ERROR, broken.status());
        assertNull(broken.bodyHash());
        SourceState again = refresh();
        assertEquals(Status.BACKING_OFF, again.status(), "parsed again, failed again: " + again);
    }
}
