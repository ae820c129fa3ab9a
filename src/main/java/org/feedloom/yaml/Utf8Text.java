package org.feedloom.yaml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a file Feedloom reads (configuration, seeds), decoded as UTF-8; where it is not UTF-8 (a file saved as
 * Latin-1 or UTF-16 by an editor set so), the line and column of the first byte that is not, for a
 * {@code file:line: message} a person can act on.
 */
public final class Utf8Text {
    private Utf8Text() {}

    /** The bytes at {@code line} (1-based), {@code column} (1-based, in bytes) are not UTF-8. */
    public static final class NotUtf8 extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        NotUtf8(int line, int column, int value) {
            super(String.format("not UTF-8 text: the byte 0x%02X at column %d is not; save the file as UTF-8", value,
                    column));
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /**
     * {@code bytes} as text; a leading byte order mark is kept (YAML reads it as one).
     *
     * @throws NotUtf8 at the first bytes that are not UTF-8
     */
    public static String decode(byte[] bytes) throws NotUtf8 {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length); // UTF-8 never decodes to more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw notUtf8(bytes, in.position());
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw notUtf8(bytes, in.position());
        }
        return out.flip().toString();
    }

    private static NotUtf8 notUtf8(byte[] bytes, int at) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new NotUtf8(line, at - lineStart + 1, at < bytes.length ? bytes[at] & 0xFF : 0);
    }
}
