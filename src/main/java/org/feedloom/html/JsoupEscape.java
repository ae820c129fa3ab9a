package org.feedloom.html;

/**
 * Characters as jsoup 1.18 writes them in a cleaned document (UTF-8, base escape mode, HTML syntax): in text
 * {@code & < >} and the no-break space are escaped ({@code &amp; &lt; &gt; &nbsp;}), in attribute values
 * {@code &}, {@code "} and the no-break space; everything else is written as it is. {@link #writable} says which
 * characters the pre-check passes on at all: jsoup writes controls and a supplementary character whose low 16 bits
 * look like a surrogate as a numeric reference, and its tokeniser treats carriage returns and NUL in its own ways,
 * so these (and C1 controls, noncharacters and the byte order mark) are left to jsoup. Pure.
 */
final class JsoupEscape {
    private JsoupEscape() {}

    /** Whether the pre-check writes the code point as it is (or as jsoup's named escape): see the class comment. */
    static boolean writable(int cp) {
        if (cp < 0x20) {
            return cp == '\n' || cp == '\t';
        }
        if (cp < 0x7F) {
            return true;
        }
        if (cp <= 0x9F || cp >= 0xD800 && cp <= 0xDFFF || cp >= 0xFDD0 && cp <= 0xFDEF || cp == 0xFEFF) {
            return false;
        }
        int low = cp & 0xFFFF;
        return low < 0xFFFE && (cp < 0x10000 || low < 0xD800 || low > 0xDFFF) && cp <= 0x10FFFF;
    }

    /** Appends a writable code point of text as jsoup writes it. */
    static void text(StringBuilder out, int cp) {
        switch (cp) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case 0xA0 -> out.append("&nbsp;");
            default -> out.appendCodePoint(cp);
        }
    }

    /** Appends a writable code point of an attribute value as jsoup writes it (in double quotes). */
    static void attribute(StringBuilder out, int cp) {
        switch (cp) {
            case '&' -> out.append("&amp;");
            case '"' -> out.append("&quot;");
            case 0xA0 -> out.append("&nbsp;");
            default -> out.appendCodePoint(cp);
        }
    }
}
