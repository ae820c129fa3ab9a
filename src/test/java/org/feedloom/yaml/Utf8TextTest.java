package org.feedloom.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {
    @Test
    void utf8_isDecoded_withItsByteOrderMark() throws Exception {
        String text = "\uFEFFtitle: \u2018Caf\u00e9\u2019 \ud83d\ude00\nnext: line\n";
        assertEquals(text, Utf8Text.decode(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals("", Utf8Text.decode(new byte[0]));
    }

    @Test
    void theFirstByteThatIsNotUtf8_isFoundByLineAndColumn() {
        byte[] latin1 = "site:\n  title: Caf\u00e9\n  x: \u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Utf8Text.NotUtf8 e = assertThrows(Utf8Text.NotUtf8.class, () -> Utf8Text.decode(latin1));
        assertEquals(2, e.line());
        assertEquals("not UTF-8 text: the byte 0xE9 at column 13 is not; save the file as UTF-8", e.getMessage());
    }

    @Test
    void utf16_andASequenceCutShort_areNotUtf8() {
        byte[] utf16 = "site:\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withMark = new byte[utf16.length + 2];
        withMark[0] = (byte) 0xFF;
        withMark[1] = (byte) 0xFE;
        System.arraycopy(utf16, 0, withMark, 2, utf16.length);
        Utf8Text.NotUtf8 e = assertThrows(Utf8Text.NotUtf8.class, () -> Utf8Text.decode(withMark));
        assertEquals(1, e.line());
        assertEquals("not UTF-8 text: the byte 0xFF at column 1 is not; save the file as UTF-8", e.getMessage());

        byte[] euro = "a\nb: \u20ac".getBytes(StandardCharsets.UTF_8); // E2 82 AC, the last byte cut off
        byte[] cut = java.util.Arrays.copyOf(euro, euro.length - 1);
        e = assertThrows(Utf8Text.NotUtf8.class, () -> Utf8Text.decode(cut));
        assertEquals(2, e.line());
        assertEquals("not UTF-8 text: the byte 0xE2 at column 4 is not; save the file as UTF-8", e.getMessage());
    }
}
