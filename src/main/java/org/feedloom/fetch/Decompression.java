package org.feedloom.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/** Undoes a response's Content-Encoding (gzip, or deflate as zlib or raw), stopping at a cap. Pure; thread-safe. */
final class Decompression {
    private Decompression() {}

    /**
     * The body decoded.
     *
     * @throws IOException a {@code fetch: } line when the encoding is unknown or the decoded body exceeds {@code cap};
     *                     else the decoder's own message
     */
    static byte[] decode(byte[] body, String encoding, long cap) throws IOException {
        String e = encoding.strip().toLowerCase(Locale.ROOT);
        if (e.equals("identity") || e.isEmpty() || body.length == 0) {
            return body;
        }
        if (e.equals("gzip") || e.equals("x-gzip")) {
            return readCapped(new GZIPInputStream(new ByteArrayInputStream(body)), cap);
        }
        if (e.equals("deflate")) {
            boolean zlib = body.length > 1 && (body[0] & 0x0f) == 8 && (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % 31 == 0;
            return readCapped(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(!zlib)), cap);
        }
        throw new IOException("fetch: unsupported Content-Encoding '" + encoding + "'");
    }

    private static byte[] readCapped(InputStream in, long cap) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > cap) {
                    throw new IOException("fetch: body exceeds " + CappedBody.human(cap) + " after decompression");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }
}
