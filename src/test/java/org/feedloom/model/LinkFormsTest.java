package org.feedloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Links written as a scheme, perhaps {@code www.}, the key and perhaps a slash are held as a marker of that form. */
class LinkFormsTest {
    private static final String KEY = "gazette.example/2026/bridge";

    @Test
    void everyFormOfTheKey_isHeldAsAMarker_andWrittenOutAsGiven() {
        for (String link : List.of("https://" + KEY, "http://" + KEY, "https://www." + KEY, "http://www." + KEY,
                "https://" + KEY + "/", "http://" + KEY + "/", "https://www." + KEY + "/", "http://www." + KEY + "/")) {
            String held = LinkForms.held(KEY, link);

            assertNotEquals(link, held, link);
            assertEquals(link, LinkForms.link(KEY, held));
        }
        // a form's marker is one object whatever the key
        assertSame(LinkForms.held(KEY, "https://www." + KEY + "/"),
                LinkForms.held("other.example/x", "https://www.other.example/x/"));
    }

    @Test
    void aLinkOfAnotherShape_isHeldAsItIs() {
        for (String link : List.of("https://gazette.example/2026/bridge?id=4", "https://gazette.example/2026/bridge#top",
                "https://gazette.example/2026/bridges", "https://m.gazette.example/2026/bridge",
                "https://gazette.example/2026/bridge//", "ftp://gazette.example/2026/bridge",
                "https://www.gazette.example/2026/bridge.html", "https://gazette.example/2026")) {
            assertSame(link, LinkForms.held(KEY, link), link);
            assertSame(link, LinkForms.link(KEY, link), link);
        }
    }

    @Test
    void aLinkWithTheMarkersText_isNeverTakenForOne() {
        String lookalike = new String("https://\u0000");
        String held = LinkForms.held(KEY, lookalike);

        assertSame(lookalike, held);
        assertEquals(lookalike, LinkForms.link(KEY, held));
        assertNotSame(LinkForms.held(KEY, "https://" + KEY), held);
    }
}
