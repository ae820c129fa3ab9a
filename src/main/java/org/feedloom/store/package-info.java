/**
 * The durable store: live items per source, each source's fetch state, first-seen times of article keys,
 * retention tombstones, and a snapshot of the published articles. {@link org.feedloom.store.ArticleStore} is what
 * the rest of the code depends on; SQLite is its first implementation. Depends on {@code model}, on
 * {@code canonical} for item keys, and on JDBC.
 */
package org.feedloom.store;
