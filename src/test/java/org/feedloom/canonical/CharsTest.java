package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link Chars}' ASCII tables against the character classes they are taken from, for every char. */
class CharsTest {
    @Test
    void everyChar_isClassedAsCharacterClassesIt() {
        for (int i = Character.MIN_VALUE; i <= Character.MAX_VALUE; i++) {
            char c = (char) i;
            assertEquals(Character.isWhitespace(c), Chars.isWhitespace(c), "isWhitespace " + i);
            assertEquals(Character.isLetterOrDigit(c), Chars.isLetterOrDigit(c), "isLetterOrDigit " + i);
            assertEquals(Character.toLowerCase(c), Chars.lower(c), "lower " + i);
        }
    }
}
