package org.feedloom.canonical;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.feedloom.model.Article;
import org.feedloom.model.PublishedId;

/**
 * The records of the entry ids published so far, by the alias keys they were published under: what a merge reads to
 * keep ids fixed ({@link IdAssignment}), and what publishing adds to. Held in memory ({@link PublishedIds}) or read
 * from the store inside the transaction of the merge that reads them.
 */
public interface IdRecords {

    /** The record of an alias key, or null if no article was ever published under it. */
    PublishedId of(String aliasKey);

    /** The alias keys recorded under the id with key {@code idKey} (empty if none). */
    Set<String> aliasKeysOf(String idKey);

    /** When the id with key {@code idKey} was first published, or null if it never was. */
    Instant firstPublished(String idKey);

    /**
     * Records the alias keys of {@code published} that have no record yet, under their article's id, at {@code now};
     * returns the new records.
     */
    List<PublishedId> record(List<Article> published, Instant now);
}
