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
            "\\bcontinue reading\\b", "\\bread more\\b", "\\bread the (?:full|whole|complete|rest of the) ",
            "\\bview the original\\b", "\\bfull (?:story|article) (?:at|on)\\b", "^(?:media|press) contacts?\\b", "^related\\s*:", "^(?:image|photo|picture)s?(?: credit)?\\s*:",
            "\\ball rights reserved\\b", "\\bwith permission\\b", "^(?:follow us|like us)\\b"));
    /** A block of legal or corporate boilerplate, whatever its length: the same in every release of a company. */
    private static final Pattern LEGAL = Pattern.compile(
            "\\bforward-looking statements?\\b|\\bsafe harbou?r\\b|\\bthis press release (?:contains|includes)\\b");
    /** A short block that is a byline: "By Jane Doe", "By Jane Doe, Professor of X, University of Y". */
    private static final Pattern BYLINE = Pattern.compile("^(?:[Bb]y|[Ww]ritten by|[Ww]ords by)\\s+\\p{Lu}");
    private static final int BYLINE_WORDS = 16;
    private static final int CREDIT_WORDS = 40;

    private Boilerplate() {}

    /** The blocks of {@code html} (or plain text) that are the piece itself, plain text, in order. */
    static List<String> blocks(String html) {
        List<String> out = new ArrayList<>();
        scan(html, (text, links) -> {
            if (!isBoilerplate(text)) {
                out.add(text);
            }
        });
        return out;
    }

    /**
     * The links of {@code html}'s credit lines ("Originally published at <a href=...>", "This story first appeared
     * on ..."): the URLs of the pieces it says it copies, in order.
     */
    static List<String> credits(String html) {
        List<String> out = new ArrayList<>();
        scan(html, (text, links) -> {
            if (!links.isEmpty() && isBoilerplate(text)) {
                out.addAll(links);
            }
        });
        return out;
    }

    private interface BlockSink {
        void block(String text, List<String> links);
    }

    /** Cuts {@code html} into blocks at block-level tags; hands each non-empty one, tags dropped, with its links. */
    private static void scan(String html, BlockSink sink) {
        if (html == null || html.isBlank()) {
            return;
        }
        StringBuilder block = new StringBuilder();
        List<String> links = new ArrayList<>();
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
            String name = tagName(html, i + 1, gt);
            if (BLOCKS.contains(name)) {
                flush(block, links, sink);
            } else {
                block.append(' ');
                if (name.equals("a") && html.charAt(i + 1) != '/') {
                    String href = href(html.substring(i, gt));
                    if (href != null) {
                        links.add(href);
                    }
                }
            }
            i = gt + 1;
        }
        flush(block, links, sink);
    }

    private static final Pattern HREF = Pattern.compile("\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')",
            Pattern.CASE_INSENSITIVE);

    private static String href(String tag) {
        java.util.regex.Matcher m = HREF.matcher(tag);
        return !m.find() ? null : (m.group(1) != null ? m.group(1) : m.group(2)).replace("&amp;", "&");
    }

    private static void flush(StringBuilder block, List<String> links, BlockSink sink) {
        String text = collapse(block);
        block.setLength(0);
        if (!text.isEmpty()) {
            sink.block(text, List.copyOf(links));
        }
        links.clear();
    }

    private static String tagName(String html, int from, int to) {
        int start = from < to && html.charAt(from) == '/' ? from + 1 : from;
        int end = start;
        while (end < to && Character.isLetterOrDigit(html.charAt(end))) {
            end++;
        }
        return html.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** The block's text with each run of white space one space, trimmed: a dropped tag leaves no double space. */
    private static String collapse(CharSequence block) {
        StringBuilder out = new StringBuilder(block.length());
        boolean space = false;
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether a block of plain text is an outlet's boilerplate rather than the piece. */
    static boolean isBoilerplate(String block) {
        int words = block.split("\\s+").length;
        String lower = block.toLowerCase(Locale.ROOT);
        return words <= CREDIT_WORDS && CREDIT.matcher(lower).find()
                || words <= BYLINE_WORDS && BYLINE.matcher(block).find() || LEGAL.matcher(lower).find();
    }
}
