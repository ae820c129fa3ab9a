package org.feedloom.model;

/** A published topic: its URL slug ({@code computer-vision}) and display name ({@code Computer Vision}). */
public record Topic(String slug, String name) {
    public static final String ALL_SLUG = "all";
    private static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Whether {@code s} is a slug: lower-case ASCII letters and digits in runs separated by single dashes. */
    public static boolean isSlug(String s) {
        return s != null && SLUG.matcher(s).matches();
    }

    // compiled once: slugOf runs for every source and topic of the configuration at start-up and each reload
    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}+");
    private static final java.util.regex.Pattern NOT_SLUG = java.util.regex.Pattern.compile("[^a-z0-9]+");
    private static final java.util.regex.Pattern EDGE_DASHES = java.util.regex.Pattern.compile("^-+|-+$");

    /**
     * The slug of a name: lower case, accents folded to ASCII, every run of other characters one {@code -},
     * trimmed of dashes ("Computer Vision" → {@code computer-vision}, "AI in Sales" → {@code ai-in-sales}).
     * A name with no ASCII letter or digit at all gets {@code t-} and a hex digest of the name, so it still
     * has a stable, valid slug. Pure.
     */
    public static String slugOf(String name) {
        String stripped = name.strip();
        String slug = asciiSlug(stripped);
        return slug == null ? foldedSlug(stripped) : slug.isEmpty() ? digestSlug(stripped) : slug;
    }

    /**
     * {@link #slugOf} of a name of ASCII characters only, in one pass: neither the decomposition, the letters
     * replaced nor the marks dropped change such a name, so its slug is its letters and digits lower-cased, every
     * other run one dash, none at the edges (empty when it has no letter or digit). Null for any other name. A
     * configuration's thousand sources take their ids from it at every start.
     */
    static String asciiSlug(String stripped) {
        StringBuilder slug = new StringBuilder(stripped.length());
        boolean gap = false;
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c >= 0x80) {
                return null;
            }
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
            if (lower >= 'a' && lower <= 'z' || lower >= '0' && lower <= '9') {
                if (gap && slug.length() > 0) {
                    slug.append('-');
                }
                gap = false;
                slug.append(lower);
            } else {
                gap = true;
            }
        }
        return slug.toString();
    }

    /** {@link #slugOf} by its rules in full: accents folded, marks dropped, then as {@link #asciiSlug}. */
    static String foldedSlug(String name) {
        String stripped = name.strip();
        String folded = java.text.Normalizer.normalize(stripped, java.text.Normalizer.Form.NFKD)
                .replace("ß", "ss").replace("æ", "ae").replace("Æ", "AE").replace("ø", "o").replace("Ø", "O")
                .replace("œ", "oe").replace("Œ", "OE").replace("ł", "l").replace("Ł", "L");
        folded = MARKS.matcher(folded).replaceAll("").toLowerCase(java.util.Locale.ROOT);
        String slug = EDGE_DASHES.matcher(NOT_SLUG.matcher(folded).replaceAll("-")).replaceAll("");
        return slug.isEmpty() ? digestSlug(stripped) : slug;
    }

    /** The slug of a name with no ASCII letter or digit ({@code stripped}): {@code t-} and a hex digest of it. */
    private static String digestSlug(String stripped) {
        byte[] bytes = stripped.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return "t-" + java.util.HexFormat.of().toHexDigits(java.util.Arrays.hashCode(bytes));
    }

    public Topic {
        Checks.notNull(slug, "slug");
        Checks.notNull(name, "name");
        Checks.argument(isSlug(slug), "not a slug: '" + slug + "'");
    }
}
