/**
 * Immutable records shared by every stage: {@link org.feedloom.model.Item} (one mention of an article
 * from one origin) and {@link org.feedloom.model.Article} (all mentions of one article, merged). Their excerpts and
 * contents are {@link org.feedloom.model.Body} objects: immutable to their users, held in memory until the store
 * keeps them and then read back from it, so the archive's texts live in the store, not the heap.
 * Depends on nothing but the JDK.
 */
package org.feedloom.model;
