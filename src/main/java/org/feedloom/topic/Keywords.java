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
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

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

    /** Crude tag stripping for keyword matching only (the excerpt may hold sanitised HTML). */
    private static String plain(String html) {
        return html == null ? "" : TAG.matcher(html).replaceAll(" ");
    }
}
