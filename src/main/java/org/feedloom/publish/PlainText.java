package org.feedloom.publish;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/**
 * Excerpts arrive as plain text (seeds) or as sanitised HTML (feeds); formats that want text get it from here.
 * Pure; thread-safe.
 */
final class PlainText {
    private static final Pattern HTML_TAG = Pattern.compile("<[a-zA-Z!/][^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);");

    private PlainText() {}

    /** True if the value has markup that a reader must render as HTML. */
    static boolean hasMarkup(String value) {
        return HTML_TAG.matcher(value).find();
    }

    /** The text a person reads: tags dropped, entities decoded ({@code AT&amp;T} → {@code AT&T}). */
    static String of(String value) {
        if (!hasMarkup(value) && !ENTITY.matcher(value).find()) {
            return value;
        }
        return Jsoup.parse(value).text();
    }
}
