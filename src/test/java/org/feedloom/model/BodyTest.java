package org.feedloom.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.feedloom.testing.TextRows;
import org.junit.jupiter.api.Test;

/**
 * A body is equal by content whether it holds its text or has let it go, is let go only once the store keeps it,
 * and reads the store's row once let go.
 */
class BodyTest {
    @Test
    void aReleasedBody_readsItsRow_andStaysEqualToAHeldOneOfTheSameText() {
        TextRows rows = new TextRows();
        rows.put("s", "k", Body.Part.CONTENT, "<p>the body</p>");
        Body stored = Body.of("<p>the body</p>");
        Body held = Body.of(new String("<p>the body</p>")); // another string of the same text
        stored.storedAt(rows, "s", "k", Body.Part.CONTENT);
        stored.release();
        assertFalse(stored.held());
        assertEquals(held, stored);
        assertEquals(stored, held);
        assertEquals(held.hashCode(), stored.hashCode());
        assertEquals(0, rows.reads(), "compared by length and hash, not read");
        assertEquals(15, stored.length());
        assertEquals("<p>the body</p>", stored.text());
        assertEquals(1, rows.reads());
    }

    @Test
    void aBodyTheStoreDoesNotKeep_keepsItsText_whenReleased() {
        Body body = Body.of("<p>a seed's body</p>");
        body.release();
        assertTrue(body.held());
        assertEquals("<p>a seed's body</p>", body.text());
    }

    @Test
    void aBodyWhoseRowIsGone_readsNothing() {
        Body body = Body.of("<p>gone</p>");
        body.storedAt(new TextRows(), "s", "k", Body.Part.CONTENT);
        body.release();
        assertNull(body.text());
        assertEquals("<11 chars, in the store>", body.toString());
    }

    @Test
    void bodiesOfOtherTexts_differ_heldOrReleased() {
        Random random = new Random(3);
        TextRows rows = new TextRows();
        for (int i = 0; i < 2_000; i++) {
            String a = text(random);
            String b = random.nextInt(4) == 0 ? a : text(random);
            Body one = Body.of(a);
            Body other = Body.of(b);
            if (random.nextBoolean()) {
                one.storedAt(rows, "s", "k" + i, Body.Part.CONTENT);
                one.release();
            }
            assertEquals(a.equals(b), one.equals(other), a + " / " + b);
            assertEquals(a.equals(b), other.equals(one), b + " / " + a);
        }
        assertEquals(0, rows.reads());
    }

    @Test
    void anItemsBody_isStrippedAndBlankIsNone_butAReleasedOneIsTakenAsItIs() {
        Item item = Item.ofFeed("source:s", "https://example.com/a", "A");
        assertEquals("<p>x</p>", with(item, Body.of("  <p>x</p>\n")).content());
        assertNull(with(item, Body.of(" \n ")).body());
        Body released = Body.of("<p>y</p>");
        released.storedAt(new TextRows(), "s", "k", Body.Part.CONTENT);
        released.release();
        assertSame(released, with(item, released).body(), "not read to be stripped");
        assertNotEquals(Body.of("<p>x</p>"), Body.of("<p>y</p>"));
    }

    private static Item with(Item i, Body body) {
        return new Item(i.origin(), i.provenance(), i.urls(), i.title(), i.excerptBody(), body, i.published(),
                i.updated(), i.provider(), i.topics(), i.categories(), i.images(), i.related(), i.author(), i.feed(),
                i.facts(), i.webUrl(), i.originalUrl());
    }

    private static String text(Random random) {
        List<String> words = List.of("pier", "harbour", "<p>", "</p>", "council", "é", "€", " ");
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(6); n >= 0; n--) {
            s.append(words.get(random.nextInt(words.size())));
        }
        return s.toString();
    }
}
