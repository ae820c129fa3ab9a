/**
 * Publishing: Atom and RSS (ROME), JSON Feed and the status documents (gson's streaming writer), OPML and HTML
 * rendering of a catalog, and the cache of rendered bytes (Caffeine). Pure functions of their inputs apart from the
 * cache; depends on {@code model}.
 */
package org.feedloom.publish;
