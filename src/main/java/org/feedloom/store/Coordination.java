package org.feedloom.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Item;
import org.feedloom.model.SourceState;

/**
 * What several Feedloom instances sharing one database need of it beyond the archive: who fetches a source now (a
 * lease), what each instance merged that the others must merge too (the change log), and who is running with what
 * configuration. Every instance has an id of its own, {@link #instance()}, that its leases and announcements carry.
 *
 * <p>A lease is claimed for a time and renewed while its fetch runs; the {@link ArticleStore#commitBatch commit}
 * of the source's fetch ends it in the same transaction. A lease past its expiry belongs to nobody: an instance that
 * died holding it loses its sources to the others once it expires. Times are the callers' ({@code now}), so the
 * rules can be tested on a clock of their own.
 *
 * <p>Implementations are thread-safe; each method is one transaction.
 */
public interface Coordination {

    /** This instance's id: unique among the instances that ever share the database. */
    String instance();

    /**
     * Tries to take {@code sourceId}'s lease until {@code now + length}. With {@code ifDue}, a source whose stored
     * state (for the same {@code url}) is not due before {@code now} is not claimed: another instance fetched it
     * since this one last looked, and the claim gives that state back.
     */
    Claim claim(String sourceId, String url, Instant now, Duration length, boolean ifDue);

    /** Extends the leases this instance holds on {@code sourceIds} to {@code until}; others' are left alone. */
    void renew(Collection<String> sourceIds, Instant until);

    /**
     * Takes a free one of {@code host}'s {@code limit} request slots until {@code now + hold} (a slot whose holder
     * died frees itself then) and returns its number, or -1 when all are taken. Each slot is taken by one
     * conditional update, without waiting for other writers.
     */
    int takeHostSlot(String host, int limit, Instant now, Duration hold);

    /** Gives back a slot this instance took. */
    void giveHostSlot(String host, int slot);

    /** Keeps the slots of {@code host} this instance holds until {@code until}; one another took over stays its. */
    void renewHostSlots(String host, Collection<Integer> slots, Instant until);

    /**
     * Appends what this instance merged to the change log, for the other instances, and returns its sequence
     * number; the log keeps what was appended in the last hour and drops the rest.
     */
    long announce(Announcement announcement, Instant now);

    /** At most {@code limit} announcements of the log after {@code seq}, oldest first. */
    List<Announcement> announcements(long after, int limit);

    /**
     * Waits up to {@code timeout} for an announcement: returns early when one was made (PostgreSQL tells its
     * listeners on commit), else once the time is up. Readers of the log call it between reads; they read the log
     * whatever it returned, so a wake-up missed costs at most {@code timeout}.
     */
    void awaitAnnouncement(java.time.Duration timeout) throws InterruptedException;

    /** The sequence number of the log's latest announcement; 0 when it has none. */
    long lastAnnouncement();

    /** The items stored for one source, newest first (as {@link ArticleStore#commitBatch} returned them). */
    List<Item> sourceItems(String sourceId);

    /** The stored states of {@code sourceIds} that have one. */
    Map<String, SourceState> states(Collection<String> sourceIds);

    /**
     * Whether this instance is the first to announce to WebSub that the feed at {@code url} now has the content
     * {@code etag}: records it, and says false when another instance (or this one) recorded that content last.
     */
    boolean firstToPing(String url, String etag);

    /** Records that this instance runs in {@code role} with configuration and seeds hashing to {@code loadedHash}. */
    void checkIn(String role, String loadedHash, Instant now);

    /** Every instance that checked in within {@code within} of {@code now}, this one included, by id. */
    List<Peer> peers(Instant now, Duration within);

    /**
     * What a claim found.
     *
     * @param outcome   whether the lease is now this instance's
     * @param takenFrom when claimed from another instance whose lease had expired, that instance; else null
     * @param busyUntil when {@link Outcome#BUSY}, when the other instance's lease expires
     * @param stored    when {@link Outcome#NOT_DUE}, the stored state that says when the source is due
     */
    record Claim(Outcome outcome, String takenFrom, Instant busyUntil, SourceState stored) {
        public enum Outcome { CLAIMED, BUSY, NOT_DUE }
    }

    /**
     * One entry of the change log: the sources whose fetches an instance merged into the shared merged archive, and
     * the keys of the articles its rebuild showed changed or gone, so that the others read those articles from the
     * archive and show them too. Or, when {@code committed}, the sources whose fetched items an instance committed
     * (written by the store, in the commit's transaction, when it is {@link ArticleStore#shared() shared} and the
     * instance fetches under leases): what the others show on their own if the instance dies before it announces.
     */
    record Announcement(long seq, String instance, boolean committed, List<String> sources, List<String> articles) {
        public Announcement {
            sources = List.copyOf(sources);
            articles = List.copyOf(articles);
        }

        /** What an instance merged and showed. */
        public static Announcement merged(List<String> sources, List<String> articles) {
            return new Announcement(0, "", false, sources, articles);
        }
    }

    /** An instance that checked in: its role, when it started and last checked in, and the hash of what it loaded. */
    record Peer(String id, String role, Instant started, Instant seen, String loadedHash) {}
}
