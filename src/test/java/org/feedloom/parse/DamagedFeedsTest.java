package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.feedloom.model.Item;
import org.junit.jupiter.api.Test;

/**
 * Every feed of the corpus damaged the ways transfers and servers damage feeds (cut short, a run of bytes lost or
 * doubled, bytes flipped, markup and entities inserted, a text encoding's bytes where another's are declared): each
 * parses, giving items whose URLs are absolute http(s) URLs or, for an item without a link, {@code tag:} and
 * {@code urn:} ids (no {@code javascript:} or other active URL), or is refused with a one-line {@code parse:} message;
 * nothing else escapes the parser (an exception of another kind, a stack overflow). Seeded: a failure names the file,
 * the round and the damage.
 */
class DamagedFeedsTest {
    static final int ROUNDS = Integer.getInteger("damagedFeeds.rounds", 6);

    /** Inserted at a random place: markup, entities and declarations out of place. */
    static final String[] INSERTS = {"<", ">", "&", "&amp;", "&#0;", "&#xD800;", "&#99999999;", "&nbsp;", "&bogus;",
        "<![CDATA[", "]]>", "<!--", "-->", "<item>", "</item>", "<entry>", "</entry>", "<link>", "<link href=\"",
        "</channel>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "&e;",
        "<title type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">", "\"", "'", "\u0000", "\uFFFE",
        "\ud83d\ude00", "xmlns=\"\"", "xml:base=\"javascript:alert(1)\"", "xml:base=\"http://[::1\"", "{", "}", "[",
        "]", "\"items\": [{}]", "\"url\": 3", "null", ",", "\\u0000", "\\ud800"};

    @Test
    void damagedCorpusFeeds_parseOrAreRefusedCleanly() throws IOException {
        int parsed = 0;
        int refused = 0;
        for (CorpusTest.Row row : CorpusTest.manifest()) {
            byte[] original = CorpusTest.bytes(row.path());
            for (int round = 0; round < ROUNDS; round++) {
                Random random = new Random(row.path().hashCode() * 31L + round);
                Damage damage = damage(original, random);
                String where = row.path() + ", round " + round + " (" + damage.what() + ")";
                try {
                    ParsedFeed feed = CorpusTest.PARSER.parse(damage.bytes(), row.contentType(),
                            "https://feeds.example.org/" + row.path(), "source:damaged");
                    for (Item item : feed.items()) {
                        for (String url : item.urls()) {
                            assertTrue(url.startsWith("http://") || url.startsWith("https://")
                                    || url.startsWith("tag:") || url.startsWith("urn:"), () -> where + ": an item's "
                                    + "URL is not an absolute http(s) URL, nor a tag: or urn: id: " + url);
                        }
                    }
                    parsed++;
                } catch (FeedParseException e) {
                    assertTrue(e.getMessage().startsWith("parse: "), where + ": " + e.getMessage());
                    assertFalse(e.getMessage().contains("\n"), where + ": one line: " + e.getMessage());
                    refused++;
                } catch (Exception | StackOverflowError e) {
                    fail(where + ": " + e, e);
                }
            }
        }
        assertTrue(parsed > 0 && refused > 0, "both outcomes seen: " + parsed + " parsed, " + refused + " refused");
    }

    /** Damaged bytes, and what was done to them. */
    record Damage(byte[] bytes, String what) {}

    static Damage damage(byte[] original, Random random) {
        int n = original.length;
        int at = random.nextInt(n + 1);
        switch (random.nextInt(7)) {
            case 0:
                return new Damage(Arrays.copyOf(original, at), "cut at byte " + at);
            case 1: {
                int length = Math.min(n - at, 1 + random.nextInt(64));
                return new Damage(splice(original, at, length, new byte[0]), length + " bytes lost at " + at);
            }
            case 2: {
                int length = Math.min(n - at, 1 + random.nextInt(256));
                return new Damage(splice(original, at, 0, Arrays.copyOfRange(original, at, at + length)),
                        length + " bytes doubled at " + at);
            }
            case 3: {
                byte[] out = original.clone();
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips && n > 0; i++) {
                    out[random.nextInt(n)] = (byte) random.nextInt(256);
                }
                return new Damage(out, flips + " bytes changed");
            }
            case 4: {
                String insert = INSERTS[random.nextInt(INSERTS.length)];
                return new Damage(splice(original, at, 0, insert.getBytes(StandardCharsets.UTF_8)),
                        "'" + insert + "' inserted at " + at);
            }
            case 5: // a UTF-8 document's text re-encoded as Latin-1, its declaration unchanged
                return new Damage(new String(original, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1),
                        "saved as Latin-1");
            default: { // the document nested in itself: deep, repeated structure
                int length = Math.min(n - at, 1 + random.nextInt(4096));
                byte[] piece = Arrays.copyOfRange(original, at, at + length);
                byte[] out = original;
                for (int i = 0; i < 1 + random.nextInt(20); i++) {
                    out = splice(out, at, 0, piece);
                }
                return new Damage(out, "a run of " + length + " bytes repeated at " + at);
            }
        }
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }
}
