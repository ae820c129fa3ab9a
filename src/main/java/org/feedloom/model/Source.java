package org.feedloom.model;

import java.time.Duration;
import java.util.List;

/**
 * A configured live source: either a feed {@code url} or a {@code site} whose feed is discovered
 * (exactly one of the two is set).
 *
 * @param id       stable identifier, unique among sources: the {@code name} slug if given, else derived from the URL
 * @param name     display name; may be null
 * @param url      feed URL, or null for a site source
 * @param site     homepage or bare domain to discover the feed from, or null
 * @param topics   topic names given to every item of the source
 * @param exclude  keywords: an item of the source with one in its title, excerpt or categories is dropped (the
 *                 topic keyword rule, {@code org.feedloom.topic})
 * @param interval how often to fetch (at least one minute)
 * @param enabled  false to keep a source configured but not fetched
 * @param origin   {@code file:line} where the source was configured, for messages
 */
public record Source(String id, String name, String url, String site, List<String> topics,
                     List<String> exclude, Duration interval, boolean enabled, String origin) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    /** What the provenance of a source's items starts with, before the source's id. */
    private static final String PROVENANCE = "source:";

    public Source {
        Checks.notNull(id, "source id");
        Checks.argument((url == null) != (site == null), "a source needs exactly one of url and site");
        topics = topics == null ? List.of() : List.copyOf(topics);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        Checks.argument(interval.compareTo(MIN_INTERVAL) >= 0, "interval below one minute");
        origin = origin == null ? "" : origin;
    }

    /** How an item of this source names where it comes from ({@link Item#provenance}). */
    public String provenance() {
        return provenanceOf(id);
    }

    /** How an item of the source with id {@code sourceId} names where it comes from ({@link Item#provenance}). */
    public static String provenanceOf(String sourceId) {
        return PROVENANCE + sourceId;
    }

    /** The id of the source an item's {@code provenance} names, or null when it names no source (a seed). */
    public static String idOf(String provenance) {
        return provenance.startsWith(PROVENANCE) ? provenance.substring(PROVENANCE.length()) : null;
    }

    /** What the source follows: its feed URL, else its site. */
    public String address() {
        return url != null ? url : site;
    }

    /** What to show for the source: its name, else its URL or site. */
    public String label() {
        return name != null ? name : url != null ? url : site;
    }
}
