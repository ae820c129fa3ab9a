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
 * Turns feed bytes into XML text that is safe to hand to a parser: decoded with the charset from the HTTP header,
 * the BOM or the XML declaration (ROME's lenient {@link XmlReader}, falling back to UTF-8 and then windows-1252),
 * the DOCTYPE removed with its internal subset (so no DTD, external entity or entity expansion is ever
 * processed), and characters that XML 1.0 forbids (NUL and other controls) dropped. Pure.
 */
final class XmlText {
    private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROOT_NAME = Pattern.compile("<([A-Za-z_][\\w.:-]*)");
    private static final Pattern ENCODING_DECL = Pattern.compile("(<\\?xml[^>]*?)\\s+encoding\\s*=\\s*[\"'][^\"']*[\"']");

    private XmlText() {}

    static String decode(byte[] body, String contentType) {
        String text;
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
            text = readAll(reader);
            String enc = reader.getEncoding() == null ? "" : reader.getEncoding().toUpperCase(java.util.Locale.ROOT);
            if ((enc.equals("ISO-8859-1") || enc.equals("US-ASCII")) && hasC1Controls(text)) {
                // as browsers do: bytes 0x80-0x9F in "Latin-1" text are windows-1252 punctuation (curly quotes)
                text = new String(body, Charset.forName("windows-1252"));
            }
        } catch (IOException | RuntimeException e) {
            text = bestEffort(body);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.stripLeading(); // whitespace before the XML declaration is common in the wild
        // the text is decoded now: an encoding declaration would only mislead the parser
        text = ENCODING_DECL.matcher(text).replaceFirst("$1");
        return dropIllegalChars(stripDoctype(text));
    }

    private static boolean hasC1Controls(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                return true;
            }
        }
        return false;
    }

    private static String bestEffort(byte[] body) {
        String utf8 = new String(body, StandardCharsets.UTF_8);
        return utf8.indexOf('\uFFFD') < 0 ? utf8 : new String(body, Charset.forName("windows-1252"));
    }

    private static String readAll(Reader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[16 * 1024];
        for (int n; (n = reader.read(buf)) > 0; ) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    /** Removes {@code <!DOCTYPE ...>} including an internal subset in brackets. */
    static String stripDoctype(String text) {
        Matcher m = DOCTYPE.matcher(text);
        if (!m.find() || m.start() > rootStart(text)) {
            return text; // no DOCTYPE in the prolog (a "<!DOCTYPE" in content is content)
        }
        int start = m.start();
        int i = m.end();
        int depth = 0;
        char quote = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '>' && depth <= 0) {
                break;
            }
        }
        return text.substring(0, start) + (i < text.length() ? text.substring(i + 1) : "");
    }

    /** Where the root element starts: the first '<' followed by a name character, outside comments and PIs. */
    static int rootStart(String text) {
        int i = 0;
        while (i < text.length()) {
            int lt = text.indexOf('<', i);
            if (lt < 0 || lt + 1 >= text.length()) {
                return text.length();
            }
            char next = text.charAt(lt + 1);
            if (text.startsWith("<!--", lt)) {
                int end = text.indexOf("-->", lt + 4);
                i = end < 0 ? text.length() : end + 3;
            } else if (next == '?') {
                int end = text.indexOf("?>", lt + 2);
                i = end < 0 ? text.length() : end + 2;
            } else if (next == '!') {
                i = lt + 2; // a DOCTYPE: its end is found by the caller
            } else {
                return lt;
            }
        }
        return text.length();
    }

    /** The root element's name, or "" if there is none. */
    static String rootName(String text) {
        int start = rootStart(text);
        Matcher m = ROOT_NAME.matcher(text).region(Math.min(start, text.length()), text.length());
        return m.lookingAt() ? m.group(1) : "";
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
