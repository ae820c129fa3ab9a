/**
 * Metrics for {@code GET /metrics}, in the Prometheus exposition formats, through the official Prometheus Java
 * client, whose types stay in this package: the stages report what happens through {@link
 * org.feedloom.metrics.Recorder} (or plain JDK callbacks the app adapts to it), and current values (sources by
 * state, articles by topic, cache bytes, HTTP requests) are read at scrape time from callbacks the app registers on
 * {@link org.feedloom.metrics.Metrics}. Depends on nothing of Feedloom's.
 */
package org.feedloom.metrics;
