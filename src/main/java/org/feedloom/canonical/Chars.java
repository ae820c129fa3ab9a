package org.feedloom.canonical;

/**
 * The character classes the text rules read ({@link Character#isWhitespace}, {@link Character#isLetterOrDigit},
 * {@link Character#toLowerCase(char)}), ASCII looked up in tables taken from them and the rest passed on: the same
 * answers without the character tables for the common case. Pure and thread-safe.
 */
final class Chars {
    private static final boolean[] SPACE_ASCII = new boolean[0x80];
    private static final boolean[] WORD_ASCII = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            SPACE_ASCII[c] = Character.isWhitespace(c);
            WORD_ASCII[c] = Character.isLetterOrDigit(c);
        }
    }

    private Chars() {}

    /** {@link Character#isWhitespace(char)}. */
    static boolean isWhitespace(char c) {
        return c < 0x80 ? SPACE_ASCII[c] : Character.isWhitespace(c);
    }

    /** {@link Character#isLetterOrDigit(char)}. */
    static boolean isLetterOrDigit(char c) {
        return c < 0x80 ? WORD_ASCII[c] : Character.isLetterOrDigit(c);
    }

    /** {@link Character#toLowerCase(char)}. */
    static int lower(char c) {
        return c >= 0x80 ? Character.toLowerCase(c) : c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
