package org.feedloom.canonical;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.feedloom.model.Article;
import org.feedloom.model.Link;
import org.feedloom.model.StoryLink;

/**
 * The related coverage of the published articles: which articles report the same story in other words
 * ({@link RelatedRule}), kept up to date one article at a time. An article put in is compared only with the articles
 * that name one of its terms on a day within the rule's window of its own (an index from term and day to articles),
 * so its cost follows how many articles name what it names in those days, not the archive, however common a name
 * becomes over the years. Each link is decided for its pair alone, so the links do not depend on the order articles
 * come in. Not thread-safe: one owner, the aggregator's rebuild.
 */
public final class Coverage {
    private final RelatedRule rule;
    private final Map<String, Entry> entries = new HashMap<>();
    /** Article keys by {@link #posting} of term and publication day. */
    private final Map<Long, List<String>> byTermAndDay = new HashMap<>();
    /** The days either side of an article's own whose postings may hold its partners. */
    private final long daysAround;
    /** Per article key, its partners' keys with the terms they share. */
    private final Map<String, Map<String, List<String>>> links = new HashMap<>();
    /** Links made since the last {@link #drainMade}, by pair. */
    private final Map<String, StoryLink> made = new LinkedHashMap<>();

    /** What is kept of an article: how it is linked to (link, title, provider) and what the rule reads. */
    private record Entry(RelatedRule.Story story, String title, String provider) {}

    public Coverage(RelatedRule rule) {
        this.rule = rule;
        this.daysAround = (rule.window().toMillis() + DAY - 1) / DAY;
    }

    private static final long DAY = 86_400_000L;

    /**
     * Puts in an article as published now (a new one, or a new version of one put before). Returns the keys of the
     * other articles whose links changed: they gained or lost a link to it.
     */
    public Set<String> put(Article article) {
        if (!rule.enabled()) {
            return Set.of();
        }
        Entry entry = new Entry(RelatedRule.Story.of(article.url(), article.published(), article.title(),
                article.excerpt(), article.content()), article.title(), providerName(article));
        if (entry.equals(entries.get(article.key()))) {
            return Set.of();
        }
        Set<String> changed = new TreeSet<>(remove(article.key()));
        entries.put(article.key(), entry);
        if (entry.story.pressRelease()) {
            return changed; // never linked: not worth an index entry
        }
        Set<String> candidates = new TreeSet<>();
        long day = day(entry.story);
        for (String term : entry.story.terms()) {
            for (long d = day - daysAround; d <= day + daysAround; d++) {
                candidates.addAll(byTermAndDay.getOrDefault(posting(term, d), List.of()));
            }
            byTermAndDay.computeIfAbsent(posting(term, day), t -> new ArrayList<>(2)).add(article.key());
        }
        for (String other : candidates) {
            Entry partner = entries.get(other);
            boolean first = article.key().compareTo(other) < 0; // the evidence in one order, whichever came first
            List<String> shared = first ? rule.shared(entry.story, partner.story)
                    : rule.shared(partner.story, entry.story);
            if (!shared.isEmpty()) {
                links.computeIfAbsent(article.key(), k -> new HashMap<>()).put(other, shared);
                links.computeIfAbsent(other, k -> new HashMap<>()).put(article.key(), shared);
                made.put(article.key() + " " + other, new StoryLink(article.url(), partner.story.url(),
                        partner.provider, shared));
                changed.add(other);
            }
        }
        return changed;
    }

    /** Takes an article out (merged away, hidden, gone). Returns the keys of the articles that lost a link to it. */
    public Set<String> remove(String key) {
        Entry entry = entries.remove(key);
        if (entry == null) {
            return Set.of();
        }
        if (!entry.story.pressRelease()) {
            long day = day(entry.story);
            for (String term : entry.story.terms()) {
                List<String> keys = byTermAndDay.get(posting(term, day));
                keys.remove(key);
                if (keys.isEmpty()) {
                    byTermAndDay.remove(posting(term, day));
                }
            }
        }
        Map<String, List<String>> partners = links.remove(key);
        if (partners == null) {
            return Set.of();
        }
        for (String other : partners.keySet()) {
            Map<String, List<String>> theirs = links.get(other);
            theirs.remove(key);
            if (theirs.isEmpty()) {
                links.remove(other);
            }
        }
        return partners.keySet();
    }

    /**
     * The related links of an article to its coverage, earliest published first: each partner's link, titled with
     * its provider and headline.
     */
    public List<Link> linksOf(String key) {
        Map<String, List<String>> partners = links.get(key);
        if (partners == null) {
            return List.of();
        }
        Map<String, Entry> sorted = new TreeMap<>();
        partners.keySet().forEach(other -> sorted.put(other, entries.get(other)));
        return sorted.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Entry> e) -> e.getValue().story.published())
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new Link(e.getValue().story.url(),
                        "Also reported by " + e.getValue().provider + ": " + e.getValue().title))
                .toList();
    }

    /**
     * {@code article} with links to its coverage after its own related links; a link it has already (a seed's, a
     * copy's) is not repeated, so the seed's wins. The article itself when it has no coverage.
     */
    public Article linked(Article article) {
        List<Link> links = linksOf(article.key());
        if (links.isEmpty()) {
            return article;
        }
        Map<String, Link> related = new LinkedHashMap<>();
        article.related().forEach(link -> related.putIfAbsent(CanonicalUrl.keyOf(link.url()), link));
        links.forEach(link -> related.putIfAbsent(CanonicalUrl.keyOf(link.url()), link));
        return article.withRelated(List.copyOf(related.values()));
    }

    /** The evidence of each article's links: for each partner, what they share. */
    public List<StoryLink> evidenceOf(String key) {
        Entry entry = entries.get(key);
        Map<String, List<String>> partners = links.getOrDefault(key, Map.of());
        return new TreeMap<>(partners).entrySet().stream().map(e -> new StoryLink(entry.story.url(),
                entries.get(e.getKey()).story.url(), entries.get(e.getKey()).provider, e.getValue())).toList();
    }

    /** The links made since the last call (each pair's latest), for the store and {@code /status}. */
    public List<StoryLink> drainMade() {
        List<StoryLink> out = List.copyOf(made.values());
        made.clear();
        return out;
    }

    /** How many articles are linked to at least one other. */
    public int linked() {
        return links.size();
    }

    /** The day of an article's publication, counted from the epoch. */
    private static long day(RelatedRule.Story story) {
        return Math.floorDiv(story.published().toEpochMilli(), DAY);
    }

    /**
     * The index key of a term on a day: a 64-bit hash of both (a collision costs one comparison more, never a wrong
     * link: every candidate is judged on its terms).
     */
    static long posting(String term, long day) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < term.length(); i++) {
            h = (h ^ term.charAt(i)) * 0x100000001b3L;
        }
        h ^= day * 0x9e3779b97f4a7c15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    /** An article's outlet: its provider's name, else its domain, else the title of a feed that carried it, else
     * its host. */
    private static String providerName(Article article) {
        if (article.provider() != null) {
            return article.provider().name() != null ? article.provider().name() : article.provider().domain();
        }
        return article.feeds().stream().map(org.feedloom.model.FeedRef::title).filter(java.util.Objects::nonNull)
                .findFirst().orElseGet(() -> FoldRule.host(article.url()));
    }
}
