package org.feedloom.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Boilerplate#isBoilerplate}'s shortcuts (the phrases looked for before the expression, a block used as it is
 * when collapsing its white space would not change it) against the rules read plainly: the block's white space
 * collapsed, lower-cased, and the expressions run on every block.
 */
class BoilerplateTest {
    private static final Pattern CREDIT = Pattern.compile(String.join("|",
            "\\b(?:originally|first) (?:published|appeared|ran|posted)\\b",
            "\\b(?:re-?published|reprinted|syndicated) (?:from|with|by|under|here)\\b",
            "\\bread the original\\b", "\\bcreative commons\\b", "\\bthis (?:article|story|piece|post) (?:is|was)\\b",
            "\\bshare (?:on|this|via)\\b", "\\b(?:sign up|subscribe)\\b", "\\bnewsletter\\b",
            "\\bcontinue reading\\b", "\\bread more\\b", "\\bread the (?:full|whole|complete|rest of the) ",
            "\\bview the original\\b", "\\bfull (?:story|article) (?:at|on)\\b", "^(?:media|press) contacts?\\b",
            "^related\\s*:", "^(?:image|photo|picture)s?(?: credit)?\\s*:", "\\ball rights reserved\\b",
            "\\bwith permission\\b", "^(?:follow us|like us)\\b"));
    private static final Pattern LEGAL = Pattern.compile(
            "\\bforward-looking\\s+statements?\\b|\\bsafe\\s+harbou?r\\b|\\bthis\\s+press\\s+release\\s+(?:contains|includes)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BYLINE = Pattern.compile("^(?:[Bb]y|[Ww]ritten by|[Ww]ords by)\\s+\\p{Lu}");

    /** The rules as written: 40 words or fewer are read collapsed and lower-cased, a byline has 16 at most. */
    private static boolean byTheRules(String block) {
        String[] words = block.strip().split("\\s+");
        int count = block.isBlank() ? 0 : words.length;
        if (count > 40) {
            return LEGAL.matcher(block).find();
        }
        String text = block.isBlank() ? "" : String.join(" ", words);
        return CREDIT.matcher(text.toLowerCase(Locale.ROOT)).find()
                || count <= 16 && BYLINE.matcher(text).find() || LEGAL.matcher(text).find();
    }

    @Test
    void randomBlocks_areJudgedAsTheRulesJudgeThem() {
        String[] pieces = {"originally", "first", "published", "appeared", "ran", "posted", "republished",
            "re-published", "reprinted", "syndicated", "from", "with", "by", "By", "under", "here", "read", "Read",
            "the", "original", "creative", "Commons", "this", "This", "article", "story", "piece", "post", "is", "was",
            "share", "Share", "on", "via", "sign", "up", "subscribe", "newsletter", "continue", "reading", "more",
            "full", "whole", "rest", "of", "view", "at", "media", "press", "contact", "contacts", "related", "Related:",
            ":", "image", "Images", "photo", "picture", "credit", "all", "rights", "reserved", "permission", "follow",
            "like", "us", "forward-looking", "statements", "safe", "harbour", "release", "contains", "Jane", "Doe",
            "written", "Words", "storm", "council", "firstly", "newsletters", "shared", "x", "Forward-Looking",
            "FORWARD-LOOKING", "Statements", "Safe", "Harbor", "HARBOR", "SAFE", "Press", "Release", "RELEASE",
            "Includes", "release:", "harbors"};
        String[] spaces = {" ", " ", " ", "  ", "\n", "\t", " \n "};
        Random random = new Random(12);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder block = new StringBuilder(random.nextInt(5) == 0 ? " " : "");
            for (int k = random.nextInt(random.nextInt(8) == 0 ? 50 : 12); k >= 0; k--) {
                block.append(pieces[random.nextInt(pieces.length)]);
                if (k > 0 || random.nextInt(5) == 0) {
                    block.append(spaces[random.nextInt(spaces.length)]);
                }
            }
            String b = block.toString();
            assertEquals(byTheRules(b), Boilerplate.isBoilerplate(b), "block: [" + b + "]");
        }
    }

    @Test
    void creditLines_andBylines_areBoilerplate_aStoryIsNot() {
        assertTrue(Boilerplate.isBoilerplate("This article was originally published on The Conversation."));
        assertTrue(Boilerplate.isBoilerplate("Image credit: Jane Doe"));
        assertTrue(Boilerplate.isBoilerplate("By  Jane\tDoe, Professor of Hydrology"));
        assertFalse(Boilerplate.isBoilerplate("The council first met in 1901 and published its plans today."));
    }

    @Test
    void legalBoilerplate_isFoundInTitleCaseAndCapitals_asTheExpressionIgnoresCase() {
        assertTrue(Boilerplate.isBoilerplate("Forward-Looking Statements"));
        assertTrue(Boilerplate.isBoilerplate("Safe Harbor Statement: this release speaks only as of its date."));
        assertTrue(Boilerplate.isBoilerplate("This Press Release Contains statements about the future."));
        assertTrue(Boilerplate.isBoilerplate("SAFE HARBOUR"));
        assertFalse(Boilerplate.isBoilerplate("The Harbor Press released its new catalogue of forward planning."));
    }

    /** The block-level tags {@link Boilerplate} cuts text at, as its rule says them. */
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "li", "ul", "ol",
            "blockquote", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "table", "tr", "td",
            "th", "pre", "section", "article", "header", "footer", "aside", "dd", "dt");

    /** The blocks as the rule reads them: cut at each tag whose name, lower-cased, is a block; other tags a space. */
    private static List<String> blocksByTheRule(String html) {
        List<String> out = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        Matcher tag = Pattern.compile("<(/?)([\\p{L}\\p{Nd}]*)[^>]*>").matcher(html);
        int at = 0;
        while (tag.find()) {
            block.append(html, at, tag.start());
            if (BLOCK_TAGS.contains(tag.group(2).toLowerCase(Locale.ROOT))) {
                if (!block.toString().isBlank()) {
                    out.add(block.toString());
                }
                block.setLength(0);
            } else {
                block.append(' ');
            }
            at = tag.end();
        }
        block.append(html.substring(at));
        if (!block.toString().isBlank()) {
            out.add(block.toString());
        }
        return out;
    }

    @Test
    void randomHtml_isCutIntoBlocksAsTheRuleCutsIt() {
        String[] names = {"p", "P", "div", "DiV", "li", "blockquote", "BLOCKQUOTE", "figcaption", "h2", "H6", "br",
            "hr", "section", "aside", "dd", "a", "A", "em", "span", "strong", "img", "pa", "bloc", "blockquotes", "h7",
            "d", "l\u0130", "\u017Fection", "bloc\u212Aquote", "\u00e9t\u00e9", "figcaptions", "x1"};
        String[] text = {"storm", "council", "met", " ", " ", "\n", "in", "1901", "caf\u00e9", "\u2019"};
        Random random = new Random(20261202);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder html = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                if (random.nextInt(3) == 0) {
                    html.append('<').append(random.nextBoolean() ? "/" : "").append(names[random.nextInt(names.length)])
                            .append(random.nextInt(4) == 0 ? " class=\"c\"" : "").append('>');
                } else {
                    html.append(text[random.nextInt(text.length)]);
                }
            }
            String h = html.toString();
            assertEquals(blocksByTheRule(h), Boilerplate.blocks(h), h);
        }
    }
}
