package org.feedloom.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One article after dedupe: every item that shares an alias key with it, merged.
 *
 * @param key        the canonical key the entry id is derived from; stable across load order and alias order
 * @param url        the preferred URL shown to readers (never a key); held as a marker of its key's form where it
 *                   takes one ({@link LinkForms})
 * @param aliasKeys  canonical keys of every URL seen for the article, sorted; held as null when it is the key alone
 * @param aliases    every URL seen for the article, as given, most preferred first; held as null when it is the
 *                   link alone
 * @param title      plain text
 * @param excerptBody the longest non-empty excerpt seen ({@link #excerpt()}), or null
 * @param body       the longest content seen ({@link #content()}), or null
 * @param published  earliest publication seen
 * @param updated    latest update seen; never before {@code published}
 * @param provider   the strongest origin's provider, or null
 * @param topics     topic names, in first-seen order, without duplicates
 * @param categories feed categories, without duplicates
 * @param images     article images, without duplicate URLs
 * @param related    related articles, resolved to their preferred URL and title
 * @param author     author name, or null
 * @param feeds      live feeds that carried the article
 * @param provenance who mentioned it ({@code seed:...}, {@code source:...}), sorted, distinct
 * @param origin     the strongest origin among its mentions
 * @param facts      seed curation fields of the strongest seed mention
 */
public record Article(
        String key,
        String url,
        List<String> aliasKeys,
        List<String> aliases,
        String title,
        Body excerptBody,
        Body body,
        Instant published,
        Instant updated,
        Provider provider,
        List<String> topics,
        List<String> categories,
        List<Image> images,
        List<Link> related,
        String author,
        List<FeedRef> feeds,
        List<String> provenance,
        Origin origin,
        SeedFacts facts) {

    public Article {
        Checks.notNull(key, "key");
        Checks.notNull(url, "url");
        aliasKeys = unlessJust(key, List.copyOf(aliasKeys));
        aliases = unlessJust(url, List.copyOf(aliases));
        Checks.notNull(title, "title");
        Checks.notNull(published, "published");
        Checks.notNull(updated, "updated");
        Checks.argument(!updated.isBefore(published), "updated before published for " + url);
        topics = List.copyOf(topics);
        categories = List.copyOf(categories);
        images = List.copyOf(images);
        related = List.copyOf(related);
        feeds = List.copyOf(feeds);
        // a copy's provenance is the same list: sorted and distinct already, it is not sorted into a new one
        provenance = sortedAndDistinct(provenance) ? List.copyOf(provenance)
                : List.copyOf(new java.util.TreeSet<>(provenance));
        Checks.notNull(origin, "origin");
        facts = facts == null ? SeedFacts.NONE : facts;
        url = LinkForms.held(key, url); // last: the checks above name the link
    }

    /** The preferred URL shown to readers: written out from the {@link #key} for most ({@link LinkForms}). */
    @Override
    public String url() {
        return LinkForms.link(key, url);
    }

    /** As a record's, with the link, alias keys and aliases as their accessors give them. */
    @Override
    public String toString() {
        return "Article[key=" + key + ", url=" + url() + ", aliasKeys=" + aliasKeys() + ", aliases=" + aliases()
                + ", title=" + title + ", excerptBody=" + excerptBody + ", body=" + body + ", published=" + published
                + ", updated=" + updated + ", provider=" + provider + ", topics=" + topics + ", categories="
                + categories + ", images=" + images + ", related=" + related + ", author=" + author + ", feeds="
                + feeds + ", provenance=" + provenance + ", origin=" + origin + ", facts=" + facts + "]";
    }

    /**
     * {@code list}, or null when it holds {@code one} alone: most articles have one URL, and the lists of it and its
     * key cost 48 bytes an article that a large archive holds in memory. {@link #aliasKeys()} and {@link #aliases()}
     * give the list again; equality and hashing compare the fields, each null for the same one-element list.
     */
    private static List<String> unlessJust(String one, List<String> list) {
        return list.size() == 1 && list.get(0).equals(one) ? null : list;
    }

    /** The canonical keys of every URL seen for the article, sorted: the {@link #key} alone for most. */
    @Override
    public List<String> aliasKeys() {
        return aliasKeys == null ? List.of(key) : aliasKeys;
    }

    /** Every URL seen for the article, as given, most preferred first: the {@link #url} alone for most. */
    @Override
    public List<String> aliases() {
        return aliases == null ? List.of(url()) : aliases;
    }

    private static boolean sortedAndDistinct(List<String> names) {
        for (int i = 1; i < names.size(); i++) {
            if (names.get(i - 1).compareTo(names.get(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The longest excerpt seen, or null: {@link #excerptBody}'s text (read from the store once let go). */
    public String excerpt() {
        return Body.textOf(excerptBody);
    }

    /** The content as sanitised HTML, or null: the {@link #body}'s text (read from the store once let go). */
    public String content() {
        return Body.textOf(body);
    }

    /**
     * {@code articles} as they are, but with every excerpt and body held: those let go read from the store at once
     * ({@link Body#readAll}), for a page about to be rendered (its entries are read once, not text by text).
     */
    public static List<Article> withTextsHeld(List<Article> articles) {
        Map<Body, String> read = Body.readAll(bodies(articles));
        if (read.isEmpty()) {
            return articles;
        }
        List<Article> out = new ArrayList<>(articles.size());
        for (Article a : articles) {
            String excerpt = read.get(a.excerptBody);
            String content = read.get(a.body);
            out.add(excerpt == null && content == null ? a : new Article(a.key, a.url(), a.aliasKeys(), a.aliases(),
                    a.title, excerpt == null ? a.excerptBody : Body.of(excerpt), content == null ? a.body
                    : Body.of(content), a.published, a.updated, a.provider, a.topics, a.categories, a.images,
                    a.related, a.author, a.feeds, a.provenance, a.origin, a.facts));
        }
        return out;
    }

    /**
     * The excerpts and bodies of {@code articles}, nulls among them: what {@link Body#readAll}, {@link Body#hold} and
     * {@link Body#inRuns} take.
     */
    public static List<Body> bodies(Collection<Article> articles) {
        List<Body> bodies = new ArrayList<>(2 * articles.size());
        articles.forEach(a -> {
            bodies.add(a.excerptBody);
            bodies.add(a.body);
        });
        return bodies;
    }

    /**
     * The same article with other related links; this one when they are its own (a server holds each article as
     * merged and as shown: the two are one object where they are equal).
     */
    public Article withRelated(List<Link> newRelated) {
        return related.equals(newRelated) ? this : new Article(key, url(), aliasKeys(), aliases(), title, excerptBody, body, published, updated, provider,
                topics, categories, images, newRelated, author, feeds, provenance, origin, facts);
    }

    /** The same article with other topic names (used by topic rules); this one when they are its own. */
    public Article withTopics(List<String> newTopics) {
        return topics.equals(newTopics) ? this : new Article(key, url(), aliasKeys(), aliases(), title, excerptBody, body, published, updated, provider,
                newTopics, categories, images, related, author, feeds, provenance, origin, facts);
    }
}
