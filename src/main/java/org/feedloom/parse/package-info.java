/**
 * Parsing: feed bytes plus a base URL to items (RSS 1.0/2.0 and Atom 1.0 by a streaming reader that gives ROME's
 * result, RSS 0.9x, Atom 0.3 and what that reader declines through ROME, JSON Feed through gson), liberal like real
 * feed readers and safe against hostile documents, HTML sanitised with {@code html} (unchanged HTML from a cache).
 * No I/O. Depends on {@code model}, {@code canonical}, {@code html}, ROME (and its JDOM), jsoup, gson and Caffeine.
 */
package org.feedloom.parse;
