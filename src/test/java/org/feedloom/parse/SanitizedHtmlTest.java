package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.feedloom.html.HtmlSanitizer;
import org.junit.jupiter.api.Test;

/** Issue 12: HTML unchanged since the last fetch is not sanitised again, and the answer is the sanitiser's. */
class SanitizedHtmlTest {
    static final String BODY = "<p>" + "Some <a href=\"/rel\">text</a> &amp; <script>x()</script> more. ".repeat(20) + "</p>";

    @Test
    void sanitize_repeated_givesTheSanitisersAnswerForEachBaseAndPage() {
        for (int i = 0; i < 3; i++) {
            assertEquals(HtmlSanitizer.sanitize(BODY, "https://a.example.com/", null),
                    SanitizedHtml.sanitize(BODY, "https://a.example.com/", null));
            assertEquals(HtmlSanitizer.sanitize(BODY, "https://b.example.com/x/", "https://b.example.com/x/1"),
                    SanitizedHtml.sanitize(BODY, "https://b.example.com/x/", "https://b.example.com/x/1"));
        }
    }

    @Test
    void sanitize_nothingLeft_isNullEveryTime() {
        String scripts = "<script>x()</script>".repeat(60);
        assertNull(SanitizedHtml.sanitize(scripts, null, null));
        assertNull(SanitizedHtml.sanitize(scripts, null, null));
        assertNull(SanitizedHtml.sanitize(null, null, null));
    }
}
