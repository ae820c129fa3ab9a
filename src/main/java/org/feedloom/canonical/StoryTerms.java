package org.feedloom.canonical;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    /** Capitalised words that name nothing: sentence starts, days and months. */
    static final Set<String> COMMON = Set.of("The", "A", "An", "In", "On", "At", "Of", "And", "But", "Or",
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
            // most blocks name nothing new: only one that does is judged, and its terms are dropped if boilerplate
            Boilerplate.eachBlockUnjudged(content, block -> {
                Set<String> found = new LinkedHashSet<>(terms);
                add(block, found);
                if (found.size() > terms.size() && !Boilerplate.isBoilerplate(block)) {
                    terms.addAll(found); // the new ones, in the order found
                }
                return terms.size() < MAX;
            });
        }
        return List.copyOf(terms);
    }

    /** Whether a term is a name (else a figure). */
    static boolean isName(String term) {
        return !Character.isDigit(term.charAt(0));
    }

    /**
     * Adds the terms of {@code text} until there are {@link #MAX}; false once there are. Reads it in one pass, as
     * {@code (?<![\p{L}\p{N}])} followed by either a run of capitalised words
     * ({@code \p{Lu}[\p{L}\p{N}'’-]+}, separated by white space, an {@code of} or {@code de} between two allowed)
     * or a number ({@code \d[\d,.]*\d|\d}, then optionally white space and {@code million}, {@code billion} or
     * {@code bn} ending a word) would read it; by hand, as a pattern costs a fifth of a rebuild on texts with no
     * names at all.
     */
    private static boolean add(String text, Set<String> terms) {
        if (text == null) {
            return terms.size() < MAX;
        }
        int n = text.length();
        int i = 0;
        boolean afterWord = false; // whether the code point before i is a letter or a number: no term starts at i
        while (i < n && terms.size() < MAX) {
            int c = text.codePointAt(i);
            int end = -1;
            if (!afterWord && isUpperCase(c)) {
                end = nameRun(text, i);
                if (end > i) {
                    String term = name(text.substring(i, end));
                    if (term != null) {
                        terms.add(term);
                    }
                }
            } else if (!afterWord && c >= '0' && c <= '9') {
                end = figure(text, i, terms);
            }
            if (end > i) {
                i = end;
                afterWord = letterOrNumber(text.codePointBefore(end));
            } else {
                i += Character.charCount(c);
                afterWord = letterOrNumber(c);
            }
        }
        return terms.size() < MAX;
    }

    /** The end of the run of capitalised words at {@code from}, or {@code from} when its first word is one letter. */
    private static int nameRun(String text, int from) {
        int end = word(text, from);
        if (end < 0) {
            return from;
        }
        while (true) {
            int next = skipSpace(text, end);
            if (next == end) {
                return end;
            }
            if (text.startsWith("of", next) || text.startsWith("de", next)) {
                int after = skipSpace(text, next + 2);
                if (after > next + 2) {
                    int word = word(text, after);
                    if (word > 0) {
                        end = word;
                        continue;
                    }
                }
            }
            int word = word(text, next);
            if (word < 0) {
                return end;
            }
            end = word;
        }
    }

    /** The end of a capitalised word at {@code from} (a capital and one word character or more), else -1. */
    private static int word(String text, int from) {
        if (from >= text.length() || !isUpperCase(text.codePointAt(from))) {
            return -1;
        }
        int i = from + Character.charCount(text.codePointAt(from));
        int start = i;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (!letterOrNumber(c) && c != '\'' && c != '’' && c != '-') {
                break;
            }
            i += Character.charCount(c);
        }
        return i > start ? i : -1;
    }

    /** Adds the figure at {@code from} (a digit), if it is one; returns where the number (and its unit) ends. */
    private static int figure(String text, int from, Set<String> terms) {
        int end = from;
        int last = from; // one past the last digit
        while (end < text.length()) {
            char c = text.charAt(end);
            if (c >= '0' && c <= '9') {
                last = end + 1;
            } else if (c != ',' && c != '.') {
                break;
            }
            end++;
        }
        String number = text.substring(from, last);
        int unitStart = skipSpace(text, last);
        String unit = null;
        for (String u : UNITS) {
            int unitEnd = unitStart + u.length();
            if (text.startsWith(u, unitStart) && (unitEnd == text.length() || !wordChar(text.charAt(unitEnd)))) {
                unit = u;
                last = unitEnd;
                break;
            }
        }
        String term = figure(number, unit);
        if (term != null) {
            terms.add(term);
        }
        return last;
    }

    /** A year of the twentieth or twenty-first century: four digits starting 19 or 20. */
    private static boolean isYear(String number) {
        return number.length() == 4 && (number.startsWith("19") || number.startsWith("20"))
                && Character.isDigit(number.charAt(2)) && Character.isDigit(number.charAt(3));
    }

    private static final String[] UNITS = {"million", "billion", "bn"};

    /** White space as a pattern's {@code \s} reads it. */
    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && space(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** White space as a pattern's {@code \s} reads it (ASCII only). */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** A letter or a number of any script, as {@code [\p{L}\p{N}]}. */
    private static boolean letterOrNumber(int c) {
        if (c < 0x80) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
        }
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** {@link Character#isUpperCase(int)}, ASCII without the character tables. */
    private static boolean isUpperCase(int c) {
        return c < 0x80 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
    }

    /** A word character as a pattern's {@code \b} reads it: a letter or digit of any script, or an underscore. */
    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /**
     * A run of capitalised words as a name, its common words left out and a possessive {@code 's} dropped; null when
     * fewer than two are left. The run's words are separated by white space ({@link #skipSpace}); split by hand, as
     * {@code split("\\s+")} compiles an expression on every call.
     */
    private static String name(String run) {
        List<String> words = new ArrayList<>(4);
        int i = 0;
        while (i < run.length()) {
            int end = i;
            while (end < run.length() && !space(run.charAt(end))) {
                end++;
            }
            String word = run.substring(i, end);
            if (!COMMON.contains(word)) {
                words.add(withoutPossessive(word).toLowerCase(Locale.ROOT));
            }
            i = skipSpace(run, end);
        }
        return words.size() < 2 ? null : String.join(" ", words);
    }

    /** The word without a trailing {@code 's} or {@code ’s}. */
    private static String withoutPossessive(String word) {
        int n = word.length();
        boolean possessive = n >= 2 && word.charAt(n - 1) == 's' && "'’".indexOf(word.charAt(n - 2)) >= 0;
        return possessive ? word.substring(0, n - 2) : word;
    }

    /** A number as a figure, with its unit; null for a year or a number of fewer than three digits and no unit. */
    private static String figure(String number, String unit) {
        if (isYear(number)) {
            return null;
        }
        int digits = 0;
        for (int i = 0; i < number.length(); i++) {
            digits += Character.isDigit(number.charAt(i)) ? 1 : 0;
        }
        if (unit == null) {
            return digits >= 3 ? number : null;
        }
        return number + " " + unit;
    }
}
