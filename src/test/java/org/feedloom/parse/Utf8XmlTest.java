package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import java.util.Random;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Utf8Xml decodes every document to the same text as XmlText. */
class Utf8XmlTest {
    /**
     * The one-pass decoder against the JDK's strict decoder on random bytes: mostly printable ASCII with tabs and
     * line breaks, and every kind of byte a UTF-8 decoder must judge (continuation bytes, lead bytes of each length,
     * C0 and C1 controls, surrogates, overlong forms, non-characters, the largest code points), at every alignment;
     * one document in ten long enough (up to about 12 KB) that characters and refusals fall across the decoder's
     * 4 KB steps, made of the legal pieces but for a few, so that most are read to their end.
     */
    @Test
    void randomBytes_decodeAsTheStrictDecoderOrAreRefused() {
        Random random = new Random(20261202);
        byte[][] pieces = {
            "a".getBytes(StandardCharsets.UTF_8), "\t".getBytes(StandardCharsets.UTF_8),
            "\n".getBytes(StandardCharsets.UTF_8), "\r".getBytes(StandardCharsets.UTF_8),
            "\u007f".getBytes(StandardCharsets.UTF_8), "\u00e9".getBytes(StandardCharsets.UTF_8),
            "\u00a0".getBytes(StandardCharsets.UTF_8), "\u2019".getBytes(StandardCharsets.UTF_8),
            "\ud83d\ude00".getBytes(StandardCharsets.UTF_8), "\ufffd".getBytes(StandardCharsets.UTF_8), // legal up to here
            {0x01}, {0x1F}, {(byte) 0xC2, (byte) 0x85}, {(byte) 0xC2, (byte) 0x9F}, {(byte) 0xC2},
            {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xBF},
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xEF, (byte) 0xBF, (byte) 0xBE}, {(byte) 0xEF, (byte) 0xBF, (byte) 0xBF},
            {(byte) 0xEF, (byte) 0xBF}, {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF},
            {(byte) 0xF4, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF},
        };
        for (int round = 0; round < 20_000; round++) {
            var bytes = new java.io.ByteArrayOutputStream();
            bytes.write('x'); // no leading white space or declaration to cut
            boolean longDocument = round % 10 == 0;
            int length = random.nextInt(longDocument ? 4000 : 40);
            for (int k = 0; k < length; k++) {
                int r = random.nextInt(100);
                if (r < 70) {
                    bytes.write(' ' + random.nextInt(95));
                } else {
                    boolean legalOnly = longDocument && random.nextInt(500) != 0;
                    bytes.writeBytes(pieces[random.nextInt(legalOnly ? LEGAL_PIECES : pieces.length)]);
                }
            }
            byte[] body = bytes.toByteArray();
            String strict = strict(body);
            boolean legal = strict != null && strict.chars().allMatch(c -> c >= 0x20 && c < 0x80 || c == '\t'
                    || c == '\n' || c == '\r' || c >= 0xA0 && c < 0xFFFE);
            assertEquals(legal ? strict : null, Utf8Xml.legalText(body), java.util.HexFormat.of().formatHex(body));
        }
    }

    private static final int LEGAL_PIECES = 10;

    private static String strict(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    @TestFactory
    Stream<DynamicTest> corpus_decodesAsXmlText() throws Exception {
        return CorpusTest.manifest().stream().map(r -> DynamicTest.dynamicTest(r.path(), () -> {
            byte[] body = CorpusTest.bytes(r.path());
            for (String type : new String[] {r.contentType(), null, "application/rss+xml; charset=utf-8",
                    "text/xml; charset=UTF-8", "application/xml", "application/atom+xml", "application/rss+xml",
                    "text/xml", "text/html; charset=iso-8859-1"}) {
                assertEquals(XmlText.decode(body, type), Utf8Xml.decode(body, type), r.path() + " as " + type);
            }
        }));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>caf\u00e9</title></channel></rss>",
        "  \n<?xml version='1.0' encoding='utf-8' ?><feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x \"y\">]><rss version=\"2.0\">&x;</rss>",
        "<!-- c --><!DOCTYPE rss PUBLIC \"a\" \"b\"><rss/>",
        "<rss><channel><description>&lt;!DOCTYPE html&gt; <![CDATA[<!DOCTYPE x>]]></description></channel></rss>",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><title>caf\u00e9</title></rss>",
        "<rss>\u0001\u0008 control</rss>",
        "<rss version=\"2.0\"><channel><title>no declaration, caf\u00e9</title></channel></rss>",
        "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss>\u201cq\u201d</rss>",
        "<rss>raw C1: \u0085 \u0092 \u009f, not C1: \u00a0 \u00c2</rss>",
        "<rss>&#146; &#x92; &#150;s and a raw \u0092 together</rss>",
        "<rss>non-characters \ufffe \uffff, not them: \ufffd \uffef \ud83d\ude00</rss>",
        "<rss>tab\t, CR\r, LF\n and DEL\u007f are allowed; \u001f is not</rss>",
        "<rss>\u00e9\u0001 a control after a non-ASCII character</rss>",
        "\r\n\t <?xml version=\"1.0\"  encoding = 'UTF-8' standalone=\"yes\"?><rss><title>caf\u00e9</title></rss>",
        "<?xml version=\"1.0\" encoding=\"utf-8\" encoding=\"x\"?><rss>two encodings, caf\u00e9</rss>",
        "<?xml version=\"1.0\" a=\">\" encoding=\"utf-8\"?><rss>a \u003e in the declaration, caf\u00e9</rss>",
        " \ufeff<?xml version=\"1.0\" encoding=\"utf-8\"?><rss>a BOM after white space, caf\u00e9</rss>",
        "\u2028<?xml version=\"1.0\" encoding=\"utf-8\"?><rss>other white space first, caf\u00e9</rss>",
        "<?xml version=\"1.0\"?><rss encoding=\"utf-8\">no encoding in the declaration, caf\u00e9</rss>",
        "<?xml version=\"1.0\" encoding=\"utf-8\"><rss>a declaration never closed, caf\u00e9</rss>",
    })
    void documents_decodeAsXmlText(String doc) throws Exception {
        for (String charset : new String[] {"UTF-8", "ISO-8859-1", "windows-1252"}) {
            byte[] body = doc.getBytes(java.nio.charset.Charset.forName(charset));
            for (String type : new String[] {null, "application/rss+xml; charset=utf-8", "text/xml", "application/xml",
                    "application/atom+xml"}) {
                assertEquals(XmlText.decode(body, type), Utf8Xml.decode(body, type), charset + " / " + type);
            }
        }
        byte[] utf8 = doc.getBytes(StandardCharsets.UTF_8);
        boolean clean = doc.chars().allMatch(c -> (c >= 0x20 && c < 0x80 || c == '\t' || c == '\n' || c == '\r'
                || c >= 0xA0 && c < 0xFFFE));
        assertEquals(clean, Utf8Xml.legalText(utf8) != null, "decoded by the one-pass decoder");
        byte[] bom = ("\uFEFF" + doc).getBytes(StandardCharsets.UTF_8);
        assertEquals(XmlText.decode(bom, null), Utf8Xml.decode(bom, null));
    }
}
