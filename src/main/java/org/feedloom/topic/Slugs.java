package org.feedloom.topic;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/** URL slugs of topic names. Pure and thread-safe. */
public final class Slugs {
    private Slugs() {}

    /**
     * The slug of a name: lower case, accents folded to ASCII, every run of other characters one {@code -},
     * trimmed of dashes ("Computer Vision" → {@code computer-vision}, "AI in Sales" → {@code ai-in-sales}).
     * A name with no ASCII letter or digit at all gets {@code t-} and a hex digest of the name, so it still
     * has a stable, valid slug.
     */
    public static String slug(String name) {
        String folded = Normalizer.normalize(name.strip(), Normalizer.Form.NFKD)
                .replace("ß", "ss").replace("æ", "ae").replace("Æ", "AE").replace("ø", "o").replace("Ø", "O")
                .replace("œ", "oe").replace("Œ", "OE").replace("ł", "l").replace("Ł", "L")
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        String slug = folded.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (!slug.isEmpty()) {
            return slug;
        }
        byte[] bytes = name.strip().getBytes(StandardCharsets.UTF_8);
        int hash = java.util.Arrays.hashCode(bytes);
        return "t-" + HexFormat.of().toHexDigits(hash);
    }
}
