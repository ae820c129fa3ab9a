/**
 * Fetching live feeds: the HTTP client with conditional GET, redirects, decompression, a body cap, timeouts,
 * per-host politeness and no way onto private networks for public sources ({@link org.feedloom.fetch.HttpFetcher})
 * and feed discovery from a site's homepage ({@link org.feedloom.fetch.FeedDiscovery}); and the one outbound call
 * that is not a fetch, the WebSub publish ping to a hub ({@link org.feedloom.fetch.WebSubPublisher}). Depends on the
 * JDK, {@code config}, Jetty's HTTP client (whose types stay in this package) and jsoup (to read homepages).
 */
package org.feedloom.fetch;
