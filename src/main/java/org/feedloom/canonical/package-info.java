/**
 * Canonical URLs ({@link org.feedloom.canonical.CanonicalUrl}) and the alias index that dedupes items into
 * articles ({@link org.feedloom.canonical.ArticleMerger}). Pure functions; depends on {@code model} only.
 */
package org.feedloom.canonical;
