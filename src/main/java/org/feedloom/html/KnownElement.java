package org.feedloom.html;

import java.util.HashMap;
import java.util.Map;
import org.jsoup.parser.Tag;

/**
 * The elements the pre-check ({@link SimpleHtml}) understands, each with what jsoup does with it: whether the
 * sanitiser's allowlist keeps it (and which attributes), and how jsoup's HTML5 tree builder treats its start tag
 * (void; closes an open {@code p}; "special", which ends the search for an open {@code li}, {@code dd} or
 * {@code dt}; a formatting element; a part of a table; text that is not markup). Elements the allowlist drops
 * ({@code section}, {@code article}, {@code font}...) keep their content, as jsoup's cleaner keeps it. Any other
 * element is unknown here, and the pre-check declines it. Immutable.
 */
final class KnownElement {
    static final int KEPT = 1;
    static final int VOID = 1 << 1;
    /** A start tag that closes an open {@code p} (tables, lists, headings, block quotes, figures, divs...). */
    static final int CLOSES_P = 1 << 2;
    /** Special in HTML5 (other than address, div and p): the search for an open list item stops at it. */
    static final int STOPS_ITEM_SEARCH = 1 << 3;
    /**
     * A formatting element: one inside another of its name is declined (a link inside a link is closed by HTML5's
     * adoption agency; the others enter jsoup's list of active formatting elements, which the pre-check does not
     * keep).
     */
    static final int FORMATTING = 1 << 4;
    static final int HEADING = 1 << 5;
    static final int LIST_ITEM = 1 << 6;
    static final int DEFINITION = 1 << 7;
    static final int TABLE = 1 << 8;
    static final int TABLE_SECTION = 1 << 9;
    static final int ROW = 1 << 10;
    static final int CELL = 1 << 11;
    /** A newline right after the start tag is dropped. */
    static final int PRE = 1 << 12;
    /** Raw text the cleaner keeps (as text) when it drops the element: iframe. */
    static final int RAW_TEXT = 1 << 13;
    /** Raw text dropped with the element: script, style. */
    static final int RAW_DATA = 1 << 14;
    /** An end tag jsoup ignores (a void element's). */
    static final int END_IGNORED = 1 << 15;

    private static final int BLOCK = CLOSES_P | STOPS_ITEM_SEARCH;
    private static final Map<String, KnownElement> ELEMENTS = new HashMap<>();
    private static final int MAX_NAME = 10;
    /** The elements by {@link #hash} of their names, open addressing. */
    private static final KnownElement[] BY_HASH = new KnownElement[256];

    static {
        add(KEPT | FORMATTING, "href title", "a");
        add(KEPT | FORMATTING, "", "b", "i", "em", "strong", "code", "small", "strike", "u");
        add(FORMATTING, "", "s", "big", "font", "tt");
        add(KEPT, "", "span", "sub", "sup", "cite", "mark", "del", "ins", "picture");
        add(KEPT, "cite", "q");
        add(KEPT, "title", "abbr");
        add(KEPT, "datetime", "time");
        add(0, "", "kbd", "samp", "var", "dfn", "bdi", "bdo", "acronym", "data", "main");
        add(KEPT | CLOSES_P, "", "p", "div");
        add(CLOSES_P, "", "address");
        add(KEPT | BLOCK, "", "figure", "figcaption", "dl");
        add(KEPT | BLOCK, "cite", "blockquote");
        add(KEPT | BLOCK, "type", "ul");
        add(KEPT | BLOCK, "start type", "ol");
        add(BLOCK, "", "article", "aside", "center", "details", "footer", "header", "hgroup", "nav", "section", "summary");
        add(KEPT | BLOCK | HEADING, "", "h1", "h2", "h3", "h4", "h5", "h6");
        add(KEPT | BLOCK | PRE, "", "pre");
        add(KEPT | BLOCK | LIST_ITEM, "", "li");
        add(KEPT | BLOCK | DEFINITION, "", "dd", "dt");
        add(KEPT | VOID | CLOSES_P | END_IGNORED, "", "hr");
        add(KEPT | VOID, "", "br");
        add(KEPT | VOID | END_IGNORED, "align alt height src title width", "img");
        add(VOID | END_IGNORED, "", "wbr", "source");
        add(KEPT | BLOCK | TABLE, "summary width", "table");
        add(KEPT | STOPS_ITEM_SEARCH | TABLE_SECTION, "", "thead", "tbody", "tfoot");
        add(KEPT | STOPS_ITEM_SEARCH | ROW, "", "tr");
        add(KEPT | STOPS_ITEM_SEARCH | CELL, "abbr axis colspan rowspan width", "td");
        add(KEPT | STOPS_ITEM_SEARCH | CELL, "abbr axis colspan rowspan scope width", "th");
        add(RAW_TEXT, "", "iframe");
        add(RAW_DATA, "", "script", "style");
    }

    final String name;
    private final int flags;
    private final String[] attributes;
    private final boolean closedBySlash;

    private KnownElement(String name, int flags, String[] attributes) {
        this.name = name;
        this.flags = flags;
        this.attributes = attributes;
        this.closedBySlash = Tag.isKnownTag(name) && !is(PRE | TABLE | TABLE_SECTION | ROW | CELL);
    }

    private static void add(int flags, String attributes, String... names) {
        for (String name : names) {
            KnownElement e = new KnownElement(name, flags, attributes.isEmpty() ? new String[0] : attributes.split(" "));
            ELEMENTS.put(name, e);
            int at = hash(name, 0, name.length()) & (BY_HASH.length - 1);
            while (BY_HASH[at] != null) {
                at = (at + 1) & (BY_HASH.length - 1);
            }
            BY_HASH[at] = e;
        }
    }

    /** The element of that (lower-case) name, or null if the pre-check does not know it. */
    static KnownElement get(String name) {
        return ELEMENTS.get(name);
    }

    /**
     * The element named by {@code s} from {@code start} to {@code end} (ASCII letters and digits, in any case), or
     * null; without building the name.
     */
    static KnownElement get(String s, int start, int end) {
        int length = end - start;
        if (length > MAX_NAME) {
            return null;
        }
        for (int at = hash(s, start, end) & (BY_HASH.length - 1);; at = (at + 1) & (BY_HASH.length - 1)) {
            KnownElement e = BY_HASH[at];
            if (e == null || e.name.length() == length && e.name.regionMatches(true, 0, s, start, length)) {
                return e;
            }
        }
    }

    /** A hash of the name, lower-cased (the names are ASCII letters and digits). */
    private static int hash(String s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + (s.charAt(i) | 0x20);
        }
        return h ^ h >>> 7;
    }

    /** Whether the element has any of the flags. */
    boolean is(int flag) {
        return (flags & flag) != 0;
    }

    /**
     * Whether {@code <x/>} is {@code <x></x>} to jsoup, whose tree builder closes a non-void element written so at
     * once (unlike HTML5's); but writes an element it does not know, such as {@code picture}, as {@code <x />}, and
     * drops the newline after {@code <pre/>}. Not asked of void elements, where the slash changes nothing.
     */
    boolean closedBySlash() {
        return closedBySlash;
    }

    /**
     * The attribute {@code k} of the tag as the allowlist keeps it on this element (its lower-case name), or null if
     * the list drops it.
     */
    String allowed(String s, TagReader tag, int k) {
        for (String a : attributes) {
            if (tag.isNamed(s, k, a)) {
                return a;
            }
        }
        return null;
    }

    /** Whether the attribute holds a URL the allowlist checks: href on a, src on img, cite on blockquote and q. */
    static boolean isUrl(String attribute) {
        return attribute.equals("href") || attribute.equals("src") || attribute.equals("cite");
    }

    /** The names of the elements the pre-check knows (for tests). */
    static Iterable<String> names() {
        return ELEMENTS.keySet();
    }
}
