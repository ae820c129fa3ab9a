/**
 * HTML sanitising: the one allowlist every piece of HTML Feedloom republishes passes (feed content and summaries
 * in {@code parse}, seed bodies and excerpts in {@code seed}), and HTML to plain text for titles. Pure. Depends on
 * jsoup only, so that both loaders can use it without depending on each other.
 */
package org.feedloom.html;
