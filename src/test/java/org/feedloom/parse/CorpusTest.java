package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.feedloom.html.HtmlSanitizer;
import org.feedloom.model.Item;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The 600-file corpus (src/test/resources/corpus, with MANIFEST.tsv): every well-formed feed parses, with the
 * manifest's {@code Expect:} notes asserted where they name a title, link, summary/description, author or the
 * feed's title/link; every ill-formed or hostile file parses or fails with a clear {@code parse:} message, and
 * nothing else escapes; hostile files leak nothing; real-world captures give items with http(s) links and titles.
 */
class CorpusTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    static final FeedParser PARSER = new FeedParser(CLOCK);
    static final Pattern SIMPLE = Pattern.compile(
            "^not bozo and (feed|entries\\[0\\])\\['(title|link|description|summary|author)'\\] == ('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")\\s*$");
    static final AtomicInteger EXACT = new AtomicInteger();
    static final AtomicInteger LOOSE = new AtomicInteger();
    static final AtomicInteger REJECTED = new AtomicInteger();

    record Row(String path, String format, String note) {
        String expect() {
            int i = note.indexOf("Expect: ");
            if (i < 0) {
                return null;
            }
            String rest = note.substring(i + 8);
            int bar = rest.indexOf(" | ");
            return (bar < 0 ? rest : rest.substring(0, bar)).strip();
        }

        String contentType() {
            Matcher m = Pattern.compile("Header: Content-type: ([^|]*)").matcher(note);
            return m.find() ? m.group(1).strip() : null;
        }
    }

    static List<Row> manifest() throws IOException {
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/MANIFEST.tsv")) {
            List<Row> rows = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split("\t", -1);
                rows.add(new Row(f[0], f[4], f.length > 5 ? f[5] : ""));
            }
            return rows;
        }
    }

    static byte[] bytes(String path) throws IOException {
        try (InputStream in = CorpusTest.class.getResourceAsStream("/corpus/" + path)) {
            return in.readAllBytes();
        }
    }

    static Stream<DynamicTest> rows(String folder, java.util.function.Consumer<Row> check) throws IOException {
        return manifest().stream().filter(r -> r.path().startsWith(folder))
                .map(r -> DynamicTest.dynamicTest(r.path(), () -> check.accept(r)));
    }

    static ParsedFeed parse(Row r) throws IOException, FeedParseException {
        return PARSER.parse(bytes(r.path()), r.contentType(), "http://example.com/feed/", "source:corpus");
    }

    /** Parses, or fails with a clear parse: message; nothing else may escape. Returns null on a clean failure. */
    static ParsedFeed parseOrReject(Row r) {
        try {
            return parse(r);
        } catch (FeedParseException e) {
            assertTrue(e.getMessage().startsWith("parse: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line");
            REJECTED.incrementAndGet();
            return null;
        } catch (Throwable t) {
            fail(r.path() + ": " + t, t);
            return null;
        }
    }

    @TestFactory
    Stream<DynamicTest> wellformed_parsesWithTheExpectedFields() throws IOException {
        return rows("wellformed/", r -> {
            ParsedFeed feed;
            try {
                feed = parse(r);
            } catch (Exception e) {
                throw new AssertionError(r.path() + " (" + r.note() + "): " + e.getMessage(), e);
            }
            check(r, feed);
        });
    }

    @TestFactory
    Stream<DynamicTest> encodings_decodeWithTheHttpCharsetBomOrDeclaration() throws IOException {
        return rows("encoding/", r -> {
            ParsedFeed feed = parseOrReject(r);
            String expect = r.expect();
            if (expect != null && expect.startsWith("not bozo") && !r.format().startsWith("xml(")) {
                assertTrue(feed != null, r.path() + " must parse");
                check(r, feed);
                for (Item item : feed.items()) {
                    assertFalse(item.title().contains("\uFFFD"), "no replacement characters: " + item.title());
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> illformed_parseOrFailCleanly() throws IOException {
        return rows("illformed/", CorpusTest::parseOrReject);
    }

    @TestFactory
    Stream<DynamicTest> hostile_leakNothingAndExpandNothing() throws IOException {
        return rows("hostile/", r -> {
            ParsedFeed feed = parseOrReject(r);
            if (feed != null) {
                StringBuilder all = new StringBuilder(String.valueOf(feed.title()));
                for (Item i : feed.items()) {
                    all.append(i.title()).append(i.excerpt()).append(i.content());
                }
                assertFalse(all.toString().contains("root:"), "no local file content");
                assertTrue(all.length() < 100_000, "no entity expansion: " + all.length());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> realworld_itemsHaveHttpLinksAndTitles() throws IOException {
        return rows("realworld/", r -> {
            ParsedFeed feed = parseOrReject(r);
            if (feed == null) {
                assertTrue(r.format().matches("html|empty|json.*|xml\\(.*\\)|gzip"), r.path() + " is a feed and must parse");
                return;
            }
            for (Item i : feed.items()) {
                assertFalse(i.title().isBlank(), r.path());
                String url = i.preferredUrl();
                assertTrue(url.startsWith("http://") || url.startsWith("https://") || !url.contains(":/"), r.path() + ": " + url);
            }
        });
    }

    /** The manifest's Expect note, where it is a simple comparison of a field we map. */
    static void check(Row r, ParsedFeed feed) {
        String expect = r.expect();
        Matcher m = expect == null ? null : SIMPLE.matcher(expect);
        if (m == null || !m.matches()) {
            LOOSE.incrementAndGet();
            return;
        }
        String expected = python(m.group(3));
        String field = m.group(2);
        boolean onFeed = m.group(1).equals("feed");
        if (!onFeed && feed.items().isEmpty()) {
            fail(r.path() + ": no items, expected " + expect);
        }
        Item first = onFeed ? null : feed.items().get(0);
        String actual = switch (field) {
            case "title" -> onFeed ? feed.title() : first.title();
            case "link" -> onFeed ? feed.link() : first.preferredUrl();
            case "author" -> onFeed ? null : first.author();
            default -> onFeed ? null : first.excerpt() != null ? first.excerpt() : first.content();
        };
        if (onFeed && !field.equals("title") && !field.equals("link")) {
            LOOSE.incrementAndGet();
            return;
        }
        EXACT.incrementAndGet();
        if (field.equals("link")) {
            assertEquals(expected, actual, r.path());
        } else if (field.equals("author")) {
            assertTrue(actual != null && (expected.contains(actual) || actual.contains(expected)), r.path() + ": " + actual);
        } else {
            // compare as text: the sanitisers (feedparser's and ours) may keep different markup
            assertEquals(text(expected), text(actual), r.path() + " (" + expect + ")");
        }
    }

    static String text(String html) {
        String t = HtmlSanitizer.toPlainText(HtmlSanitizer.sanitize(html, "http://example.com/"));
        return t == null ? "" : t;
    }

    /** Decodes a Python string literal. */
    static String python(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'u' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'x' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    @AfterAll
    static void summary() {
        System.out.printf("corpus: %d Expect notes asserted exactly, %d checked loosely (parse only), %d files rejected cleanly%n",
                EXACT.get(), LOOSE.get(), REJECTED.get());
    }
}
