package org.feedloom.model;

/**
 * Where a mention of an article comes from, strongest first: a seed's own record outranks a related
 * mention inside a seed, which outranks an item of a live feed (for titles and for the entry id).
 */
public enum Origin {
    SEED, RELATED, FEED
}
