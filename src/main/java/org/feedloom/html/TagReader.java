package org.feedloom.html;

import java.util.Arrays;

/**
 * Reads one tag as jsoup's tokeniser reads it, for the tag syntax publishers write: a name of ASCII letters and
 * digits; attributes separated by whitespace, each a name of printable ASCII and an optional value, double-quoted,
 * single-quoted or unquoted (without quotes, {@code <}, {@code =} or backquotes), with optional whitespace around
 * the {@code =}; an optional {@code /} right before the {@code >}; an end tag with nothing but its name. Names are
 * matched without regard to case, as jsoup lower-cases them, and a repeated attribute is dropped (jsoup keeps the
 * first). Anything else, and a {@code <} in an attribute value (which would throw {@link NestingLimit}'s rough scan
 * off), is declined. Names and values are kept as positions in the input: values are decoded only for the attributes
 * the allowlist keeps. Reused from tag to tag; not thread-safe.
 */
final class TagReader {
    private static final int MAX_ATTRIBUTES = 64;

    /** The element named, or null if the pre-check does not know it. */
    KnownElement element;
    boolean end;
    boolean selfClosing;
    /** The index after the tag. */
    int next;
    int count;
    /** Where each attribute's name starts and ends in the input. */
    int[] nameStart = new int[8];
    int[] nameEnd = new int[8];
    /** Where each value starts and ends in the input; -1 for an attribute without a value. */
    int[] valueStart = new int[8];
    int[] valueEnd = new int[8];

    /** Reads the tag at {@code lt} (a {@code <}); false to decline. */
    boolean read(String s, int lt) {
        int limit = s.length();
        int i = lt + 1;
        end = i < limit && s.charAt(i) == '/';
        i = end ? i + 1 : i;
        int start = i;
        if (i >= limit || !isAsciiLetter(s.charAt(i))) {
            return false;
        }
        while (i < limit && (isAsciiLetter(s.charAt(i)) || s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
            i++;
        }
        element = KnownElement.get(s, start, i);
        count = 0;
        selfClosing = false;
        return end ? endOf(s, i, limit) : attributes(s, i, limit);
    }

    /** The rest of an end tag: optional whitespace and the {@code >}. */
    private boolean endOf(String s, int i, int limit) {
        int at = skipSpace(s, i, limit);
        next = at + 1;
        return at < limit && s.charAt(at) == '>';
    }

    /** The attributes of a start tag from {@code i} (after its name) to its {@code >}. */
    private boolean attributes(String s, int i, int limit) {
        while (i >= 0) {
            int at = skipSpace(s, i, limit);
            if (at >= limit) {
                return false;
            }
            char c = s.charAt(at);
            if (c == '>' || c == '/') {
                selfClosing = c == '/';
                next = selfClosing ? at + 2 : at + 1;
                return !selfClosing || at + 1 < limit && s.charAt(at + 1) == '>';
            }
            i = at == i || count == MAX_ATTRIBUTES ? -1 : attribute(s, at, limit); // an attribute follows whitespace
        }
        return false;
    }

    /** The attribute at {@code i}; the index after it, or -1 to decline. */
    private int attribute(String s, int i, int limit) {
        int nameEnd = i;
        while (nameEnd < limit && isNameChar(s.charAt(nameEnd))) {
            nameEnd++;
        }
        if (nameEnd == i) {
            return -1;
        }
        int at = skipSpace(s, nameEnd, limit);
        if (at >= limit || s.charAt(at) != '=') {
            add(s, i, nameEnd, -1, -1);
            return nameEnd;
        }
        at = skipSpace(s, at + 1, limit);
        char quote = at < limit ? s.charAt(at) : '>';
        int valueEnd = at;
        if (quote == '"' || quote == '\'') {
            while (++valueEnd < limit && s.charAt(valueEnd) != quote && s.charAt(valueEnd) != '<') {
                // scan
            }
            if (valueEnd >= limit || s.charAt(valueEnd) == '<') {
                return -1;
            }
            add(s, i, nameEnd, at + 1, valueEnd);
            return valueEnd + 1;
        }
        while (valueEnd < limit && isUnquotedChar(s.charAt(valueEnd))) {
            valueEnd++;
        }
        boolean ends = valueEnd < limit && (isSpace(s.charAt(valueEnd)) || s.charAt(valueEnd) == '>');
        if (valueEnd == at || !ends) {
            return -1;
        }
        add(s, i, nameEnd, at, valueEnd);
        return valueEnd;
    }

    private void add(String s, int start, int end, int valueFrom, int valueTo) {
        for (int k = 0; k < count; k++) {
            if (nameEnd[k] - nameStart[k] == end - start && s.regionMatches(true, nameStart[k], s, start, end - start)) {
                return; // jsoup keeps the first
            }
        }
        if (count == nameStart.length) {
            int size = 2 * count;
            nameStart = Arrays.copyOf(nameStart, size);
            nameEnd = Arrays.copyOf(nameEnd, size);
            valueStart = Arrays.copyOf(valueStart, size);
            valueEnd = Arrays.copyOf(valueEnd, size);
        }
        nameStart[count] = start;
        nameEnd[count] = end;
        valueStart[count] = valueFrom;
        valueEnd[count++] = valueTo;
    }

    /** Whether attribute {@code k} is named {@code name} (lower case), as jsoup reads it. */
    boolean isNamed(String s, int k, String name) {
        return nameEnd[k] - nameStart[k] == name.length() && name.regionMatches(true, 0, s, nameStart[k], name.length());
    }

    private static int skipSpace(String s, int i, int limit) {
        while (i < limit && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t';
    }

    static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** A character of an attribute name (printable ASCII but for quotes, {@code /}, {@code <}, {@code =}, {@code >}). */
    private static boolean isNameChar(char c) {
        return c > ' ' && c < 0x7F && c != '"' && c != '\'' && c != '/' && c != '<' && c != '=' && c != '>';
    }

    private static boolean isUnquotedChar(char c) {
        return isNameChar(c) && c != '`' || c == '/';
    }
}
