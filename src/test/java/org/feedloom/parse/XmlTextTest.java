package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XmlText's hand-read C1 references are the ones the pattern it replaced finds. */
class XmlTextTest {
    /** The pattern {@link XmlText#demoronizeReferences} used to find references with (decimal 128..159, hex 80..9F). */
    private static final Pattern C1_REFERENCE =
            Pattern.compile("&#(?:0*(12[89]|1[3-5][0-9])|[xX]0*([89][0-9a-fA-F]));");

    /** What the pattern's version of {@link XmlText#demoronizeReferences} gave. */
    private static String byPattern(String text) {
        Matcher m = C1_REFERENCE.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (m.find()) {
            int code = m.group(1) != null ? Integer.parseInt(m.group(1)) : Integer.parseInt(m.group(2), 16);
            char c = new String(new byte[] {(byte) code}, java.nio.charset.Charset.forName("windows-1252")).charAt(0);
            m.appendReplacement(sb, c == '\uFFFD' || c == code ? "$0" : "&#" + (int) c + ";");
        }
        return m.appendTail(sb).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "&#146;", "don&#146;t &#x92; &#X93; &#0150;s &#x0097; &#x009f;", "&#129; &#x81; &#x8D;",
        "&#127; &#160; &#1460; &#14; &#x7f; &#xa0; &#x920; &#x9; &#x8g; &#x８０;", "&#146", "&#146 ;", "&&#146;;",
        "&#&#146;", "&#x&#x92;", "&#0x92; &#00000000128; &#xx92;", "end &#", "end &#x9", "&#1４6;", "&#8217; &#38;"})
    void demoronizeReferences_asThePattern(String text) {
        assertEquals(byPattern(text), XmlText.demoronizeReferences(text));
    }

    @Test
    void demoronizeReferences_randomText_asThePattern() {
        Random random = new Random(12);
        String[] parts = {"&#", "&#x", "&#X", "0", "1", "2", "5", "8", "9", "12", "13", "15", "16", "a", "F", "g", ";",
            "&", "#", "x", " ", "\u2019", "&#14", "&#x9", "9;"};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                b.append(parts[random.nextInt(parts.length)]);
            }
            assertEquals(byPattern(b.toString()), XmlText.demoronizeReferences(b.toString()), b.toString());
        }
    }
}
