package org.feedloom.html;


/**
 * The pre-check of {@link HtmlSanitizer#sanitize}: the small subset of HTML most feed summaries are written in,
 * sanitised without building a DOM: text; {@code p} at the top level; {@code a}, {@code b}, {@code i},
 * {@code em}, {@code strong} and {@code code} properly nested (no link inside a link); {@code br}; the only
 * attribute an absolute http(s) {@code href} of plain URL characters on {@code a}; the entities
 * {@code &amp; &lt; &gt; &quot; &apos;} and numeric references to printable characters, read as HTML reads them
 * (ASCII digits only, no sign: {@code &#+39;} is text). It answers only for input it fully understands, with
 * the string jsoup's cleaner gives, byte for byte (checked by {@code SimpleHtmlTest} and the differential tests
 * on the corpus and on random fragments); anything outside the subset — another tag or attribute, a comment,
 * an unclosed or misnested tag, a carriage return, a control character, a supplementary character jsoup would
 * escape — is declined and goes to jsoup. Thread-safe; pure.
 */
final class SimpleHtml {
    /** Returned when the input is outside the subset (compared by identity). */
    static final String DECLINED = new String("declined");

    private static final String[] INLINE = {"a", "b", "i", "em", "strong", "code"};
    /** Longer links are left to jsoup (the subset need not cover them). */
    private static final int MAX_URL = 2048;

    private final String html;
    private final StringBuilder out;
    private final String[] open = new String[8];
    private int depth;

    private SimpleHtml(String html) {
        this.html = html;
        this.out = new StringBuilder(html.length() + 32);
    }

    /** {@link HtmlSanitizer#sanitize}{@code (html, base)} for the common case, else {@link #DECLINED}. */
    static String sanitize(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        return new SimpleHtml(html).run();
    }

    private String run() {
        int n = html.length();
        int i = 0;
        while (i >= 0 && i < n) {
            char c = html.charAt(i);
            i = c == '<' ? tag(i) : c == '&' ? reference(i) : plain(c) ? plainRun(i) : other(i);
        }
        if (i < 0 || depth != 0) {
            return DECLINED;
        }
        String result = out.toString().strip();
        return result.isEmpty() ? null : result;
    }

    /** The tag at {@code i} written out; the index after it, or -1 to decline. */
    private int tag(int i) {
        int close = html.indexOf('>', i);
        if (close < 0) {
            return -1;
        }
        String tag = html.substring(i + 1, close);
        if (tag.startsWith("/")) {
            return endTag(tag.substring(1)) ? close + 1 : -1;
        }
        if (tag.equals("br") || tag.equals("br/") || tag.equals("br /")) {
            out.append("<br>");
            return close + 1;
        }
        return startTag(tag) ? close + 1 : -1;
    }

    private boolean endTag(String name) {
        if (depth == 0 || !open[depth - 1].equals(name)) {
            return false;
        }
        depth--;
        out.append("</").append(name).append('>');
        return true;
    }

    /** A start tag of the subset: p at the top, inline elements not already open, a link with a plain href. */
    private boolean startTag(String tag) {
        int space = tag.indexOf(' ');
        String name = space < 0 ? tag : tag.substring(0, space);
        boolean block = name.equals("p");
        if (!(block ? depth == 0 : isInline(name)) || depth == open.length || isOpen(open, depth, name)) {
            return false;
        }
        if (name.equals("a")) {
            String href = space < 0 ? null : href(tag.substring(space + 1));
            if (href == null) {
                return false;
            }
            out.append("<a href=\"").append(href).append("\" rel=\"noopener noreferrer\">");
        } else if (space >= 0) {
            return false;
        } else {
            out.append('<').append(name).append('>');
        }
        open[depth++] = name;
        return true;
    }

    /** The character reference at {@code i}; the index after it, or -1 to decline. */
    private int reference(int i) {
        int semi = html.indexOf(';', i);
        int cp = semi < 0 ? -1 : entity(html.substring(i + 1, semi));
        if (cp < 0) {
            return -1;
        }
        text(out, cp);
        return semi + 1;
    }

    /** A run of characters written as they are, from {@code i}; the index after it. */
    private int plainRun(int i) {
        int end = i;
        while (++end < html.length() && plain(html.charAt(end))) {
            // scan
        }
        out.append(html, i, end);
        return end;
    }

    /** Any other character at {@code i}: escaped as jsoup escapes it, or declined (-1). */
    private int other(int i) {
        char c = html.charAt(i);
        if (c == '\r' || (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F)
                || (c >= 0xFDD0 && c <= 0xFDEF) || c >= 0xFFFE || Character.isSurrogate(c) && !pair(html, i)) {
            return -1;
        }
        if (Character.isHighSurrogate(c)) {
            if (Character.isSurrogate((char) html.codePointAt(i))) {
                return -1; // jsoup writes a code point whose low 16 bits look like a surrogate as &#x..;
            }
            out.append(c).append(html.charAt(i + 1));
            return i + 2;
        }
        text(out, c);
        return i + 1;
    }

    /** Printable ASCII other than the markup characters, or a common character above Latin-1's controls. */
    private static boolean plain(char c) {
        return (c >= 0x20 && c < 0x7F && c != '<' && c != '&' && c != '>') || c == '\n' || c == '\t'
                || (c > 0xA0 && c < 0xD800);
    }

    /** A tag of that name is open already (no link in a link, no b in a b). */
    private static boolean isOpen(String[] open, int depth, String name) {
        for (int k = 0; k < depth; k++) {
            if (open[k].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isInline(String name) {
        for (String s : INLINE) {
            if (s.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean pair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** The value of an attribute list that is exactly {@code href="http(s)://..."} of plain URL characters. */
    private static String href(String attrs) {
        if (!attrs.startsWith("href=\"") || !attrs.endsWith("\"") || attrs.length() < 8) {
            return null;
        }
        String url = attrs.substring(6, attrs.length() - 1);
        int scheme = url.startsWith("https://") ? 8 : url.startsWith("http://") ? 7 : -1;
        if (scheme < 0 || url.length() == scheme || url.length() > MAX_URL || url.contains("/.")
                || url.indexOf('/', scheme) < 0) {
            return null;
        }
        for (int k = scheme; k < url.length(); k++) {
            char c = url.charAt(k);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
                    || c == '/' || c == '=' || c == '?' || (c >= 'A' && c <= 'Z' && url.indexOf('/', scheme) < k);
            if (!plain) {
                return null;
            }
        }
        return url;
    }

    /**
     * The code point of an entity's name ({@code amp}, {@code #39}, {@code #x27}), or -1 if not accepted: a
     * numeric reference has one to six ASCII digits (hexadecimal after {@code x} or {@code X}) and no sign, as
     * HTML reads it, and names a printable character.
     */
    private static int entity(String name) {
        switch (name) {
            case "amp": return '&';
            case "lt": return '<';
            case "gt": return '>';
            case "quot": return '"';
            case "apos": return '\'';
            default: break;
        }
        boolean hex = name.length() > 2 && name.charAt(0) == '#' && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
        int from = hex ? 2 : 1;
        if (!name.startsWith("#") || name.length() <= from || name.length() - from > 6) {
            return -1;
        }
        int cp = 0;
        for (int k = from; k < name.length(); k++) {
            int digit = digit(name.charAt(k), hex);
            if (digit < 0) {
                return -1;
            }
            cp = cp * (hex ? 16 : 10) + digit;
        }
        boolean printable = (cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFDCF);
        return printable ? cp : -1;
    }

    /** The value of an ASCII digit (hexadecimal if {@code hex}), or -1. */
    private static int digit(char c, boolean hex) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
            return (c | 0x20) - 'a' + 10;
        }
        return -1;
    }

    /** Appends a character of text the way jsoup's output escapes it. */
    private static void text(StringBuilder out, int cp) {
        switch (cp) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case 0xA0 -> out.append("&nbsp;");
            default -> out.appendCodePoint(cp);
        }
    }
}
