package org.feedloom.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XML prolog (declaration, comments, processing instructions, DOCTYPE) read by hand, so that only a real
 * DOCTYPE declaration before the root element is ever removed: a {@code <!DOCTYPE} inside a comment, a CDATA
 * section or an element's text is content and stays.
 *
 * <p>The DOCTYPE goes with its internal subset, so no DTD is loaded and no external or parameter entity exists.
 * What feed readers keep of it is kept here too: internal general entities whose value is short literal text
 * ({@code <!ENTITY id "tag:example.com,">}, at most {@value #MAX_ENTITY} characters, no {@code &}, {@code %} or
 * {@code <} in it, so no entity refers to another) are expanded in the document, at most {@value #MAX_EXPANSION}
 * characters in all. Any other entity stays undeclared and the document fails to parse. Pure.
 */
final class Prolog {
    static final int MAX_ENTITY = 1024;
    static final int MAX_EXPANSION = 1024 * 1024;
    private static final Pattern ENTITY = Pattern.compile(
            "<!ENTITY\\s+([A-Za-z_][\\w.-]*)\\s+(?:\"([^\"]*)\"|'([^']*)')\\s*>");
    private static final Set<String> PREDEFINED = Set.of("lt", "gt", "amp", "quot", "apos");

    private Prolog() {}

    /**
     * The text without its DOCTYPE declaration(s), the safe internal entities expanded in the document (from its
     * root element on), and where the root element starts: the prolog is scanned once, here.
     *
     * @throws FeedParseException when the expansion would exceed {@value #MAX_EXPANSION} characters
     */
    static XmlDoc read(String text) throws FeedParseException {
        StringBuilder subsets = new StringBuilder();
        StringBuilder out = null;
        int copied = 0;
        int removed = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            i = skipSpace(text, i);
            if (text.startsWith("<?", i)) {
                i = after(text, "?>", i + 2);
            } else if (text.startsWith("<!--", i)) {
                i = after(text, "-->", i + 4);
            } else if (text.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
                int end = doctypeEnd(text, i + 9);
                subsets.append(text, i, end);
                out = out == null ? new StringBuilder(n) : out;
                out.append(text, copied, i);
                removed += end - i;
                copied = end;
                i = end;
            } else if (i < n && text.charAt(i) == '<' && isNameStart(text, i + 1)) {
                break; // the root element
            } else {
                int next = text.indexOf('<', i + 1);
                i = next < 0 ? n : next;
            }
        }
        int root = Math.min(i, n) - removed;
        return out == null ? new XmlDoc(text, root) : withEntities(out.append(text, copied, n).toString(), root, subsets);
    }

    /** The document without its DOCTYPE, the safe entities of its internal subsets expanded after the prolog. */
    private static XmlDoc withEntities(String stripped, int root, CharSequence subsets) throws FeedParseException {
        Map<String, String> entities = entities(subsets);
        return new XmlDoc(entities.isEmpty() ? stripped
                : stripped.substring(0, root) + expand(stripped.substring(root), entities), root);
    }

    /** The index just after the DOCTYPE's closing '>', skipping quoted strings, comments and PIs of the subset. */
    private static int doctypeEnd(String text, int from) {
        int depth = 0;
        int n = text.length();
        int i = from;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int close = text.indexOf(c, i + 1);
                i = close < 0 ? n : close + 1;
            } else if (text.startsWith("<!--", i)) {
                i = after(text, "-->", i + 4);
            } else if (text.startsWith("<?", i)) {
                i = after(text, "?>", i + 2);
            } else if (c == '[') {
                depth++;
                i++;
            } else if (c == ']') {
                depth--;
                i++;
            } else if (c == '>' && depth <= 0) {
                return i + 1;
            } else {
                i++;
            }
        }
        return n;
    }

    private static Map<String, String> entities(CharSequence subsets) {
        Map<String, String> entities = new LinkedHashMap<>();
        Matcher m = ENTITY.matcher(subsets);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : m.group(3);
            boolean literal = value.length() <= MAX_ENTITY && value.indexOf('&') < 0 && value.indexOf('%') < 0
                    && value.indexOf('<') < 0;
            if (literal && !PREDEFINED.contains(m.group(1))) {
                entities.putIfAbsent(m.group(1), value.replace("\"", "&quot;").replace("'", "&apos;"));
            }
        }
        return entities;
    }

    /** Replaces {@code &name;} outside comments and CDATA sections. */
    private static String expand(String text, Map<String, String> entities) throws FeedParseException {
        StringBuilder out = new StringBuilder(text.length());
        long added = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int skipTo = text.startsWith("<!--", i) ? after(text, "-->", i + 4)
                    : text.startsWith("<![CDATA[", i) ? after(text, "]]>", i + 9) : -1;
            if (skipTo > 0) {
                out.append(text, i, skipTo);
                i = skipTo;
                continue;
            }
            if (c == '&') {
                int semi = text.indexOf(';', i + 1);
                String value = semi > 0 && semi - i <= 64 ? entities.get(text.substring(i + 1, semi)) : null;
                if (value != null) {
                    added += value.length();
                    if (added > MAX_EXPANSION) {
                        throw new FeedParseException("parse: entity expansion exceeds " + MAX_EXPANSION + " characters");
                    }
                    out.append(value);
                    i = semi + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int after(String text, String end, int from) {
        int at = text.indexOf(end, from);
        return at < 0 ? text.length() : at + end.length();
    }

    private static boolean isNameStart(String text, int i) {
        if (i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        return Character.isLetter(c) || c == '_' || c == ':';
    }
}
