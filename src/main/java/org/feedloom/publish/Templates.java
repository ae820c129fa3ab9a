package org.feedloom.publish;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The page templates under {@code /templates/} on the class path; every value HTML-escaped by the engine. */
final class Templates {
    private static final Mustache.Compiler COMPILER = Mustache.compiler().escapeHTML(true).defaultValue("")
            .withLoader(Templates::reader);

    private Templates() {}

    /** The compiled template {@code name} (partials such as {@code head} resolved from the same folder). */
    static Template compile(String name) {
        return compile(name, Escapers.HTML);
    }

    /** The compiled template {@code name}, its values escaped by {@code escaper}. */
    static Template compile(String name, Mustache.Escaper escaper) {
        try (Reader r = reader(name)) {
            return COMPILER.withEscaper(escaper).compile(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of template {@code name}, as it is on the class path. */
    static String source(String name) {
        try (Reader r = reader(name)) {
            StringBuilder text = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = r.read(buf)) > 0; ) {
                text.append(buf, 0, n);
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader reader(String name) {
        InputStream in = Templates.class.getResourceAsStream("/templates/" + name + ".mustache");
        if (in == null) {
            throw new IllegalStateException("publish: missing template " + name);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
