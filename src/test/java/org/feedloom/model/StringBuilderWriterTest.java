package org.feedloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;

class StringBuilderWriterTest {
    /** Every way of writing, parts of arrays and strings included, as the JDK's StringWriter writes it. */
    private static String written(Writer w) throws IOException {
        w.write('a');
        w.write(new char[] {'x', 'b', 'c', 'y'}, 1, 2);
        w.write("zdefz", 1, 3);
        w.write("gh");
        w.append("ij").append('k').append("-lm-", 1, 3);
        try (JsonWriter json = new JsonWriter(w)) {
            json.beginObject().name("q\"uote").value("tab\tand \u00e9 \ud83d\ude00").endObject();
        }
        return w.toString();
    }

    @Test
    void writesWhatAStringWriterWrites() throws IOException {
        String expected = written(new StringWriter());
        assertEquals("abcdefghijklm{\"q\\\"uote\":\"tab\\tand \u00e9 \ud83d\ude00\"}", expected);
        assertEquals(expected, written(new StringBuilderWriter(4)));
    }
}
