package org.feedloom.html;

import java.util.Arrays;

/**
 * Reads one tag as jsoup's tokeniser reads it, for the tag syntax publishers write: a name of ASCII letters and
 * digits (lower-cased); attributes separated by whitespace, each a name of printable ASCII and an optional value,
 * double-quoted, single-quoted or unquoted (without quotes, {@code <}, {@code =} or backquotes), with optional
 * whitespace around the {@code =}; an optional {@code /} right before the {@code >}; an end tag with nothing but its
 * name. Names are lower-cased and a repeated attribute is dropped (jsoup keeps the first). Anything else, and any
 * tag that does not end before the next {@code <} (so no {@code <} in attribute values), is declined. Values are
 * kept as positions in the input: they are decoded only for the attributes the allowlist keeps. Reused from tag to
 * tag; not thread-safe.
 */
final class TagReader {
    private static final int MAX_ATTRIBUTES = 64;

    String name;
    boolean end;
    boolean selfClosing;
    /** The index after the tag. */
    int next;
    int count;
    String[] names = new String[8];
    /** Where each value starts and ends in the input; -1 for an attribute without a value. */
    int[] valueStart = new int[8];
    int[] valueEnd = new int[8];

    /** Reads the tag at {@code lt} (a {@code <}) that must end before {@code limit}; false to decline. */
    boolean read(String s, int lt, int limit) {
        int i = lt + 1;
        end = i < limit && s.charAt(i) == '/';
        i = end ? i + 1 : i;
        int nameStart = i;
        if (i >= limit || !isAsciiLetter(s.charAt(i))) {
            return false;
        }
        while (i < limit && (isAsciiLetter(s.charAt(i)) || s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
            i++;
        }
        name = lowerCase(s, nameStart, i);
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
        int valueEnd;
        if (quote == '"' || quote == '\'') {
            valueEnd = s.indexOf(quote, at + 1);
            if (valueEnd < 0 || valueEnd >= limit) {
                return -1;
            }
            add(s, i, nameEnd, at + 1, valueEnd);
            return valueEnd + 1;
        }
        valueEnd = at;
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

    private void add(String s, int nameStart, int nameEnd, int start, int end) {
        String attribute = lowerCase(s, nameStart, nameEnd);
        for (int k = 0; k < count; k++) {
            if (names[k].equals(attribute)) {
                return; // jsoup keeps the first
            }
        }
        if (count == names.length) {
            int size = 2 * count;
            names = Arrays.copyOf(names, size);
            valueStart = Arrays.copyOf(valueStart, size);
            valueEnd = Arrays.copyOf(valueEnd, size);
        }
        names[count] = attribute;
        valueStart[count] = start;
        valueEnd[count++] = end;
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

    private static String lowerCase(String s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.substring(start, end).toCharArray();
                for (int k = i - start; k < chars.length; k++) {
                    chars[k] = chars[k] >= 'A' && chars[k] <= 'Z' ? (char) (chars[k] + 32) : chars[k];
                }
                return new String(chars);
            }
        }
        return s.substring(start, end);
    }
}
