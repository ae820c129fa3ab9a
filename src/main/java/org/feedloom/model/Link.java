package org.feedloom.model;

/** A link to another article, as shown to readers: its URL and (possibly null) title. */
public record Link(String url, String title) {
    public Link {
        Checks.notNull(url, "link url");
        title = Checks.blankToNull(title);
    }
}
