package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link StoryTerms} reads text in one hand-written pass; this keeps it reading exactly what the pattern it replaced
 * reads (the pattern, kept here as the specification), on every text of the evaluation set and on random text made of
 * the characters that matter: capitals, digits, separators, apostrophes, "of" and "de", letters of other scripts.
 */
class StoryTermsScannerTest {
    private static final Pattern TERM = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(\\p{Lu}[\\p{L}\\p{N}'’\\-]+(?:\\s+(?:of\\s+|de\\s+)?\\p{Lu}[\\p{L}\\p{N}'’\\-]+)*)"
                    + "|(?<![\\p{L}\\p{N}])(\\d[\\d,.]*\\d|\\d)(\\s*(?:million|billion|bn)\\b)?");
    private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d\\d");

    /** The terms of one text as the pattern reads them (what {@code StoryTerms.add} did before). */
    private static List<String> byPattern(String text) {
        Set<String> terms = new LinkedHashSet<>();
        Matcher m = TERM.matcher(text);
        while (terms.size() < StoryTerms.MAX && m.find()) {
            String term = m.group(1) != null ? name(m.group(1)) : figure(m.group(2), m.group(3));
            if (term != null) {
                terms.add(term);
            }
        }
        return List.copyOf(terms);
    }

    private static String name(String run) {
        List<String> words = new ArrayList<>();
        for (String word : run.split("\\s+")) {
            if (!StoryTerms.COMMON.contains(word)) {
                words.add(word.replaceFirst("['’]s$", "").toLowerCase(Locale.ROOT));
            }
        }
        return words.size() < 2 ? null : String.join(" ", words);
    }

    private static String figure(String number, String unit) {
        if (YEAR.matcher(number).matches()) {
            return null;
        }
        long digits = number.chars().filter(Character::isDigit).count();
        if (unit == null) {
            return digits >= 3 ? number : null;
        }
        return number + " " + unit.strip();
    }

    @Test
    void randomTexts_giveWhatThePatternGives() {
        String[] pieces = {"A", "B", "Lake", "Corrine", "Dana", "Pruitt's", "O’Neil", "Jean-Luc", "iPhone", "X2",
            "of", "de", "Of", "The", "In", "May", "Mr", "the", "and", " ", "  ", "\n", "\t", ",", ".", "'", "’", "-",
            "1", "12", "123", "1,400", "7.8", "2025", "1999", "3,", "4.", "million", "billion", "bn", "bnx", "Ünal",
            "Łódź", "²", "٣", "Straße", "ÉCOLE", "A614"};
        Random random = new Random(15);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(14); k > 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(3) > 0) {
                    text.append(' ');
                }
            }
            String t = text.toString();
            assertEquals(byPattern(t), StoryTerms.of(t, null, null), "text: [" + t + "]");
        }
    }

    @Test
    void theEvaluationSetsTexts_giveWhatThePatternGives() {
        for (FoldingSet.Pair pair : FoldingSet.load()) {
            for (FoldingSet.Side side : List.of(pair.a(), pair.b())) {
                for (String text : new String[] {side.title(), side.excerpt(), side.content()}) {
                    if (text != null) {
                        assertEquals(byPattern(text), StoryTerms.of(text, null, null), pair.id() + ": " + text);
                    }
                }
            }
        }
    }
}
