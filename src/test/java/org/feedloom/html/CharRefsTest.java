package org.feedloom.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.jsoup.nodes.Entities;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The common references' shortcut gives what jsoup's table gives. */
class CharRefsTest {
    @ParameterizedTest
    @ValueSource(strings = {"amp", "lt", "gt", "quot", "apos", "nbsp", "rsquo", "lsquo", "rdquo", "ldquo", "mdash",
        "ndash", "hellip", "copy"})
    void common_isJsoupsValue(String name) {
        assertEquals(Entities.getByName(name), CharRefs.common(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eacute", "AMP", "Amp", "nbs", ""})
    void others_areLeftToJsoupsTable(String name) {
        assertNull(CharRefs.common(name));
    }
}
