package org.feedloom.parse;

import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns feed bytes into XML text that is safe to hand to a parser: decoded (a UTF-32 or UTF-16 byte order mark
 * or XML autodetection pattern first; else ROME's lenient {@link XmlReader} with the HTTP charset, the BOM and
 * the XML declaration; falling back to UTF-8 and then windows-1252), C1 control characters read as the
 * windows-1252 punctuation they almost always are, the DOCTYPE in the prolog removed with its internal subset
 * (so no DTD, external entity or entity expansion is ever processed; see {@link Prolog}), and characters that
 * XML 1.0 forbids (NUL and other controls) dropped. Pure.
 */
final class XmlText {
    private static final Pattern ENCODING_ATTR = Pattern.compile("\\s+encoding\\s*=\\s*[\"'][^\"']*[\"']");
    private static final Charset CP1252 = Charset.forName("windows-1252");

    private XmlText() {}

    static XmlDoc decode(byte[] body, String contentType) throws FeedParseException {
        String text = unicodeByPattern(body);
        if (text == null) {
            try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
                text = readAll(reader);
            } catch (IOException | RuntimeException e) {
                text = bestEffort(body);
            }
        }
        return clean(text);
    }

    /**
     * What every decoded document goes through before it is parsed: C1 controls read as windows-1252 and
     * characters XML forbids dropped, the BOM and leading whitespace dropped, the encoding declaration removed
     * (the text is decoded already), and the prolog read once ({@link Prolog#read}: any DOCTYPE removed, where the
     * root element starts).
     */
    static XmlDoc clean(String decoded) throws FeedParseException {
        return cleanLegal(dropIllegalChars(demoronizeRaw(decoded)));
    }

    /**
     * {@link #clean} of a text known to hold no raw C1 control and no character XML 1.0 forbids (see
     * {@link Utf8Xml#scan}), for which the two passes over every character would change nothing.
     */
    static XmlDoc cleanLegal(String decoded) throws FeedParseException {
        String text = decoded.startsWith("\uFEFF") ? decoded.substring(1) : decoded;
        text = text.stripLeading(); // whitespace before the XML declaration is common in the wild
        text = dropEncodingDeclaration(text);
        return Prolog.read(demoronizeReferences(text));
    }

    /**
     * Text of a body whose BOM or first four bytes (XML 1.0 appendix F) say UTF-32 or UTF-16; null for every
     * other body. Those patterns cannot occur in an ASCII-compatible encoding, so they win over any declaration.
     */
    static String unicodeByPattern(byte[] b) {
        if (b.length < 4) {
            return null;
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        int b2 = b[2] & 0xff;
        int b3 = b[3] & 0xff;
        String charset = null;
        int skip = 0;
        if (b0 == 0 && b1 == 0 && b2 == 0xFE && b3 == 0xFF) {
            charset = "UTF-32BE";
            skip = 4;
        } else if (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0) {
            charset = "UTF-32LE";
            skip = 4;
        } else if (b0 == 0xFE && b1 == 0xFF) {
            charset = "UTF-16BE";
            skip = 2;
        } else if (b0 == 0xFF && b1 == 0xFE) {
            charset = "UTF-16LE";
            skip = 2;
        } else if (b0 == 0 && b1 == 0 && b2 == 0 && b3 == '<') {
            charset = "UTF-32BE";
        } else if (b0 == '<' && b1 == 0 && b2 == 0 && b3 == 0) {
            charset = "UTF-32LE";
        } else if (b0 == 0 && b1 == '<' && b2 == 0 && b3 == '?') {
            charset = "UTF-16BE";
        } else if (b0 == '<' && b1 == 0 && b2 == '?' && b3 == 0) {
            charset = "UTF-16LE";
        }
        return charset == null ? null : new String(b, skip, b.length - skip, Charset.forName(charset));
    }

    private static String bestEffort(byte[] body) {
        String utf8 = new String(body, StandardCharsets.UTF_8);
        return utf8.indexOf('\uFFFD') < 0 ? utf8 : new String(body, CP1252);
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[16 * 1024];
        for (int n; (n = reader.read(buf)) > 0; ) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    /** The text is decoded now: an encoding in the XML declaration would only mislead the parser. */
    static String dropEncodingDeclaration(String text) {
        int[] drop = encodingDeclaration(text);
        return drop == null ? text : text.substring(0, drop[0]) + text.substring(drop[1]);
    }

    /**
     * Where {@link #dropEncodingDeclaration} cuts: the start and end of the encoding attribute (with the white space
     * before it) in an XML declaration at the start of {@code text} that ends within its first 1,024 characters;
     * null when there is none. {@code text} may be only the start of the document (at least up to {@code ?>}).
     */
    static int[] encodingDeclaration(CharSequence text) {
        if (text.length() < 5 || !"<?xml".contentEquals(text.subSequence(0, 5))) {
            return null;
        }
        int end = indexOf(text, "?>", Math.min(text.length(), 1024 + 2));
        if (end < 0) {
            return null;
        }
        Matcher m = ENCODING_ATTR.matcher(text).region(0, end);
        return m.find() ? new int[] {m.start(), m.end()} : null;
    }

    private static int indexOf(CharSequence text, String s, int limit) {
        for (int i = 0; i + s.length() <= limit; i++) {
            if (text.charAt(i) == s.charAt(0) && text.charAt(i + 1) == s.charAt(1)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * "Demoronizing", as browsers and feed readers do: the C1 controls U+0080..U+009F (raw, or as numeric
     * character references) in a feed are windows-1252 bytes mislabelled as Latin-1 or Unicode, so they become
     * the punctuation they stand for (0x92 → U+2019). The five codes windows-1252 leaves undefined stay as they are.
     */
    static String demoronize(String text) {
        return demoronizeRaw(demoronizeReferences(text));
    }

    /**
     * The numeric character references part of {@link #demoronize} (what it writes is never a raw C1 control): each
     * {@code &#128;} to {@code &#159;} and {@code &#x80;} to {@code &#x9F;} (leading zeros allowed, {@code x} in
     * either case) that windows-1252 defines becomes the reference to its character. Read by hand, not by a
     * pattern: this runs over every decoded feed, and a pattern that starts with {@code &#} is tried at every
     * character of it.
     */
    static String demoronizeReferences(String text) {
        StringBuilder sb = null;
        int copied = 0;
        for (int at = text.indexOf("&#"); at >= 0; ) {
            int end = c1ReferenceEnd(text, at);
            if (end < 0) {
                at = text.indexOf("&#", at + 2);
                continue;
            }
            boolean hex = (text.charAt(at + 2) | 0x20) == 'x';
            int code = Integer.parseInt(text, end - (hex ? 3 : 4), end - 1, hex ? 16 : 10);
            char c = cp1252(code);
            if (c != code) {
                sb = sb == null ? new StringBuilder(text.length()) : sb;
                sb.append(text, copied, at).append("&#").append((int) c).append(';');
                copied = end;
            }
            at = text.indexOf("&#", end);
        }
        return sb == null ? text : sb.append(text, copied, text.length()).toString();
    }

    /**
     * The index after the reference to a C1 control at {@code at} (an {@code &#}), or -1 when there is none:
     * {@code &#}, any zeros, then {@code 128} to {@code 159}, or {@code x} or {@code X}, any zeros, then {@code 80} to
     * {@code 9F} in hexadecimal digits of either case; then {@code ;}.
     */
    private static int c1ReferenceEnd(String text, int at) {
        int n = text.length();
        int i = at + 2;
        boolean hex = i < n && (text.charAt(i) | 0x20) == 'x';
        i = hex ? i + 1 : i;
        while (i < n && text.charAt(i) == '0') {
            i++;
        }
        int digits = hex ? 2 : 3;
        if (i + digits >= n || text.charAt(i + digits) != ';') {
            return -1;
        }
        char a = text.charAt(i);
        char b = text.charAt(i + 1);
        boolean c1 = hex ? (a == '8' || a == '9') && Character.digit(b, 16) >= 0 && b < 0x80
                : a == '1' && (b == '2' && (text.charAt(i + 2) == '8' || text.charAt(i + 2) == '9')
                        || b >= '3' && b <= '5' && text.charAt(i + 2) >= '0' && text.charAt(i + 2) <= '9');
        return c1 ? i + digits + 1 : -1;
    }

    /** The raw characters part of {@link #demoronize}. */
    static String demoronizeRaw(String out) {
        StringBuilder sb = null;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                if (sb == null) {
                    sb = new StringBuilder(out);
                }
                sb.setCharAt(i, cp1252(c));
            }
        }
        return sb == null ? out : sb.toString();
    }

    /** The windows-1252 character of byte {@code code} (0x80..0x9F), or the code itself where it has none. */
    private static char cp1252(int code) {
        char c = new String(new byte[] {(byte) code}, CP1252).charAt(0);
        return c == '\uFFFD' ? (char) code : c;
    }

    /** Drops characters not allowed in XML 1.0 (C0 controls but tab, CR, LF; lone surrogates; U+FFFE/FFFF). */
    static String dropIllegalChars(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (!ok && out == null) {
                out = new StringBuilder(text.length());
                out.append(text, 0, i);
            } else if (ok && out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
