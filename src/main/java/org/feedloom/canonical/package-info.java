/**
 * Canonical URLs ({@link org.feedloom.canonical.CanonicalUrl}), the alias index that dedupes items into
 * articles ({@link org.feedloom.canonical.ArticleMerger}), and hiding articles by any alias
 * ({@link org.feedloom.canonical.HiddenUrls}). Pure functions; depends on {@code model} only.
 */
package org.feedloom.canonical;
