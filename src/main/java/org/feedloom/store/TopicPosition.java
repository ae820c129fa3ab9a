package org.feedloom.store;

/**
 * A place in the topic index's order (newest first: by updated, then published, then key): the index row of one
 * article, its times as the index keeps them (milliseconds since the epoch). A page is read from the place it starts
 * at, so the deepest page costs what the first does.
 *
 * @param updated    the article's updated time, in milliseconds since the epoch
 * @param published  its publication time, in milliseconds since the epoch
 * @param articleKey its key
 */
public record TopicPosition(long updated, long published, String articleKey) {
    public TopicPosition {
        org.feedloom.model.Checks.notNull(articleKey, "articleKey");
    }
}
