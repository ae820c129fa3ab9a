package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** JSON Feed read through gson: its limits and strictness, and the rules kept from the hand-written reader. */
class JsonFeedTest {
    private static final String HEAD = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"t\",";

    private static ParsedFeed parse(String json) throws FeedParseException {
        return FeedParserTest.parse(json);
    }

    private static String nested(int arrays) {
        return HEAD + "\"items\":[],\"x\":" + "[".repeat(arrays) + "]".repeat(arrays) + "}";
    }

    @Test
    void parse_nestingUpToTheLimit_isRead() throws Exception {
        // the feed object is one level; its member x holds the rest
        assertEquals(0, parse(nested(JsonFeedItems.MAX_NESTING - 1)).items().size());
    }

    @Test
    void parse_nestingPastTheLimit_isRefusedWithOneLine() {
        for (int arrays : new int[] {JsonFeedItems.MAX_NESTING, 100_000}) {
            FeedParseException e = assertThrows(FeedParseException.class, () -> parse(nested(arrays)));
            assertTrue(e.getMessage().matches("parse: not valid JSON \\(Nesting limit " + JsonFeedItems.MAX_NESTING
                    + " reached at line 1 column \\d+\\)"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "comment             | {\"items\":[]} // c",
            "text after value    | {\"items\":[]} {}",
            "single quotes       | {'items':[]}",
            "control character   | `{\"items\":[],\"title\":\"a\tb\"}`",
            "unterminated string | {\"items\":[],\"title\":\"a",
            "leading zero        | {\"items\":[],\"n\":01}",
            "trailing comma      | {\"items\":[1,]}"})
    void parse_notStrictJson_isRefusedWithOneLineSayingWhere(String name, String json) {
        FeedParseException e = assertThrows(FeedParseException.class, () -> parse(json));
        String m = e.getMessage();
        assertTrue(m.startsWith("parse: not valid JSON (") && m.contains(" at line 1 column "), m);
        assertFalse(m.contains("\n") || m.contains("path $") || m.contains("http") || m.contains("setStrictness"), m);
    }

    @Test
    void parse_numericId_isItsWholePartReadAsBefore() throws Exception {
        String key = parse(HEAD + "\"items\":[{\"id\":\"42\",\"title\":\"a\"}]}").items().get(0).preferredUrl();
        assertEquals(key, parse(HEAD + "\"items\":[{\"id\":42,\"title\":\"a\"}]}").items().get(0).preferredUrl());
        assertEquals(key, parse(HEAD + "\"items\":[{\"id\":42.9,\"title\":\"a\"}]}").items().get(0).preferredUrl());
        // through a double, as the hand-written reader did: past 2^53 the stored keys depend on it
        assertEquals(parse(HEAD + "\"items\":[{\"id\":\"9007199254740992\",\"title\":\"a\"}]}").items().get(0).preferredUrl(),
                parse(HEAD + "\"items\":[{\"id\":9007199254740993,\"title\":\"a\"}]}").items().get(0).preferredUrl());
    }

    @Test
    void parse_nonStringFields_areIgnored() throws Exception {
        ParsedFeed feed = parse("{\"version\":1,\"title\":7,\"items\":[{\"url\":\"http://example.com/1\",\"title\":true,"
                + "\"content_html\":{\"x\":1},\"tags\":[1,\"ai\",null],\"authors\":[{\"name\":[]}]}]}");
        assertNull(feed.title());
        assertEquals("http://example.com/1", feed.items().get(0).preferredUrl());
        assertNull(feed.items().get(0).content());
        assertNull(feed.items().get(0).author());
    }

    @Test
    void parse_duplicateMember_lastWins() throws Exception {
        ParsedFeed feed = parse(HEAD + "\"items\":[{\"url\":\"http://example.com/1\",\"url\":\"http://example.com/2\"}]}");
        assertEquals("http://example.com/2", feed.items().get(0).preferredUrl());
    }
}
