package org.feedloom.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The keyword rule against its expression run on every text (the shortcut that skips texts without a keyword must
 * never skip a match), and the text keywords are looked for in: tags are stripped as the expression
 * {@code <[^>]*>} would strip them.
 */
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

    @Test
    void asciiLookalikes_areTheCharactersTheJdksCaseTablesMapToAscii() {
        StringBuilder found = new StringBuilder();
        for (int c = 0x80; c <= Character.MAX_CODE_POINT; c++) {
            int upper = Character.toUpperCase(c);
            if (Character.toLowerCase(upper) < 0x80 || upper < 0x80 || Character.toLowerCase(c) < 0x80) {
                found.appendCodePoint(c);
            }
        }
        assertEquals(found.toString(), Keywords.ASCII_LOOKALIKES);
    }

    /** The rule as written: the keywords as alternatives, case-insensitive, no letter or digit on either side. */
    private static boolean byTheRule(List<String> keywords, String text) {
        StringBuilder alternatives = new StringBuilder();
        for (String keyword : keywords) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(keyword.strip()));
        }
        return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text).find();
    }

    @Test
    void foundIn_matchesWhatTheExpressionMatches_onRandomTextsWithCaseLookalikes() {
        List<List<String>> lists = List.of(List.of("research"), List.of("AI", "robots"), List.of("machine learning"),
                List.of("Kiosk", "ski"), List.of("café"), List.of("c++", "node.js"), List.of(" Sister "));
        String[] pieces = {"research", "RESEARCH", "ReSearch", "re\u017Fearch", "researcher", "xresearch", "ai", "Ai",
            "A\u0130", "a\u0131", "robots", "ROBOT", "machine", "learning", "Machine  learning", "machine learning",
            "\u212Aiosk", "kiosk", "s\u212Ai", "SKI", "caf\u00e9", "CAF\u00c9", "cafe", "c++", "C++", "node.js", "NODE.JS",
            "si\u017Fter", "SISTER", "\u0130", "\u0131", "\u017F", "\u212A", "\u00df", "\u00e9", "1", " ", " ", "\n", "-", "."};
        Random random = new Random(20261204);
        int matched = 0;
        for (int n = 0; n < 40_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            List<String> keywords = lists.get(random.nextInt(lists.size()));
            boolean expected = byTheRule(keywords, text.toString());
            matched += expected ? 1 : 0;
            assertEquals(expected, Keywords.of(keywords).foundIn(text.toString()), keywords + " in [" + text + "]");
        }
        assertTrue(matched > 1_000, "the random texts match often enough to check both answers: " + matched);
        // one Text read by every rule in turn, as an article's is: what one rule works out of it must not change
        // what the next finds
        List<Keywords> rules = lists.stream().map(Keywords::of).toList();
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            Keywords.Text shared = new Keywords.Text(text.toString());
            for (int r = random.nextInt(rules.size()), i = 0; i < rules.size(); i++, r = (r + 1) % rules.size()) {
                assertEquals(byTheRule(lists.get(r), text.toString()), rules.get(r).foundIn(shared),
                        lists.get(r) + " in [" + text + "], read by other rules first");
            }
        }
        assertTrue(Keywords.of(List.of("research")).foundIn("New re\u017Fearch out"), "a long s is an s to the rule");
        assertTrue(Keywords.of(List.of("kiosk")).foundIn("\u212AIOSK"), "a Kelvin sign is a k to the rule");
    }
}
