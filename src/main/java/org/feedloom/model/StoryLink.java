package org.feedloom.model;

import java.util.List;

/**
 * Why two articles were linked as coverage of one story, for {@code /status} and the store: the two articles' links,
 * the other's provider name (or host), and the names and figures both report (the score is how many).
 *
 * @param url           one article's link
 * @param otherUrl      the other article's link
 * @param otherProvider the other article's provider name, or its host
 * @param terms         the names and figures both articles report, in the first article's order
 */
public record StoryLink(String url, String otherUrl, String otherProvider, List<String> terms) {
    public StoryLink {
        Checks.notNull(url, "url");
        Checks.notNull(otherUrl, "otherUrl");
        terms = List.copyOf(terms);
        Checks.argument(!terms.isEmpty(), "a story link needs shared terms");
    }

    /** How strong the link is: how many names and figures the two share. */
    public int score() {
        return terms.size();
    }
}
