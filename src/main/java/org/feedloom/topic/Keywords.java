package org.feedloom.topic;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one keyword rule, used by topic {@code keywords}, topic {@code exclude} and source {@code exclude}: a keyword
 * matches case-insensitively, on word boundaries (no letter or digit on either side), in the title, the excerpt
 * (tags stripped) or the categories. Immutable and thread-safe.
 */
final class Keywords {
    static final Keywords NONE = new Keywords(null, null);
    /**
     * The characters beyond ASCII that the expression's case-insensitive matching ({@code UNICODE_CASE}: each
     * character compared upper-cased, then lower-cased) takes for an ASCII letter, as the JDK's case tables say:
     * the dotted and dotless i, the long s, the Kelvin sign. Written out rather than found in the tables at start-up
     * (a scan of 65,000 characters); {@code KeywordsTest} finds them in the tables and compares.
     */
    static final String ASCII_LOOKALIKES = "\u0130\u0131\u017F\u212A";

    /** Null when there are no keywords: nothing matches. */
    private final Pattern pattern;
    /**
     * The keywords lower-cased when every one is ASCII, else null: a text that holds none of them once lower-cased,
     * and none of {@link #ASCII_LOOKALIKES}, cannot match, so the expression (which tries its look-behind at every
     * character) is not run on it.
     */
    private final List<String> lowerAscii;

    private Keywords(Pattern pattern, List<String> lowerAscii) {
        this.pattern = pattern;
        this.lowerAscii = lowerAscii;
    }

    static Keywords of(List<String> keywords) {
        if (keywords.isEmpty()) {
            return NONE;
        }
        StringBuilder alternatives = new StringBuilder();
        for (String keyword : keywords) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(keyword.strip()));
        }
        boolean ascii = keywords.stream().allMatch(k -> k.strip().chars().allMatch(c -> c < 0x80));
        return new Keywords(Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                ascii ? keywords.stream().map(k -> k.strip().toLowerCase(Locale.ROOT)).toList() : null);
    }

    boolean isEmpty() {
        return pattern == null;
    }

    /** Whether a keyword occurs in {@code text}, made by {@link #text}. */
    boolean foundIn(String text) {
        return foundIn(new Text(text));
    }

    /** Whether a keyword occurs in {@code text}; one {@link Text} serves every rule an article is read by. */
    boolean foundIn(Text text) {
        return pattern != null && mayHold(text) && pattern.matcher(text.text).find();
    }

    private boolean mayHold(Text text) {
        if (lowerAscii == null || text.hasAsciiLookalike()) {
            return true;
        }
        String lower = text.lower();
        for (String keyword : lowerAscii) {
            if (lower.contains(keyword)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An article's text as the rules read it ({@link #text}), with what the rules' prefilter needs of it (the text
     * lower-cased, whether it holds an {@link #ASCII_LOOKALIKES ASCII look-alike}) worked out once for all of them,
     * not once a rule. Not thread-safe: one article's assignment at a time.
     */
    static final class Text {
        final String text;
        private String lower;
        private int lookalike = -1;

        Text(String text) {
            this.text = text;
        }

        String lower() {
            if (lower == null) {
                lower = text.toLowerCase(Locale.ROOT);
            }
            return lower;
        }

        boolean hasAsciiLookalike() {
            if (lookalike < 0) {
                lookalike = 0;
                for (int i = 0; i < ASCII_LOOKALIKES.length() && lookalike == 0; i++) {
                    lookalike = text.indexOf(ASCII_LOOKALIKES.charAt(i)) >= 0 ? 1 : 0;
                }
            }
            return lookalike == 1;
        }
    }

    /** The text keywords are looked for in: title, excerpt without tags, categories; one per line. */
    static String text(String title, String excerpt, List<String> categories) {
        return String.join("\n", title, plain(excerpt), String.join("\n", categories));
    }

    /**
     * Crude tag stripping for keyword matching only (the excerpt may hold sanitised HTML): each {@code <...>} (as
     * the regular expression {@code <[^>]*>} finds them) becomes a space. A loop, not that expression: it ran once
     * per article on every assignment of topics.
     */
    static String plain(String html) {
        if (html == null) {
            return "";
        }
        int lt = html.indexOf('<');
        if (lt < 0) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length());
        int from = 0;
        while (lt >= 0) {
            int gt = html.indexOf('>', lt + 1);
            if (gt < 0) {
                break;
            }
            out.append(html, from, lt).append(' ');
            from = gt + 1;
            lt = html.indexOf('<', from);
        }
        return out.append(html, from, html.length()).toString();
    }
}
