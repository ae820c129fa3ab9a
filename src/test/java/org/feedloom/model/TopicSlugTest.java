package org.feedloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicSlugTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        Computer Vision               | computer-vision
        Microsoft AI                  | microsoft-ai
        AI in Sales                   | ai-in-sales
        AI                            | ai
        Natural Language Processing   | natural-language-processing
        AI Ethics                     | ai-ethics
        '  Café  Crème  '             | cafe-creme
        Straße                        | strasse
        C++ / C#                      | c-c
        --Edge--Case--                | edge-case
        Ångström Über Ñandú           | angstrom-uber-nandu
        2024: Year in Review!         | 2024-year-in-review
        """)
    void slug(String name, String expected) {
        assertEquals(expected, Topic.slugOf(name));
    }

    @Test
    void slug_ofNameWithoutAsciiLettersOrDigits_isStableAndValid() {
        String slug = Topic.slugOf("人工知能");
        assertEquals(slug, Topic.slugOf("人工知能"));
        assertTrue(slug.matches("[a-z0-9]+(-[a-z0-9]+)*"), slug);
        assertTrue(!slug.equals(Topic.slugOf("機械学習")));
    }

    /** The one-pass slug of an ASCII name is a shortcut of the full rules: both give the same slug, empty included. */
    @Test
    void asciiNames_getTheSlugTheFullRulesGive() {
        Random random = new Random(20261205);
        String alphabet = " -_.,:;/&+#'\"!?()[]{}\t\n\u0000\u007fAZaz09Mm";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                name.append(random.nextBoolean() ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) random.nextInt(0x80));
            }
            String n = name.toString();
            assertEquals(Topic.foldedSlug(n), Topic.slugOf(n), () -> "name '" + n + "'");
        }
    }

    @Test
    void aNameWithOneCharacterBeyondAscii_takesTheFullRules() {
        assertEquals(null, Topic.asciiSlug("Caf\u00e9"));
        assertEquals("cafe-creme", Topic.slugOf("Caf\u00e9 Cr\u00e8me"));
        assertEquals("", Topic.asciiSlug("--"));
        assertEquals(Topic.foldedSlug("--"), Topic.slugOf("--"), "no letter or digit: the digest, as before");
    }
}
