package org.feedloom.model;

/** A published topic: its URL slug ({@code computer-vision}) and display name ({@code Computer Vision}). */
public record Topic(String slug, String name) {
    public static final String ALL_SLUG = "all";

    public Topic {
        Checks.notNull(slug, "slug");
        Checks.notNull(name, "name");
        Checks.argument(slug.matches("[a-z0-9]+(-[a-z0-9]+)*"), "not a slug: '" + slug + "'");
    }
}
