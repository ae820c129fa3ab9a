package org.feedloom.publish;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.feedloom.model.StringBuilderWriter;

/**
 * The one way {@code publish} writes JSON: gson's streaming {@link JsonWriter}, compact, HTML-safe ({@code < > & = '}
 * are written as {@code \u003c}-style escapes, as are U+2028 and U+2029, so no document can close a script element
 * or be read as markup), members with a null value written as {@code null}. The result is UTF-8 ending in a newline.
 * Deterministic: the same calls give the same bytes, so the bytes can carry an ETag. Stateless; thread-safe.
 */
final class JsonDocument {
    private JsonDocument() {}

    /** Writes one JSON document with gson's writer; {@code body} writes exactly one value. */
    interface Body {
        void write(JsonWriter json) throws IOException;
    }

    static byte[] write(Body body) {
        StringBuilderWriter out = new StringBuilderWriter(4096);
        try (JsonWriter json = new JsonWriter(out)) {
            json.setHtmlSafe(true);
            json.setSerializeNulls(true);
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("publish: cannot write JSON", e); // writing into memory does not fail
        }
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An instant as {@link Instant#toString()} (full precision), or null. */
    static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
