package org.feedloom.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The text keywords are looked for in: tags are stripped as the expression {@code <[^>]*>} would strip them. */
class KeywordsTest {
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    @Test
    void plain_stripsTagsLikeTheRegularExpression_onRandomText() {
        Random random = new Random(12);
        String alphabet = "<<>>ab /=\"é\n";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(24); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String html = text.toString();
            assertEquals(TAG.matcher(html).replaceAll(" "), Keywords.plain(html), html);
        }
        assertEquals("", Keywords.plain(null));
        assertEquals(" A  robot  story ", Keywords.plain("<p>A <b>robot</b> story</p>"));
        assertEquals("a < b", Keywords.plain("a < b"), "an unclosed '<' stays");
    }
}
