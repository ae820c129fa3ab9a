package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.feedloom.model.PublishedId;
import org.feedloom.model.SourceState;
import org.feedloom.store.Coordination.Announcement;
import org.feedloom.store.Coordination.Claim;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: instances sharing one database take a source's lease before fetching it, so each due source is fetched
 * by one of them; a lease expires unless renewed, and then another instance takes the source over; the commit of
 * the fetch ends the lease; a source another instance fetched since is not due. A shared store announces, in the
 * transaction of each commit, the sources it fetched and the articles its merge changed, for the other instances to
 * read in order. Two stores opened on one database are two instances; every time is given, so the rules run on a
 * clock of the test's.
 */
class CoordinationTest extends StoreContract {
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Instant T = Fixtures.T0;
    private static final String URL = "https://s.example/feed";

    private static SourceState fetched(Instant next) {
        return SourceState.pending("s", URL).withNextFetch(next);
    }

    @Test
    void oneInstanceHoldsALease_untilItExpires_thenAnotherTakesTheSourceOver() {
        try (JdbcStore a = open(); JdbcStore b = open()) {
            assertNotEquals(a.instance(), b.instance(), "every store opened is an instance of its own");
            assertEquals(Claim.Outcome.CLAIMED, a.claim("s", URL, T, LEASE, true).outcome());
            Claim busy = b.claim("s", URL, T.plusSeconds(59), LEASE, true);
            assertEquals(Claim.Outcome.BUSY, busy.outcome());
            assertEquals(T.plus(LEASE).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), busy.busyUntil());
            assertEquals(Map.of("s", a.instance()), a.leases(T.plusSeconds(59)));

            Claim taken = b.claim("s", URL, T.plus(LEASE), LEASE, true);
            assertEquals(Claim.Outcome.CLAIMED, taken.outcome(), "an expired lease is nobody's");
            assertEquals(a.instance(), taken.takenFrom(), "a takeover names whom it took the source from");

            a.renew(List.of("s"), T.plusSeconds(600)); // too late: the lease is b's now
            assertEquals(Claim.Outcome.BUSY, a.claim("s", URL, T.plusSeconds(61), LEASE, true).outcome());
            assertEquals(Map.of("s", b.instance()), a.leases(T.plusSeconds(61)));
        }
    }

    @Test
    void aRenewedLease_staysItsHolders_pastItsFirstExpiry() {
        try (JdbcStore a = open(); JdbcStore b = open()) {
            a.claim("s", URL, T, LEASE, true);
            a.renew(List.of("s"), T.plusSeconds(120));
            assertEquals(Claim.Outcome.BUSY, b.claim("s", URL, T.plusSeconds(90), LEASE, true).outcome());
            Claim mine = a.claim("s", URL, T.plusSeconds(90), LEASE, true);
            assertEquals(Claim.Outcome.CLAIMED, mine.outcome(), "the holder may claim again");
            assertNull(mine.takenFrom());
        }
    }

    @Test
    void theCommitOfTheFetch_endsTheLease_andTheSourceIsNotDueForTheOthersUntilItsNextFetch() {
        try (JdbcStore a = open(); JdbcStore b = open()) {
            a.claim("s", URL, T, LEASE, true);
            Instant next = T.plusSeconds(1800);
            a.commitBatch(List.of(SourceWrite.stateOnly(fetched(next))));
            assertEquals(Map.of(), a.leases(T.plusSeconds(1)), "the commit ended the lease");

            Claim notDue = b.claim("s", URL, T.plusSeconds(1), LEASE, true);
            assertEquals(Claim.Outcome.NOT_DUE, notDue.outcome());
            assertEquals(next, notDue.stored().nextFetch(), "the claim gives the state that says when it is due");
            assertEquals(Map.of(), b.leases(T.plusSeconds(1)), "a source not due is not leased");

            assertEquals(Claim.Outcome.CLAIMED, b.claim("s", "https://s.example/moved", T.plusSeconds(1), LEASE, true)
                    .outcome(), "a source configured at another URL is due: its stored state is not its own");
            assertEquals(Claim.Outcome.NOT_DUE, b.claim("s", URL, T.plusSeconds(1), LEASE, true).outcome(),
                    "holding the lease does not make the source due");
            assertEquals(Claim.Outcome.CLAIMED, b.claim("s", URL, T.plusSeconds(1), LEASE, false).outcome(),
                    "a refresh asked for is claimed whatever the schedule");
            assertEquals(Claim.Outcome.CLAIMED, a.claim("t", URL, T.plusSeconds(1), LEASE, true).outcome(),
                    "leases are per source");
            assertEquals(Claim.Outcome.CLAIMED, b.claim("s", URL, next, LEASE, true).outcome());
        }
    }

    @Test
    void announcements_areReadByEveryInstance_inOrder_andOldOnesAreDropped() {
        Announcement first = Announcement.merged(List.of("s", "t"), List.of("example.com/a", "example.com/b"));
        Announcement second = Announcement.merged(List.of("u"), List.of("example.com/c"));
        try (JdbcStore a = open(); JdbcStore b = open()) {
            assertEquals(0, b.lastAnnouncement());
            long one = a.announce(first, T);
            long two = a.announce(second, T.plusSeconds(10));
            assertEquals(one + 1, two);
            List<Announcement> read = b.announcements(0, 10);
            assertEquals(List.of(new Announcement(one, a.instance(), false, List.of("s", "t"),
                    List.of("example.com/a", "example.com/b")), new Announcement(two, a.instance(), false,
                    List.of("u"), List.of("example.com/c"))), read,
                    "every field as announced, with its number and instance");
            assertEquals(List.of(read.get(1)), b.announcements(one, 10));
            assertEquals(List.of(read.get(0)), b.announcements(0, 1));
            assertEquals(two, b.lastAnnouncement());

            long three = b.announce(first, T.plus(Duration.ofHours(2)));
            assertEquals(two + 1, three, "numbers go on after the log is cut");
            assertEquals(List.of(three), b.announcements(0, 10).stream().map(Announcement::seq).toList(),
                    "what was announced more than an hour before is dropped");
        }
    }

    @Test
    void instancesCheckIn_withWhatTheyLoaded() {
        Instant t = T.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try (JdbcStore a = open(); JdbcStore b = open()) {
            a.checkIn("serve", "hash-1", t);
            b.checkIn("fetch", "hash-2", t.plusSeconds(1));
            a.checkIn("serve", "hash-1", t.plusSeconds(5));
            List<Coordination.Peer> peers = b.peers(t.plusSeconds(5), Duration.ofSeconds(30));
            assertEquals(List.of(new Coordination.Peer(a.instance(), "serve", t, t.plusSeconds(5), "hash-1"),
                    new Coordination.Peer(b.instance(), "fetch", t.plusSeconds(1), t.plusSeconds(1), "hash-2")),
                    peers, "started stays the first check-in's time");
            assertEquals(List.of(a.instance()), b.peers(t.plusSeconds(40), Duration.ofSeconds(36)).stream()
                    .map(Coordination.Peer::id).toList(), "an instance not seen for a while is not counted");
            assertEquals(!(a instanceof SqliteStore), a.shared(), "PostgreSQL is shared, SQLite this process's");
        }
    }

    @Test
    void aSharedStore_announcesTheSourcesACommitFetched_inTheCommit() {
        try (JdbcStore a = open(); JdbcStore b = open()) {
            a.claim("s", URL, T, LEASE, true);
            a.commitBatch(List.of(SourceWrite.fetched(fetched(T.plusSeconds(1800)),
                    List.of(Fixtures.item("https://s.example/1", T)), Fixtures.KEEP_ALL, T),
                    SourceWrite.stateOnly(SourceState.pending("t", "https://t.example/feed"))));
            List<Announcement> log = b.announcements(0, 10);
            if (a.shared()) {
                assertEquals(List.of(new Announcement(1, a.instance(), true, List.of("s"), List.of())), log,
                        "the fetched source, not the state alone");
                assertEquals(List.of(Fixtures.item("https://s.example/1", T)), b.sourceItems("s"));
            } else {
                assertEquals(List.of(), log, "an instance alone has nobody to tell");
            }
        }
    }

    /**
     * A merge on a shared store announces the keys of the articles it changed or took away in its own transaction,
     * beside the commit's announcement of the sources it fetched: the others learn of both as soon as they are
     * committed, or, when the merge fails and nothing is committed, of neither.
     */
    @Test
    void aSharedStore_announcesTheArticlesAMergeChanged_inTheMergesTransaction() {
        try (JdbcStore a = open(); JdbcStore b = open()) {
            a.claim("s", URL, T, LEASE, true);
            List<SourceWrite> fetch = List.of(SourceWrite.fetched(fetched(T.plusSeconds(1800)),
                    List.of(Fixtures.item("https://s.example/1", T)), Fixtures.KEEP_ALL, T));
            assertThrows(IllegalStateException.class, () -> a.commitBatch(fetch, (changes, in) -> {
                in.announce(List.of("s.example/1"), T);
                throw new IllegalStateException("a merge that fails");
            }));
            assertEquals(List.of(), b.announcements(0, 10), "nothing committed, nothing announced");
            assertEquals(List.of(), b.sourceItems("s"));

            a.commitBatch(fetch, (changes, in) -> {
                in.announce(List.of("s.example/1"), T);
                in.announce(List.of("s.example/0"), T);
                return null;
            });
            a.merging(in -> {
                in.announce(List.of(), T);
                return null;
            });
            List<Announcement> log = b.announcements(0, 10);
            if (a.shared()) {
                assertEquals(List.of(new Announcement(1, a.instance(), true, List.of("s"), List.of()),
                        new Announcement(2, a.instance(), false, List.of(), List.of("s.example/0", "s.example/1"))),
                        log, "the fetch's sources, then the merge's articles, once each; a merge "
                        + "that changed nothing announces nothing");
            } else {
                assertEquals(List.of(), log, "an instance alone has nobody to tell");
            }
        }
    }

    @Test
    void eachChangeOfAFeed_isPingedByOneInstance_theFirstToRecordIt() {
        String feed = "https://feeds.example.org/feeds/all.xml";
        try (JdbcStore a = open(); JdbcStore b = open()) {
            assertEquals(true, a.firstToPing(feed, "\"e1\""));
            assertEquals(false, b.firstToPing(feed, "\"e1\""), "the same content: pinged already");
            assertEquals(false, a.firstToPing(feed, "\"e1\""));
            assertEquals(true, b.firstToPing(feed, "\"e2\""), "new content");
            assertEquals(false, a.firstToPing(feed, "\"e2\""));
            assertEquals(true, a.firstToPing("https://feeds.example.org/feeds/ai.xml", "\"e2\""), "per feed");
            assertEquals(true, a.firstToPing(feed, "\"e1\""), "back to an earlier content is a change too");
        }
    }

    @Test
    void aHostsRequestSlots_areSharedByTheInstances_andFreeThemselvesWhenHeldTooLong() {
        String host = "feeds.example.org";
        try (JdbcStore a = open(); JdbcStore b = open()) {
            assertEquals(0, a.takeHostSlot(host, 2, T, LEASE));
            assertEquals(1, b.takeHostSlot(host, 2, T, LEASE));
            assertEquals(-1, a.takeHostSlot(host, 2, T, LEASE), "both of the host's slots are taken");
            assertEquals(0, a.takeHostSlot("other.example.org", 2, T, LEASE), "slots are per host");
            a.giveHostSlot(host, 1); // not a's: stays b's
            assertEquals(-1, a.takeHostSlot(host, 2, T, LEASE));
            b.giveHostSlot(host, 1);
            assertEquals(1, a.takeHostSlot(host, 2, T, LEASE));
            assertEquals(2, b.takeHostSlot(host, 3, T, LEASE), "a larger limit makes more slots");
            assertEquals(-1, b.takeHostSlot(host, 3, T.plusSeconds(59), LEASE));
            assertEquals(0, b.takeHostSlot(host, 3, T.plus(LEASE), LEASE), "a slot held too long is free again");
            b.renewHostSlots(host, List.of(0, 2), T.plus(LEASE).plus(LEASE).plus(LEASE));
            a.renewHostSlots(host, List.of(2), T.plus(LEASE).plus(LEASE).plus(LEASE)); // not a's: stays b's
            assertEquals(1, b.takeHostSlot(host, 3, T.plus(LEASE).plus(LEASE), LEASE),
                    "the renewed slots stay taken past their first expiry; a's unrenewed slot 1 is free");
            assertEquals(-1, a.takeHostSlot(host, 3, T.plus(LEASE).plus(LEASE), LEASE));
        }
    }

    @Test
    void anIdRecordedFirstByAnotherInstance_isGivenBackToTheOneThatRecordsSecond() {
        PublishedId firstRecord = new PublishedId("beta.example/story", "alpha.example/story", T);
        try (JdbcStore a = open(); JdbcStore b = open()) {
            assertEquals(List.of(), a.savePublishedIds(List.of(firstRecord,
                    new PublishedId("alpha.example/story", "alpha.example/story", T))));
            assertEquals(List.of(firstRecord), b.savePublishedIds(List.of(
                    new PublishedId("beta.example/story", "beta.example/story", T.plusSeconds(1)),
                    new PublishedId("gamma.example/story", "gamma.example/story", T.plusSeconds(1)))),
                    "the record kept instead of the second's; a new alias key is simply recorded");
            assertEquals(List.of(), b.savePublishedIds(List.of(firstRecord)), "the same record is no conflict");
        }
    }

    @Test
    void aCommitByAnInstanceThatLostItsLease_stillMakesTheSourceNotDue() {
        try (JdbcStore a = open(); JdbcStore b = open(); JdbcStore c = open()) {
            a.claim("s", URL, T, LEASE, true);
            assertEquals(a.instance(), b.claim("s", URL, T.plus(LEASE), LEASE, true).takenFrom(),
                    "a renewed too late: b takes the source over");
            Instant next = T.plusSeconds(1800);
            a.commitBatch(List.of(SourceWrite.stateOnly(fetched(next)))); // a's fetch was committed all the same
            assertEquals(Map.of("s", b.instance()), a.leases(T.plus(LEASE)), "the lease stays b's");
            Claim afterB = c.claim("s", URL, T.plus(LEASE).plus(LEASE), LEASE, true); // b died holding it
            assertEquals(Claim.Outcome.NOT_DUE, afterB.outcome(), "fetched since: not due, whoever held the lease");
            assertEquals(next, afterB.stored().nextFetch());
        }
    }
}
