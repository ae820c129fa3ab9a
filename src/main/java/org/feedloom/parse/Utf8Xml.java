package org.feedloom.parse;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@link XmlText#decode} for the common case, a UTF-8 document: no byte-order mark; no content type, an
 * application XML type without a charset, or a charset of UTF-8; an XML declaration that says UTF-8 or names no
 * encoding (or, with no content type or an application XML one, no declaration); and bytes that are valid UTF-8.
 * Such a document decodes the same whichever of the HTTP header, the BOM or the declaration is asked, so it is
 * decoded directly instead of through ROME's lenient reader, and its DOCTYPE is looked for only in the prolog,
 * where {@link Prolog#read} would act on it; the result is the same document. Everything else goes to
 * {@link XmlText#decode}. Thread-safe; pure.
 */
final class Utf8Xml {
    private static final Pattern DECLARED = Pattern.compile(
            "<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([^\"']*)[\"']");
    private static final Pattern APPLICATION_XML =
            Pattern.compile("(?i)\\s*application/(?:xml|rss\\+xml|atom\\+xml|rdf\\+xml)\\s*(?:;|$)");
    private static final Pattern CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)");

    private Utf8Xml() {}

    /** The same text as {@link XmlText#decode}{@code (body, contentType)}. */
    static XmlDoc decode(byte[] body, String contentType) throws FeedParseException {
        if (!isUtf8Document(body, contentType)) {
            return XmlText.decode(body, contentType);
        }
        int scan = scan(body);
        byte[] bytes = scan == ILLEGAL ? body : withoutDeclaredEncoding(body);
        String text = scan == ASCII ? new String(bytes, StandardCharsets.ISO_8859_1) : strictUtf8(bytes);
        if (text == null) {
            return XmlText.decode(body, contentType);
        }
        return scan == ILLEGAL ? XmlText.clean(text) : XmlText.cleanLegal(text);
    }

    /** {@link #scan}: a byte or sequence that decodes to a C0 or C1 control, U+FFFE or U+FFFF. */
    static final int ILLEGAL = 0;
    /** {@link #scan}: only ASCII, none of it a control but tab, LF and CR. */
    static final int ASCII = 1;
    /** {@link #scan}: not only ASCII, and nothing {@link #ILLEGAL} (if the bytes are valid UTF-8). */
    static final int LEGAL = 2;

    /**
     * One pass over the bytes, instead of two over the decoded characters: whether the text, if the bytes are
     * valid UTF-8, holds a character {@link XmlText#dropIllegalChars} would drop or {@link XmlText#demoronize}
     * would replace (C0 controls but tab, LF and CR; U+0080..U+009F, which UTF-8 writes C2 80..C2 9F; U+FFFE and
     * U+FFFF, EF BF BE and EF BF BF; valid UTF-8 has no lone surrogate), and whether it is all ASCII.
     */
    static int scan(byte[] b) {
        boolean ascii = true;
        for (int i = 0; i < b.length; i++) {
            byte c = b[i];
            if (c >= 0x20) {
                continue;
            }
            if (c >= 0) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return ILLEGAL;
                }
                continue;
            }
            ascii = false;
            if (c == (byte) 0xC2 && i + 1 < b.length && (b[i + 1] & 0xff) <= 0x9F) {
                return ILLEGAL;
            }
            if (c == (byte) 0xEF && i + 2 < b.length && b[i + 1] == (byte) 0xBF
                    && (b[i + 2] == (byte) 0xBE || b[i + 2] == (byte) 0xBF)) {
                return ILLEGAL;
            }
        }
        return ascii ? ASCII : LEGAL;
    }

    private static boolean isUtf8Document(byte[] body, String contentType) {
        if (body.length >= 2 && ((body[0] & 0xff) >= 0xFE || (body[0] & 0xff) == 0xEF || body[0] == 0 || body[1] == 0)) {
            return false; // a BOM, or UTF-16/32 without one
        }
        boolean bare = contentType == null; // nothing but the document says what its encoding is
        if (contentType != null) {
            var m = CHARSET.matcher(contentType);
            if (m.find()) {
                if (!m.group(1).equalsIgnoreCase("utf-8")) {
                    return false;
                }
            } else if (APPLICATION_XML.matcher(contentType).lookingAt()) {
                bare = true; // application XML without a charset: the BOM, then the declaration, then UTF-8
            } else {
                return false;
            }
        }
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1).stripLeading();
        if (!head.startsWith("<?xml")) {
            return bare && head.startsWith("<");
        }
        int end = head.indexOf("?>");
        if (end < 0) {
            return false;
        }
        var m = DECLARED.matcher(head.substring(0, end));
        return !m.find() || m.group(1).strip().toLowerCase(Locale.ROOT).equals("utf-8");
    }

    /**
     * The bytes without what {@link XmlText#cleanLegal} would take from the start of their text anyway: white space
     * before the XML declaration (tab, LF, CR and space; other white space is left to it) and the declaration's
     * encoding attribute ({@link XmlText#encodingDeclaration}, read here only from an ASCII declaration, where bytes
     * and characters are one to one). Cut from the bytes, the text is decoded once, not copied twice more; the
     * cleaned text is the same.
     */
    static byte[] withoutDeclaredEncoding(byte[] body) {
        int start = 0;
        while (start < body.length && (body[start] == ' ' || body[start] == '\t' || body[start] == '\n'
                || body[start] == '\r')) {
            start++;
        }
        if (start == body.length || body[start] != '<') {
            return body; // (a BOM after the white space would be taken as one once it went)
        }
        int end = start;
        while (end < body.length && end - start < 1024 + 2 && body[end] > 0 && body[end] != '>') {
            end++;
        }
        String head = end < body.length && body[end] == '>'
                ? new String(body, start, end + 1 - start, StandardCharsets.ISO_8859_1) : null;
        int[] drop = head == null ? null : XmlText.encodingDeclaration(head);
        if (drop != null && XmlText.encodingDeclaration(head.substring(0, drop[0]) + head.substring(drop[1])) != null) {
            drop = null; // a second encoding attribute: the text's own cut takes only the first, as it always has
        }
        if (drop == null) {
            return start == 0 ? body : java.util.Arrays.copyOfRange(body, start, body.length);
        }
        byte[] out = new byte[body.length - start - (drop[1] - drop[0])];
        System.arraycopy(body, start, out, 0, drop[0]);
        System.arraycopy(body, start + drop[1], out, drop[0], body.length - start - drop[1]);
        return out;
    }

    /**
     * The text of valid UTF-8, or null. The JDK's own decoding into a string is the fast one, but it replaces what
     * is not UTF-8 with U+FFFD; only when the result holds one (rare: a malformed body, or one that writes U+FFFD)
     * does a strict decoder decide.
     */
    private static String strictUtf8(byte[] body) {
        String fast = new String(body, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return fast;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

}
