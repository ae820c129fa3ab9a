package org.feedloom.model;

/** An image of an article or a provider; width and height are null when unknown. */
public record Image(String url, Integer width, Integer height, boolean cached) {
    public Image {
        Checks.notNull(url, "image url");
    }

    public static Image of(String url) {
        return new Image(url, null, null, false);
    }
}
