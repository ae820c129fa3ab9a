package org.feedloom.html;

import org.jsoup.nodes.Entities;

/**
 * Character references read as jsoup's tokeniser reads them, where that reading is plain. A reference is decoded
 * when it is complete: {@code &name;} for any of HTML's named references, {@code &#digits;} or
 * {@code &#xhex;} for a {@linkplain JsoupEscape#writable writable} character. An {@code &} that starts no
 * reference is a literal ampersand: one followed by anything but a letter or {@code #}, or by a name no reference
 * begins with. Anything jsoup reads in its own way is declined: a legacy reference without its semicolon
 * ({@code &copy 2026}, {@code &notit;}, which jsoup reads as {@code &not;it;}), a numeric reference without one
 * or naming a control, a surrogate or a C1 code point jsoup maps to windows-1252. In an attribute value a name
 * jsoup would take without a semicolon but which goes on with a letter, digit, {@code =}, {@code -} or
 * {@code _} ({@code ?a=1&copy=2}) is literal, as in jsoup. Pure.
 */
final class CharRefs {
    /** Returned by {@link #read} for input the pre-check declines. */
    static final int DECLINED = -1;

    private CharRefs() {}

    /**
     * Reads the reference at {@code amp} (an {@code &}) in {@code s}, up to {@code end}: the index after it, with its
     * code points in {@code cps[1]} (and {@code cps[2]}) and their number in {@code cps[0]}, zero for a literal
     * ampersand (the index is then {@code amp + 1}); or {@link #DECLINED}.
     */
    static int read(String s, int amp, int end, boolean inAttribute, int[] cps) {
        cps[0] = 0;
        int at = amp + 1;
        if (at >= end) {
            return at;
        }
        char c = s.charAt(at);
        if (c == '#') {
            return numeric(s, at + 1, end, cps);
        }
        int nameEnd = nameEnd(s, at, end);
        if (nameEnd == at) {
            return at; // &, then no letter: literal
        }
        String name = s.substring(at, nameEnd);
        boolean semicolon = nameEnd < end && s.charAt(nameEnd) == ';';
        if (semicolon && Entities.isNamedEntity(name)) {
            return decode(name, cps) ? nameEnd + 1 : DECLINED;
        }
        if (inAttribute) {
            boolean legacy = Entities.isBaseNamedEntity(name);
            return !legacy || nameEnd < end && continuesName(s.charAt(nameEnd)) ? at : DECLINED;
        }
        return Entities.isBaseNamedEntity(name) || !Entities.findPrefix(name).isEmpty() ? DECLINED : at;
    }

    /** The end of a reference name from {@code at}: letters, then ASCII digits (as jsoup's reader takes them). */
    private static int nameEnd(String s, int at, int end) {
        int i = at;
        while (i < end && isLetter(s.charAt(i))) {
            i++;
        }
        while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c > 0x7F && Character.isLetter(c);
    }

    /** After a legacy name in an attribute value, a character that makes jsoup leave the ampersand as it is. */
    private static boolean continuesName(char c) {
        return isLetter(c) || c >= '0' && c <= '9' || c == '=' || c == '-' || c == '_';
    }

    /**
     * The value of the references feeds write most, as jsoup's table has them ({@code CharRefsTest} checks each),
     * without its binary search over two thousand names; null for the others.
     */
    static String common(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> "\u00a0";
            case "rsquo" -> "\u2019";
            case "lsquo" -> "\u2018";
            case "rdquo" -> "\u201d";
            case "ldquo" -> "\u201c";
            case "mdash" -> "\u2014";
            case "ndash" -> "\u2013";
            case "hellip" -> "\u2026";
            case "copy" -> "\u00a9";
            default -> null;
        };
    }

    private static boolean decode(String name, int[] cps) {
        String common = common(name);
        String value = common != null ? common : Entities.getByName(name);
        int count = 0;
        for (int i = 0; i < value.length(); i += Character.charCount(cps[count])) {
            cps[++count] = value.codePointAt(i);
            if (!JsoupEscape.writable(cps[count])) {
                return false;
            }
        }
        cps[0] = count;
        return count > 0;
    }

    /** A numeric reference from {@code at} (after {@code &#}): one to seven digits, a semicolon, a writable code point. */
    private static int numeric(String s, int at, int end, int[] cps) {
        boolean hex = at < end && (s.charAt(at) == 'x' || s.charAt(at) == 'X');
        int i = hex ? at + 1 : at;
        int from = i;
        int cp = 0;
        for (int digit; i < end && i - from < 8 && (digit = Character.digit(s.charAt(i), hex ? 16 : 10)) >= 0
                && s.charAt(i) < 0x80; i++) {
            cp = cp * (hex ? 16 : 10) + digit;
        }
        boolean complete = i > from && i - from < 8 && i < end && s.charAt(i) == ';';
        if (!complete || !JsoupEscape.writable(cp)) {
            return DECLINED;
        }
        cps[0] = 1;
        cps[1] = cp;
        return i + 1;
    }
}
