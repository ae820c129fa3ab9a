package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text escaped as HTML in one pass is what replacing the three markup characters one after the other gave. */
class ExtensionsTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a & b", "<p>x</p>", "&lt; stays &amp;lt;", "&&<<>>", "caf\u00e9 \u2019 <", ">"})
    void escape_isTheThreeReplacements(String text) {
        assertEquals(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), Extensions.escape(text));
    }

    @Test
    void escape_plainText_isTheSameString() {
        String text = "nothing to escape";
        assertSame(text, Extensions.escape(text));
        assertNull(Extensions.escape(null));
    }
}
