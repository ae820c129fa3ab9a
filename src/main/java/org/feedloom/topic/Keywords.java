package org.feedloom.topic;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one keyword rule, used by topic {@code keywords}, topic {@code exclude} and source {@code exclude}: a keyword
 * matches case-insensitively, on word boundaries (no letter or digit on either side), in the title, the excerpt
 * (tags stripped) or the categories. Immutable and thread-safe.
 */
final class Keywords {
    static final Keywords NONE = new Keywords(null);

    /** Null when there are no keywords: nothing matches. */
    private final Pattern pattern;

    private Keywords(Pattern pattern) {
        this.pattern = pattern;
    }

    static Keywords of(List<String> keywords) {
        if (keywords.isEmpty()) {
            return NONE;
        }
        StringBuilder alternatives = new StringBuilder();
        for (String keyword : keywords) {
            alternatives.append(alternatives.length() == 0 ? "" : "|").append(Pattern.quote(keyword.strip()));
        }
        return new Keywords(Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alternatives + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }

    boolean isEmpty() {
        return pattern == null;
    }

    /** Whether a keyword occurs in {@code text}, made by {@link #text}. */
    boolean foundIn(String text) {
        return pattern != null && pattern.matcher(text).find();
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
