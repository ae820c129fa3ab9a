/**
 * Parsing: feed bytes plus a base URL to items (RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through ROME, JSON Feed through
 * gson), liberal like real feed readers and safe against hostile documents, HTML sanitised with {@code html}. No I/O.
 * Depends on {@code model}, {@code canonical}, {@code html}, ROME, jsoup and gson.
 */
package org.feedloom.parse;
