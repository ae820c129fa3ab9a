/**
 * The durable store: live items per source, each source's fetch state, first-seen times of article keys, retention
 * tombstones, the evidence of folded copies, and a snapshot of the published articles. {@link
 * org.feedloom.store.ArticleStore} is what the rest of the code depends on; {@link org.feedloom.store.SqliteStore} is
 * its SQLite implementation (the embedded default) and {@link org.feedloom.store.PostgresStore} its PostgreSQL one
 * (several instances on one database), both running the same table classes' SQL over JDBC. Depends on {@code model}, on
 * {@code canonical} for item keys, and on JDBC (the SQLite and PostgreSQL drivers, HikariCP's pool) and Gson (JSON
 * columns). No SQL leaves this package.
 *
 * <h2>Schema</h2>
 * The same tables on both databases, made by the same versioned migrations: written as SQLite runs them, translated
 * for PostgreSQL by {@code Dialect} (integers as {@code BIGINT}, text with the byte-wise {@code "C"} collation so that
 * keys sort as in SQLite and Java, and the topic index's key in the feeds' order as a unique index).
 * Instants are ISO-8601 UTC text with full precision ({@code Instant.toString()}); lists and nested values are JSON
 * text, written member by member (not by reflection) and kept in their order; an absent value is SQL NULL, an
 * empty list {@code []}.
 * <ul>
 *   <li>{@code schema_version(version, description, applied_at)}: one row per applied migration; the highest is the
 *       database's version. A database newer than the code is refused.</li>
 *   <li>{@code source_state(source_id PK, ...)}: every {@code SourceState} field, one column each ({@code body_hash},
 *       the SHA-256 of the last body that parsed, since migration 8).</li>
 *   <li>{@code item(source_id, key, ..., first_seen, last_seen; PK (source_id, key))}: a live source's items,
 *       keyed by the canonical key of the item's preferred URL; every {@code Item} field (urls, topics, categories,
 *       images, provider and related items as JSON; feed ref and seed facts as columns), when the item was first
 *       and last listed by its source, and the length and 64-bit hash of its excerpt and content
 *       ({@code excerpt_length}, {@code excerpt_hash}, {@code content_length}, {@code content_hash}; migration 14).
 *       The items a write gives back have their excerpts and bodies told that this row keeps them
 *       ({@link org.feedloom.model.Body#storedAt}), and are let go once merged; the items a read gives back are
 *       read without their texts, as bodies let go from the start ({@link org.feedloom.model.Body#stored}) by those
 *       lengths and hashes. Either is read again from the row (a page's, a run of a merge's or a sync's at once)
 *       when a render or a merge asks for it.</li>
 *   <li>{@code item_alias(source_id, key, alias_key)}: the canonical keys of every URL of each item, indexed by
 *       {@code alias_key}; deleted with their item (foreign key, cascade).</li>
 *   <li>{@code published_id(alias_key PK, id_key, published_at)}: every alias key published, with the key of
 *       the entry id it was first published under; written once, never changed (migration 4 fills it from
 *       the articles snapshot, so the ids the previous version published are kept), deleted only by a forgetting
 *       pass once no article has held its key for {@code retention.forgetAfterDays}. Indexed by {@code id_key}
 *       (migration 22) for a merge that reads the ids from the store ({@code StoreMerge.ids}).</li>
 *   <li>{@code first_seen(key PK, first_seen)}: when an article key was first seen; never overwritten, deleted as
 *       a published id is.</li>
 *   <li>{@code gone_key(key PK, gone_at)} (migration 19): the keys of first-seen times and published ids no article
 *       holds, since a forgetting pass first found them so ({@code GoneKeyTable}); a key held again leaves it, one
 *       there for {@code retention.forgetAfterDays} is forgotten with its records, fold evidence and coverage
 *       links.</li>
 *   <li>{@code tombstone(source_id, alias_key, removed_at; PK (source_id, alias_key))}: alias keys of items that
 *       retention's per-source cap removed (age expiry leaves none). An item of a fetch with any tombstoned alias key is not stored again. A tombstone is
 *       cleared by the first later fetch of its source that no longer lists the key, so the table holds only what
 *       the feeds still list.</li>
 *   <li>{@code article(key PK, ..., provenance, hash)}: the published articles, every {@code Article} field, and a
 *       SHA-256 over all of them (the excerpt and content by their lengths and hashes, since migration 14) so a sync
 *       rewrites only what changed, and compares without reading a text.</li>
 *   <li>{@code article_alias(article_key, position, alias_key)}: each article's alias keys in order, indexed by
 *       {@code alias_key} to find the article of any URL; deleted with their article.</li>
 *   <li>{@code article_topic(topic, updated, published, article_key)}: each article under every topic name it
 *       lists and under the empty name (all articles), with its times as nanoseconds since the epoch (saturated
 *       outside 1677–2262), in primary-key order, so the newest of a topic are read from the front of the index
 *       at start-up; deleted with their article. Migration 3 fills it from the articles already stored.</li>
 *   <li>{@code merged_article(id PK, key UNIQUE, ..., alias_keys, related_keys, anchors, excerpt_at, content_at)},
 *       {@code merged_member(article_id, position, item)}, {@code merged_alias(alias_key PK, article_id)},
 *       {@code merged_reference(alias_key, article_id)}, {@code merged_anchor(anchor, article_id)}: the merged
 *       archive ({@link org.feedloom.canonical.MergeState}, through {@code ArticleStore.merging}): every merged
 *       article before topic rules and hiding, numbered, with its members (the items merged into it, one JSON row
 *       each, a text an item row keeps named rather than copied, as are the article's own in {@code excerpt_at}
 *       and {@code content_at}), the alias index, which articles name an alias key as a related link and which
 *       articles' texts have a fold anchor (migrations 6 and 7; numbered, members in rows, migration 20; the
 *       members' table one of rows, whose kilobyte records fit its pages, migration 21). A batch of fetches and
 *       its merge can share one transaction ({@code ArticleStore.commitBatch} with a merge), the merge told what
 *       each fetch changed of its source's items ({@link org.feedloom.store.SourceChange}); such a merge reads the
 *       published ids and first-seen times from their tables too, and writes what it adds in its transaction
 *       ({@link org.feedloom.store.StoreMerge}).</li>
 *   <li>{@code seed_item(position PK, item)} (migration 23): the seed items as last merged, each with its texts,
 *       so that a load of the seeds is merged by what it changed ({@code ArticleStore.commitSeeds}).</li>
 *   <li>{@code merged_source(source_id PK, excludes)} (migration 24): the sources whose stored items the merged
 *       archive holds, with the exclude keywords they are held under; a source removed from the configuration
 *       leaves it, its items stored still, and one whose excludes change is merged again
 *       ({@code ArticleStore.mergeSources}, {@link org.feedloom.store.MergedSourceChange}).</li>
 *   <li>{@code fold(copy_key PK, url, copy_url, copy_provider, containment, shared, shingles, phrase, folded_at)}
 *       (migration 9): why each syndicated copy was folded, the latest judgement per copy (by the canonical key of
 *       its link); containment as decimal text, {@code folded_at} in epoch milliseconds.</li>
 * </ul>
 */
package org.feedloom.store;
