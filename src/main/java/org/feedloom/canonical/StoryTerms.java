package org.feedloom.canonical;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distinctive terms of a story, what two outlets reporting one event both name whatever words they choose: the
 * names of people, organisations and places (runs of at least two capitalised words, "Sheriff Dana Pruitt",
 * "Lake Corrine", "Calder Institute of Technology") and the figures (numbers of three digits or more, or with
 * "million" or "billion": "1,400", "28,000", "$7.8 billion"; years are not figures). Read from the title, the
 * excerpt and the text without its boilerplate ({@link Boilerplate}), in that order, and at most {@link #MAX} of
 * them, the first: a story names what it is about at its start. Pure and thread-safe.
 */
final class StoryTerms {
    /** The most terms kept of one article. */
    static final int MAX = 8;

    private static final Pattern TERM = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(\\p{Lu}[\\p{L}\\p{N}'’\\-]+(?:\\s+(?:of\\s+|de\\s+)?\\p{Lu}[\\p{L}\\p{N}'’\\-]+)*)"
                    + "|(?<![\\p{L}\\p{N}])(\\d[\\d,.]*\\d|\\d)(\\s*(?:million|billion|bn)\\b)?");
    private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d\\d");
    private static final Pattern POSSESSIVE = Pattern.compile("['’]s$");
    /** Capitalised words that name nothing: sentence starts, days and months. */
    private static final Set<String> COMMON = Set.of("The", "A", "An", "In", "On", "At", "Of", "And", "But", "Or",
            "For", "To", "By", "With", "From", "As", "After", "Before", "During", "This", "That", "These", "Those",
            "It", "Its", "He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Our", "Mr", "Ms", "Mrs",
            "Dr", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
            "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
            "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "If",
            "When", "While", "Where", "What", "Why", "How", "Who", "Which", "There", "Here", "Some", "Many", "Most",
            "All", "More", "Less", "Read", "Share", "Email", "Facebook", "Twitter", "Sign", "Subscribe",
            "Newsletter", "About", "Contact", "Photo", "Image", "Credit");

    private StoryTerms() {}

    /** The terms of a story, lower case, distinct, in the order they first appear; at most {@link #MAX}. */
    static List<String> of(String title, String excerpt, String content) {
        Set<String> terms = new LinkedHashSet<>();
        if (add(title, terms) && add(excerpt, terms) && content != null) {
            Boilerplate.eachBlock(content, block -> add(block, terms));
        }
        return List.copyOf(terms);
    }

    /** Whether a term is a name (else a figure). */
    static boolean isName(String term) {
        return !Character.isDigit(term.charAt(0));
    }

    /** Adds the terms of {@code text} until there are {@link #MAX}; false once there are. */
    private static boolean add(String text, Set<String> terms) {
        if (text == null) {
            return terms.size() < MAX;
        }
        Matcher m = TERM.matcher(text);
        while (terms.size() < MAX && m.find()) {
            String term = m.group(1) != null ? name(m.group(1)) : figure(m.group(2), m.group(3));
            if (term != null) {
                terms.add(term);
            }
        }
        return terms.size() < MAX;
    }

    /** A run of capitalised words as a name, its common words left out; null when fewer than two are left. */
    private static String name(String run) {
        List<String> words = new ArrayList<>();
        for (String word : run.split("\\s+")) {
            if (!COMMON.contains(word)) {
                words.add(POSSESSIVE.matcher(word).replaceFirst("").toLowerCase(Locale.ROOT));
            }
        }
        return words.size() < 2 ? null : String.join(" ", words);
    }

    /** A number as a figure, with its unit; null for a year or a number of fewer than three digits and no unit. */
    private static String figure(String number, String unit) {
        if (YEAR.matcher(number).matches()) {
            return null;
        }
        int digits = 0;
        for (int i = 0; i < number.length(); i++) {
            digits += Character.isDigit(number.charAt(i)) ? 1 : 0;
        }
        if (unit == null) {
            return digits >= 3 ? number : null;
        }
        return number + " " + unit.strip().toLowerCase(Locale.ROOT);
    }
}
