package org.feedloom.canonical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.feedloom.model.Checks;

/**
 * What differs between outlets that republish one piece, taken out of its text before the texts are compared: the
 * "originally published at", "republished under a Creative Commons licence" and "first appeared on" lines, bylines,
 * share and newsletter blurbs, "continue reading" and "related:" lines, image credits and legal disclaimers. Works on
 * paragraphs: HTML is cut into blocks at block-level tags, each block's tags are dropped, and a block that is
 * boilerplate goes whole. Pure and thread-safe.
 */
final class Boilerplate {
    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "ul", "ol", "blockquote", "figure",
            "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "table", "tr", "td", "th", "pre", "section",
            "article", "header", "footer", "aside", "dd", "dt");
    /**
     * Where every {@link #CREDIT} alternative starts: at a word boundary (the start of the text is one before a
     * letter), at one of their first letters. Put before them, it lets the expression try its alternatives only at the
     * starts of words that may begin one, not at every character; what matches is the same.
     */
    private static final String CREDIT_START = "\\b(?=[acfilmnoprstvw])";
    /** A block that says where the piece came from, or invites sharing, signing up or reading on. */
    private static final Pattern CREDIT = Pattern.compile(CREDIT_START + "(?:" + String.join("|",
            "\\b(?:originally|first) (?:published|appeared|ran|posted)\\b",
            "\\b(?:re-?published|reprinted|syndicated) (?:from|with|by|under|here)\\b",
            "\\bread the original\\b", "\\bcreative commons\\b", "\\bthis (?:article|story|piece|post) (?:is|was)\\b",
            "\\bshare (?:on|this|via)\\b", "\\b(?:sign up|subscribe)\\b", "\\bnewsletter\\b",
            "\\bcontinue reading\\b", "\\bread more\\b", "\\bread the (?:full|whole|complete|rest of the) ",
            "\\bview the original\\b", "\\bfull (?:story|article) (?:at|on)\\b", "^(?:media|press) contacts?\\b", "^related\\s*:", "^(?:image|photo|picture)s?(?: credit)?\\s*:",
            "\\ball rights reserved\\b", "\\bwith permission\\b", "^(?:follow us|like us)\\b") + ")");
    /**
     * Phrases one of which every {@link #CREDIT} line has (in its lower-cased, collapsed text): a block with none of
     * them is not looked at by the expression. Each is implied by an alternative: "first published" by
     * {@code (?:originally|first) (?:published|...)}, "share on" by {@code share (?:on|this|via)}, and so on.
     */
    private static final List<String> CREDIT_PHRASES = List.of("originally published", "originally appeared",
            "originally ran", "originally posted", "first published", "first appeared", "first ran", "first posted",
            "published ", "reprinted ", "syndicated ", "read the ", "creative commons", "this article ",
            "this story ", "this piece ", "this post ", "share on", "share this", "share via", "sign up",
            "subscribe", "newsletter", "continue reading", "read more", "view the original", "full story ",
            "full article ", "all rights reserved", "with permission");
    /** How the {@link #CREDIT} alternatives anchored at the start of a block begin. */
    private static final List<String> CREDIT_STARTS = List.of("media contact", "press contact", "related", "image",
            "photo", "picture", "follow us", "like us");
    /** A block of legal or corporate boilerplate, whatever its length: the same in every release of a company. */
    private static final Pattern LEGAL = Pattern.compile(
            "\\bforward-looking\\s+statements?\\b|\\bsafe\\s+harbou?r\\b|\\bthis\\s+press\\s+release\\s+(?:contains|includes)\\b",
            Pattern.CASE_INSENSITIVE);
    /**
     * A part of a word of each {@link #LEGAL} alternative, as written in lower case, in title case ("Forward-Looking
     * Statements", the heading of every press release's disclaimer) and in capitals.
     */
    private static final List<String> LEGAL_TAILS = List.of("orward-looking", "orward-Looking", "ORWARD-LOOKING",
            "arbo", "ARBO", "ress", "RESS");
    /** A short block that is a byline: "By Jane Doe", "By Jane Doe, Professor of X, University of Y". */
    private static final Pattern BYLINE = Pattern.compile("^(?:[Bb]y|[Ww]ritten by|[Ww]ords by)\\s+\\p{Lu}");
    private static final int BYLINE_WORDS = 16;
    private static final int CREDIT_WORDS = 40;

    private Boilerplate() {}

    /** The blocks of {@code html} (or plain text) that are the piece itself, plain text, in order. */
    static List<String> blocks(String html) {
        List<String> out = new ArrayList<>();
        eachBlock(html, out::add);
        return out;
    }

    /**
     * Hands the blocks of {@code html} that are the piece itself to {@code each}, in order, until it returns false:
     * what follows is not read at all.
     */
    static void eachBlock(String html, java.util.function.Predicate<String> each) {
        eachBlockUnjudged(html, block -> isBoilerplate(block) || each.test(block));
    }

    /**
     * Hands every block of {@code html}, boilerplate or not, to {@code each}, in order, until it returns false: for a
     * reader that finds nothing in most blocks and asks {@link #isBoilerplate} only of those it found something in.
     */
    static void eachBlockUnjudged(String html, java.util.function.Predicate<String> each) {
        scan(html, false, (text, links) -> each.test(text));
    }

    /**
     * The links of {@code html}'s credit lines ("Originally published at <a href=...>", "This story first appeared
     * on ..."): the URLs of the pieces it says it copies, in order.
     */
    static List<String> credits(String html) {
        List<String> out = new ArrayList<>();
        scan(html, true, (text, links) -> {
            if (!links.isEmpty() && isBoilerplate(text)) {
                out.addAll(links);
            }
            return true;
        });
        return out;
    }

    /** Takes a block, its tags dropped, with its links; false stops the scan. */
    private interface BlockSink {
        boolean block(String text, List<String> links);
    }

    /**
     * Cuts {@code html} into blocks at block-level tags; hands each one that is not blank, tags dropped (each a space),
     * with its links ({@code withLinks}; else none are read). Text is copied a run at a time; white space is left as it
     * is (words are what is compared).
     */
    private static void scan(String html, boolean withLinks, BlockSink sink) {
        if (html == null || html.isBlank()) {
            return;
        }
        StringBuilder block = new StringBuilder(256);
        List<String> links = new ArrayList<>();
        int n = html.length();
        int i = 0;
        while (i < n) {
            int lt = html.indexOf('<', i);
            int gt = lt < 0 ? -1 : html.indexOf('>', lt + 1);
            if (gt < 0) {
                block.append(html, i, n);
                break;
            }
            block.append(html, i, lt);
            String name = tagName(html, lt + 1, gt);
            if (BLOCKS.contains(name)) {
                if (!flush(block, links, sink)) {
                    return;
                }
            } else {
                block.append(' ');
                if (withLinks && name.equals("a") && html.charAt(lt + 1) != '/') {
                    String href = href(html.substring(lt, gt));
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

    private static boolean flush(StringBuilder block, List<String> links, BlockSink sink) {
        String text = block.toString();
        block.setLength(0);
        boolean more = text.isBlank() || sink.block(text, links.isEmpty() ? List.of() : List.copyOf(links));
        links.clear();
        return more;
    }

    private static String tagName(String html, int from, int to) {
        int start = from < to && html.charAt(from) == '/' ? from + 1 : from;
        int end = start;
        while (end < to && Chars.isLetterOrDigit(html.charAt(end))) {
            end++;
        }
        return html.substring(start, end).toLowerCase(Locale.ROOT);
    }

    /** Whether a block of plain text is an outlet's boilerplate rather than the piece. */
    static boolean isBoilerplate(String block) {
        int words = 0;
        boolean inWord = false;
        boolean single = true; // each run of white space one space between words: collapsing would not change it
        for (int i = 0; i < block.length() && words <= CREDIT_WORDS; i++) {
            char c = block.charAt(i);
            boolean space = Chars.isWhitespace(c);
            if (space && (c != ' ' || !inWord)) {
                single = false;
            }
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        if (words <= CREDIT_WORDS) { // short: read with its white space collapsed, as the rules are written
            String text = single && inWord ? block : collapsed(block);
            String lower = text.toLowerCase(Locale.ROOT);
            return mayBeCredit(lower) && CREDIT.matcher(lower).find()
                    || words <= BYLINE_WORDS && mayBeByline(lower) && BYLINE.matcher(text).find() || legal(text);
        }
        return legal(block);
    }

    /** The block with each run of white space one space, trimmed: the rules are written for single spaces. */
    private static String collapsed(String block) {
        StringBuilder out = new StringBuilder(block.length());
        boolean space = false;
        for (int i = 0; i < block.length(); i++) {
            char c = block.charAt(i);
            if (Chars.isWhitespace(c)) {
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

    private static boolean mayBeCredit(String lower) {
        for (String start : CREDIT_STARTS) {
            if (lower.startsWith(start)) {
                return true;
            }
        }
        return containsAny(lower, PHRASES_BY_PAIR);
    }

    /**
     * {@link #CREDIT_PHRASES} by their first two characters (each one's low six bits): the phrases that may start
     * where a pair of characters is, so that one pass over a block finds whether it holds any, not one pass a phrase.
     */
    private static final String[][] PHRASES_BY_PAIR = byPair(CREDIT_PHRASES);

    private static String[][] byPair(List<String> phrases) {
        String[][] out = new String[1 << 12][];
        for (String phrase : phrases) {
            Checks.argument(phrase.length() >= 2, "a phrase has two characters at least");
            int pair = pair(phrase, 0);
            out[pair] = out[pair] == null ? new String[] {phrase} : append(out[pair], phrase);
        }
        return out;
    }

    private static String[] append(String[] phrases, String phrase) {
        String[] out = Arrays.copyOf(phrases, phrases.length + 1);
        out[phrases.length] = phrase;
        return out;
    }

    private static int pair(String text, int at) {
        return (text.charAt(at) & 0x3f) << 6 | text.charAt(at + 1) & 0x3f;
    }

    /** Whether {@code text} contains any of the phrases {@link #byPair} filed. */
    private static boolean containsAny(String text, String[][] byPair) {
        for (int i = 0; i + 1 < text.length(); i++) {
            String[] phrases = byPair[pair(text, i)];
            if (phrases != null) {
                for (String phrase : phrases) {
                    if (text.startsWith(phrase, i)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean mayBeByline(String lower) {
        return lower.startsWith("by") || lower.startsWith("written by") || lower.startsWith("words by");
    }

    /**
     * Whether a block is legal boilerplate; the words' tails are looked for first, as most blocks have none (in
     * lower case, title case and capitals, as the expression ignores case: disclaimers are often set in capitals,
     * their headings in title case; other mixes of cases are not looked for).
     */
    private static boolean legal(String block) {
        for (String tail : LEGAL_TAILS) {
            if (block.contains(tail)) {
                return LEGAL.matcher(block).find();
            }
        }
        return false;
    }
}
