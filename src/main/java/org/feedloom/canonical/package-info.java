/**
 * Canonical URLs ({@link org.feedloom.canonical.CanonicalUrl}), the alias index that dedupes items into
 * articles ({@link org.feedloom.canonical.ArticleMerger}, kept merged change by change by
 * {@link org.feedloom.canonical.MergedArticles} over a {@link org.feedloom.canonical.MergeState}), the folding of
 * syndicated copies by their texts ({@link org.feedloom.canonical.FoldRule}, {@link org.feedloom.canonical.Fingerprint}),
 * and hiding articles by any alias ({@link org.feedloom.canonical.HiddenUrls}). Pure functions; depends on
 * {@code model} only.
 */
package org.feedloom.canonical;
