package org.feedloom.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
        String legal = legalText(body);
        if (legal != null) {
            return XmlText.cleanLegal(legal);
        }
        String text = strictUtf8(body);
        return text == null ? XmlText.decode(body, contentType) : XmlText.clean(text);
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
     * The text of the bytes when they are valid UTF-8 holding no character {@link XmlText#dropIllegalChars} would
     * drop or {@link XmlText#demoronize} would replace (C0 controls but tab, LF and CR; U+0080..U+009F; U+FFFE and
     * U+FFFF), else null; without what {@link XmlText#cleanLegal} would take from the start of that text anyway
     * ({@link #declarationCut}). One pass over the bytes, eight at a time where they are printable ASCII, checking
     * and decoding together; the JDK's decoder reads a character at a time once the first non-ASCII byte is met,
     * and a feed that holds one typographic quote has one.
     */
    static String legalText(byte[] body) {
        int[] cut = declarationCut(body);
        char[] out = new char[body.length - cut[0] - (cut[2] - cut[1])];
        int o = decodeLegal(body, cut[0], cut[1], out, 0);
        if (o >= 0) {
            o = decodeLegal(body, cut[2], body.length, out, o);
        }
        return o < 0 ? null : new String(out, 0, o);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;

    /**
     * Decodes {@code b[from, to)} into {@code out} from {@code o} on: the index after the last character written, or
     * -1 when the bytes are not valid UTF-8 or decode to a character {@link #legalText} refuses. The work is done
     * {@value #CHUNK} bytes a call ({@link #decodeChunk}): a method called a few times a document and looping over
     * megabytes lives on the JIT's on-stack replacement, and when a document first takes a branch the compiled loop
     * had never seen (a CR, a multi-byte character) that code is thrown away and, on 2026-12-02, not compiled again
     * for seconds; the ingest benchmark's real-world captures spent a fifth of their time decoding in the
     * interpreter. A small method called thousands of times is compiled, and recompiled, as a method.
     */
    private static int decodeLegal(byte[] b, int from, int to, char[] out, int o) {
        int i = from;
        while (i < to && o >= 0) {
            long next = decodeChunk(b, i, Math.min(to, i + CHUNK), to, out, o);
            i = (int) (next >>> 32);
            o = (int) next;
        }
        return o;
    }

    private static final int CHUNK = 4096;

    /**
     * Decodes from {@code i} until at least {@code stop} (a character begun before it is finished, up to {@code to})
     * into {@code out} from {@code o} on; returns where it stopped in the bytes (high half) and in {@code out} (low
     * half), or -1 (both halves) when the bytes are refused.
     */
    private static long decodeChunk(byte[] b, int i, int stop, int to, char[] out, int o) {
        while (i < stop) {
            if (i + 8 <= to) {
                long x = (long) LONGS.get(b, i);
                if (((x | (x - SPACES)) & HIGH_BITS) == 0) { // eight bytes 0x20..0x7F (a lower byte's borrow is caught)
                    for (int k = 0; k < 8; k++) {
                        out[o + k] = (char) (x >>> (8 * k) & 0xFF);
                    }
                    o += 8;
                    i += 8;
                    continue;
                }
            }
            // a line break, a control or a multi-byte character among the next eight bytes: those one at a time
            for (int end = Math.min(to, i + 8); i < end; ) {
                int c = b[i] & 0xFF;
                if (c >= 0x20 && c < 0x80 || c == '\t' || c == '\n' || c == '\r') {
                    out[o++] = (char) c;
                    i++;
                } else if (c < 0x20) {
                    return -1L;
                } else {
                    int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
                    o = decodeSequence(b, i, n, to, out, o);
                    if (o < 0) {
                        return -1L;
                    }
                    i += n + 1;
                }
            }
        }
        return (long) i << 32 | o & 0xFFFFFFFFL;
    }

    /**
     * Decodes the {@code n + 1}-byte sequence at {@code i} (its lead byte at least 0x80) into {@code out} at
     * {@code o}: the index after it, or -1 when it is not UTF-8 or is a character {@link #legalText} refuses.
     */
    private static int decodeSequence(byte[] b, int i, int n, int to, char[] out, int o) {
        int c = b[i] & 0xFF;
        if (c < 0xC2 || c > 0xF4 || i + n >= to) {
            return -1; // a continuation byte first, an overlong two-byte form, beyond U+10FFFF, or cut short
        }
        int cp = c & (0x3F >> n);
        for (int k = 1; k <= n; k++) {
            int t = b[i + k] & 0xFF;
            if ((t & 0xC0) != 0x80) {
                return -1;
            }
            cp = cp << 6 | t & 0x3F;
        }
        // overlong forms, surrogates and beyond U+10FFFF are not UTF-8; C1 controls and the two non-characters
        // are refused
        if (cp < (n == 1 ? 0xA0 : n == 2 ? 0x800 : 0x10000) || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF
                || cp == 0xFFFE || cp == 0xFFFF) {
            return -1;
        }
        if (n == 3) {
            out[o++] = Character.highSurrogate(cp);
            out[o++] = Character.lowSurrogate(cp);
        } else {
            out[o++] = (char) cp;
        }
        return o;
    }

    /**
     * {@code {start, cutFrom, cutTo}}: where the text {@link XmlText#cleanLegal} keeps begins, after white space
     * before the XML declaration (tab, LF, CR and space; other white space is left to it), and the declaration's
     * encoding attribute it would take out ({@link XmlText#encodingDeclaration}, read here only from an ASCII
     * declaration, where bytes and characters are one to one), as a range of the bytes (empty when there is none).
     * Cut while decoding, the text is not copied twice more; the cleaned text is the same.
     */
    private static int[] declarationCut(byte[] body) {
        int start = 0;
        while (start < body.length && (body[start] == ' ' || body[start] == '\t' || body[start] == '\n'
                || body[start] == '\r')) {
            start++;
        }
        if (start == body.length || body[start] != '<') {
            // nothing to cut (a BOM after the white space would be taken as one once it went)
            return new int[] {0, body.length, body.length};
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
        return drop == null ? new int[] {start, body.length, body.length}
                : new int[] {start, start + drop[0], start + drop[1]};
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
