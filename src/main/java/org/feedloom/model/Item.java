package org.feedloom.model;

import java.time.Instant;
import java.util.List;

/**
 * One mention of an article from one origin: a seed document, a related mention inside a seed, or an
 * item of a live feed. Items are what the loaders and parsers produce; the canonical stage merges all
 * items that share a URL into one {@link Article}.
 *
 * @param origin     where the mention comes from
 * @param provenance who said it: {@code seed:<file name>} or {@code source:<source id>}
 * @param urls       every URL of the mention, most preferred first (webUrl, originalUrl, AMP forms); not empty
 * @param title      plain text, never null
 * @param excerptBody summary as HTML-safe text or sanitised HTML ({@link #excerpt()}); may be null
 * @param body       full content as sanitised HTML ({@link #content()}); may be null
 * @param published  first publication; may be null (the merge then uses the time first seen)
 * @param updated    last update; may be null
 * @param provider   may be null
 * @param topics     topic names as given by the origin (not slugs)
 * @param categories categories as given by a feed (used by topic rules)
 * @param images     article images
 * @param related    related mentions (seeds only); each is an item of origin {@link Origin#RELATED}
 * @param author     author name; may be null
 * @param feed       the live feed of a {@link Origin#FEED} item, else null
 * @param facts      seed curation fields
 * @param webUrl     the URL the origin gives as the article's page ({@code webUrl} of a seed, the link of a live
 *                   item), one of {@code urls}, or null
 * @param originalUrl the URL the origin gives as the original publication ({@code originalUrl} of a seed), one of
 *                   {@code urls}, or null
 */
public record Item(
        Origin origin,
        String provenance,
        List<String> urls,
        String title,
        Body excerptBody,
        Body body,
        Instant published,
        Instant updated,
        Provider provider,
        List<String> topics,
        List<String> categories,
        List<Image> images,
        List<Item> related,
        String author,
        FeedRef feed,
        SeedFacts facts,
        String webUrl,
        String originalUrl) {

    public Item {
        Checks.notNull(origin, "origin");
        Checks.notNull(provenance, "provenance");
        urls = List.copyOf(Checks.notNull(urls, "urls"));
        Checks.argument(!urls.isEmpty(), "an item needs at least one URL");
        title = Checks.notNull(title, "title").strip();
        excerptBody = Body.stripped(excerptBody);
        body = Body.stripped(body);
        topics = topics == null ? List.of() : List.copyOf(topics);
        categories = categories == null ? List.of() : List.copyOf(categories);
        images = images == null ? List.of() : List.copyOf(images);
        related = related == null ? List.of() : List.copyOf(related);
        author = Checks.blankToNull(author);
        facts = facts == null ? SeedFacts.NONE : facts;
        Checks.argument(webUrl == null || urls.contains(webUrl), "webUrl not among the urls");
        Checks.argument(originalUrl == null || urls.contains(originalUrl), "originalUrl not among the urls");
    }

    /**
     * The {@code webUrl} of an item that names none, by its origin: a live item's link (its first URL) is its
     * webUrl; a seed or related mention without one has none. For readers of stored items and for tests.
     */
    public static String defaultWebUrl(Origin origin, List<String> urls) {
        return origin == Origin.FEED && urls != null && !urls.isEmpty() ? urls.get(0) : null;
    }

    /** The summary as HTML-safe text or sanitised HTML, or null: {@link #excerptBody}'s text. */
    public String excerpt() {
        return Body.textOf(excerptBody);
    }

    /** The full content as sanitised HTML, or null: the {@link #body}'s text (read from the store once let go). */
    public String content() {
        return Body.textOf(body);
    }

    /** The URL shown to readers: the first, most preferred one. */
    public String preferredUrl() {
        return urls.get(0);
    }

    /** The same item with {@code extra} topic names added after its own (no duplicates). */
    public Item withTopics(List<String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(topics);
        all.addAll(extra);
        return new Item(origin, provenance, urls, title, excerptBody, body, published, updated, provider,
                List.copyOf(all), categories, images, related, author, feed, facts, webUrl, originalUrl);
    }

    /** A minimal live-feed item, for parsers and tests; other fields can be set with the record's constructor. */
    public static Item ofFeed(String provenance, String url, String title) {
        return new Item(Origin.FEED, provenance, List.of(url), title, null, null, null, null, null,
                List.of(), List.of(), List.of(), List.of(), null, null, SeedFacts.NONE, url, null);
    }
}
