package org.feedloom.parse;

import com.rometools.rome.io.impl.XmlFixerReader;
import java.io.IOException;
import java.io.Reader;

/**
 * What ROME's {@link XmlFixerReader} does to a feed before it is parsed, done once for both paths: HTML entities
 * such as {@code &nbsp;} become character references, a bare {@code &} becomes {@code &amp;}, the entities it
 * knows are rewritten inside CDATA sections too ({@code &amp;} there becomes the text {@code &#38;}), and
 * comments before the first element go.
 *
 * <p>The fixer reads one character at a time and looks every entity up, so it runs only where it changes what the
 * parsers read. Where every {@code &} outside CDATA sections starts one of XML's five entities or a character
 * reference (which it would only rewrite as an equal reference), and no comment comes first, the text outside
 * the sections is left as it is, and only the CDATA sections holding an {@code &name;} go through the fixer, each
 * on its own (the fixer starts each section in the same state, whatever precedes it, when what precedes it is
 * clean). Otherwise the whole text goes through it. {@code XmlEntitiesTest} checks that the parsers read the
 * result as they read the fixer's output of the whole text. Pure.
 */
final class XmlEntities {
    /** Put before a section fed to the fixer alone, so that its leading-comment trimming leaves the section be. */
    private static final String SENTINEL = "<x>";

    private XmlEntities() {}

    /** The text as the parsers are to read it. */
    static String fix(String text) {
        if (text.startsWith("<!--") || !text.isEmpty() && " \n\r\t".indexOf(text.charAt(0)) >= 0) {
            return fixer(text); // the fixer drops leading space and comments
        }
        StringBuilder out = null;
        int copied = 0;
        int start = text.indexOf("<![CDATA[");
        int end = start < 0 ? -1 : text.indexOf("]]>", start);
        for (int amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', amp + 1)) {
            while (start >= 0 && end >= 0 && end < amp) { // that section ends before: the next one
                start = text.indexOf("<![CDATA[", end);
                end = start < 0 ? -1 : text.indexOf("]]>", start);
            }
            if (start >= 0 && end < 0) {
                return fixer(text); // an unclosed section: the parser fails, the fixer decides how
            }
            boolean inCdata = start >= 0 && amp > start && amp < end;
            if (!inCdata && !isXmlReference(text, amp)) {
                return fixer(text);
            }
            if (inCdata && isNamedEntity(text, amp)) {
                out = out == null ? new StringBuilder(text.length() + 64) : out;
                out.append(text, copied, start).append(fixer(SENTINEL + text.substring(start, end + 3)).substring(3));
                copied = end + 3;
                amp = end + 2;
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** {@code &name;} (letters and digits): inside a CDATA section, the fixer rewrites those it knows. */
    private static boolean isNamedEntity(String text, int at) {
        int i = at + 1;
        if (i >= text.length() || !isAsciiLetter(text.charAt(i))) {
            return false;
        }
        while (i < text.length() && (isAsciiLetter(text.charAt(i)) || isAsciiDigit(text.charAt(i)))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == ';';
    }

    /** {@code &amp; &lt; &gt; &quot; &apos;} or a decimal or hexadecimal character reference at {@code at}. */
    private static boolean isXmlReference(String text, int at) {
        if (text.startsWith("amp;", at + 1) || text.startsWith("lt;", at + 1) || text.startsWith("gt;", at + 1)
                || text.startsWith("quot;", at + 1) || text.startsWith("apos;", at + 1)) {
            return true;
        }
        int i = at + 1;
        if (i >= text.length() || text.charAt(i) != '#') {
            return false;
        }
        boolean hex = i + 1 < text.length() && text.charAt(i + 1) == 'x';
        int start = hex ? i + 2 : i + 1;
        int end = start;
        while (end < text.length() && (isAsciiDigit(text.charAt(end))
                || hex && "abcdefABCDEF".indexOf(text.charAt(end)) >= 0)) {
            end++;
        }
        return end > start && end < text.length() && text.charAt(end) == ';';
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The text read through ROME's fixer, the whole of it. */
    static String fixer(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        try (Reader fixer = new XmlFixerReader(new Chars(text))) {
            char[] buf = new char[8192];
            for (int n; (n = fixer.read(buf, 0, buf.length)) > 0; ) {
                out.append(buf, 0, n);
            }
        } catch (IOException e) {
            throw new IllegalStateException("parse: reading a string failed", e); // a string reader does not fail
        }
        return out.toString();
    }

    /** A reader over a string without the lock {@link java.io.StringReader} takes for every character. */
    private static final class Chars extends Reader {
        private final String s;
        private int at;

        Chars(String s) {
            this.s = s;
        }

        @Override
        public int read() {
            return at < s.length() ? s.charAt(at++) : -1;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (at >= s.length()) {
                return -1;
            }
            int n = Math.min(len, s.length() - at);
            s.getChars(at, at + n, buf, off);
            at += n;
            return n;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
