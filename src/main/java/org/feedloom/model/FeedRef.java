package org.feedloom.model;

/** The live feed an item came from, as published in {@code atom:source}: its id, title and link. */
public record FeedRef(String id, String title, String link) {
    public FeedRef {
        Checks.notNull(id, "feed id");
        title = Checks.blankToNull(title);
        link = Checks.blankToNull(link);
    }
}
