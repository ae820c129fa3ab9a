package org.feedloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
