package org.feedloom.canonical;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What differs between outlets that republish one piece, taken out of its text before the texts are compared: the
 * "originally published at", "republished under a Creative Commons licence" and "first appeared on" lines, bylines,
 * share and newsletter blurbs, "continue reading" and "related:" lines, and image credits. Works on paragraphs:
 * HTML is cut into blocks at block-level tags, each block's tags are dropped, and a block that is boilerplate
 * goes whole. Pure and thread-safe.
 */
final class Boilerplate {
    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "ul", "ol", "blockquote", "figure",
            "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "table", "tr", "td", "th", "pre", "section",
            "article", "header", "footer", "aside", "dd", "dt");
    /** A block that says where the piece came from, or invites sharing, signing up or reading on. */
    private static final Pattern CREDIT = Pattern.compile(String.join("|",
            "\\b(?:originally|first) (?:published|appeared|ran|posted)\\b",
            "\\b(?:re-?published|reprinted|syndicated) (?:from|with|by|under|here)\\b",
            "\\bread the original\\b", "\\bcreative commons\\b", "\\bthis (?:article|story|piece|post) (?:is|was)\\b",
            "\\bshare (?:on|this|via)\\b", "\\b(?:sign up|subscribe)\\b", "\\bnewsletter\\b",
            "\\bcontinue reading\\b", "\\bread more\\b", "^related\\s*:", "^(?:image|photo|picture)s?(?: credit)?\\s*:",
            "\\ball rights reserved\\b", "\\bwith permission\\b", "^(?:follow us|like us)\\b"));
    /** A short block that is a byline: "By Jane Doe", "By Jane Doe, Professor of X, University of Y". */
    private static final Pattern BYLINE = Pattern.compile("^(?:[Bb]y|[Ww]ritten by|[Ww]ords by)\\s+\\p{Lu}");
    private static final int BYLINE_WORDS = 16;
    private static final int CREDIT_WORDS = 40;

    private Boilerplate() {}

    /** The blocks of {@code html} (or plain text) that are the piece itself, plain text, in order. */
    static List<String> blocks(String html) {
        List<String> out = new ArrayList<>();
        if (html == null || html.isBlank()) {
            return out;
        }
        StringBuilder block = new StringBuilder();
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            int gt = c == '<' ? html.indexOf('>', i + 1) : -1;
            if (gt < 0) {
                block.append(c);
                i++;
                continue;
            }
            if (BLOCKS.contains(tagName(html, i + 1, gt))) {
                keep(block, out);
            } else {
                block.append(' ');
            }
            i = gt + 1;
        }
        keep(block, out);
        return out;
    }

    private static String tagName(String html, int from, int to) {
        int start = from < to && html.charAt(from) == '/' ? from + 1 : from;
        int end = start;
        while (end < to && Character.isLetterOrDigit(html.charAt(end))) {
            end++;
        }
        return html.substring(start, end).toLowerCase(Locale.ROOT);
    }

    private static void keep(StringBuilder block, List<String> out) {
        String text = block.toString().strip();
        block.setLength(0);
        if (!text.isEmpty() && !isBoilerplate(text)) {
            out.add(text);
        }
    }

    /** Whether a block of plain text is an outlet's boilerplate rather than the piece. */
    static boolean isBoilerplate(String block) {
        int words = block.split("\\s+").length;
        String lower = block.toLowerCase(Locale.ROOT);
        return words <= CREDIT_WORDS && CREDIT.matcher(lower).find()
                || words <= BYLINE_WORDS && BYLINE.matcher(block).find();
    }
}
