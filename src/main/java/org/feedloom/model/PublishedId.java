package org.feedloom.model;

import java.time.Instant;

/**
 * One alias key an article was published under, and the key of the entry id it had then: ids are fixed at first
 * publication, so this record is written once per alias key and never changed.
 *
 * @param aliasKey    a canonical URL key of the article
 * @param idKey       the key its entry id is derived from ({@link Article#key()})
 * @param publishedAt when the alias key was first published under that id
 */
public record PublishedId(String aliasKey, String idKey, Instant publishedAt) {
    public PublishedId {
        Checks.notNull(aliasKey, "aliasKey");
        Checks.notNull(idKey, "idKey");
        Checks.notNull(publishedAt, "publishedAt");
    }
}
