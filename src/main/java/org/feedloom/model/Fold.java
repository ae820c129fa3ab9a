package org.feedloom.model;

/**
 * Why a copy was folded into an article, for {@code /status}: the article's link (its original's), the copy's link
 * and provider, how much of the shorter text the other holds, how many word shingles they share of how many the
 * shorter has, and the first words they share.
 *
 * @param url           the folded article's link (the original's)
 * @param copyUrl       the copy's link
 * @param copyProvider  the copy's provider name (or host)
 * @param containment   the share of the shorter text's shingles the other has, in [0, 1]
 * @param shared        shingles (runs of five words) the two texts share
 * @param shingles      shingles of the shorter text
 * @param phrase        the first run of words they share, or null
 */
public record Fold(String url, String copyUrl, String copyProvider, double containment, int shared, int shingles,
                   String phrase) {
    public Fold {
        Checks.notNull(url, "url");
        Checks.notNull(copyUrl, "copyUrl");
        Checks.argument(containment >= 0 && containment <= 1, "containment in [0, 1]");
    }
}
