package org.feedloom.model;

/**
 * The curation fields of a seed record that are not article content: category, type, quality, heat and
 * the published flag. Any may be null. (The seeds' {@code secured} value is deliberately not kept.)
 */
public record SeedFacts(String category, String type, Integer quality, Integer heat, Boolean published) {
    public static final SeedFacts NONE = new SeedFacts(null, null, null, null, null);
}
