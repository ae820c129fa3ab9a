package org.feedloom.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.feedloom.model.Item;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: the StAX path is a shortcut of ROME's, not its twin. Every file of the test corpus and a few hundred
 * feeds of {@code bench/lib/gen_feeds.py} (seeded) go through {@link FeedParser} with its fast path and without
 * it; the two must give the same feed, field by field, or fail with the same message. The files the StAX reader
 * takes are counted, to show how much of the corpus the fast path covers.
 */
class DifferentialTest {
    static final String BASE = "http://example.com/feed/";
    static final FeedParser BOTH = new FeedParser(CorpusTest.CLOCK);
    static final FeedParser ROME_ONLY = new FeedParser(CorpusTest.CLOCK, FeedParser.Paths.ROME);
    static final FeedParser STAX_ONLY = new FeedParser(CorpusTest.CLOCK, FeedParser.Paths.STAX);
    static final AtomicInteger CORPUS = new AtomicInteger();
    static final AtomicInteger CORPUS_FAST = new AtomicInteger();
    static final AtomicInteger REALWORLD = new AtomicInteger();
    static final AtomicInteger REALWORLD_FAST = new AtomicInteger();
    static final AtomicInteger GENERATED = new AtomicInteger();
    static final AtomicInteger GENERATED_FAST = new AtomicInteger();

    @TempDir
    static Path generated;

    @TestFactory
    Stream<DynamicTest> corpus_bothPathsGiveTheSameFeed() throws IOException {
        return CorpusTest.manifest().stream().map(r -> DynamicTest.dynamicTest(r.path(), () -> {
            boolean fast = compare(CorpusTest.bytes(r.path()), r.contentType(), r.path());
            CORPUS.incrementAndGet();
            CORPUS_FAST.addAndGet(fast ? 1 : 0);
            if (r.path().startsWith("realworld/")) {
                REALWORLD.incrementAndGet();
                REALWORLD_FAST.addAndGet(fast ? 1 : 0);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> generatedFeeds_bothPathsGiveTheSameFeed() throws Exception {
        Path script = Path.of("bench/lib/gen_feeds.py");
        assumeTrue(Files.exists(script), "bench/lib/gen_feeds.py is beside the sources");
        Process p = new ProcessBuilder("python3", script.toString(), generated.toString(), "300", "12", "5", "15", "15")
                .redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "python3 generates the feeds");
        List<Path> files;
        try (Stream<Path> s = Files.list(generated.resolve("feeds"))) {
            files = s.sorted().toList();
        }
        assertEquals(300, files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            boolean fast = compare(Files.readAllBytes(f), "application/rss+xml", f.toString());
            GENERATED.incrementAndGet();
            GENERATED_FAST.addAndGet(fast ? 1 : 0);
        }));
    }

    /** Documents at the limits of ItemFields' caps, where the paths' own copies of the limits used to differ. */
    @TestFactory
    Stream<DynamicTest> atTheCaps_bothPathsGiveTheSameFeed() {
        String big = "<p>" + "word &amp; more ".repeat(40_000) + "</p>";
        String spaces = " ".repeat(ItemFields.MAX_HTML + 10);
        return Stream.of(
                rss("<title>t</title><description><![CDATA[" + big + "]]></description>"),
                rss("<title>t</title><content:encoded><![CDATA[" + big + big + "]]></content:encoded>"),
                rss("<title>" + spaces + "late title</title><description>d</description>"),
                rss("<title>t</title><dc:creator>" + spaces + "Late Author</dc:creator>"),
                rss("<title>t</title><dc:creator>" + "&lt;b&gt;A&lt;/b&gt; ".repeat(100) + "</dc:creator>"))
                .map(doc -> DynamicTest.dynamicTest(doc.substring(0, 80), () ->
                        compare(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, "caps")));
    }

    static String rss(String item) {
        return "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                + "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>c</title>"
                + "<link>https://c.example.com/</link><item><link>https://c.example.com/1</link>" + item
                + "</item></channel></rss>";
    }

    /** Whether the StAX reader took the document; fails unless both paths agree. */
    static boolean compare(byte[] body, String contentType, String what) throws Exception {
        Outcome rome = Outcome.of(() -> ROME_ONLY.parse(body, contentType, BASE, "source:corpus"));
        Outcome both = Outcome.of(() -> BOTH.parse(body, contentType, BASE, "source:corpus"));
        assertEquals(rome.error(), both.error(), what + ": error");
        if (rome.feed() != null) {
            FastPathTest.assertSame(rome.feed(), both.feed(), what);
        }
        return tookFastPath(body, contentType);
    }

    /** Whether the streaming reader alone reads the XML document (as FeedParser prepares it for both paths). */
    static boolean tookFastPath(byte[] body, String contentType) {
        return FeedParser.sniff(body).equals("xml")
                && Outcome.of(() -> STAX_ONLY.parse(body, contentType, BASE, "source:corpus")).feed() != null;
    }

    record Outcome(ParsedFeed feed, String error) {
        interface Parse {
            ParsedFeed run() throws FeedParseException;
        }

        static Outcome of(Parse parse) {
            try {
                return new Outcome(parse.run(), null);
            } catch (FeedParseException e) {
                return new Outcome(null, e.getMessage());
            }
        }
    }

    /** Items equal field by field (used by the other differential checks). */
    static void assertItems(List<Item> expected, List<Item> actual, String what) throws Exception {
        assertEquals(expected.size(), actual.size(), what + ": item count");
        for (int i = 0; i < expected.size(); i++) {
            for (var c : Item.class.getRecordComponents()) {
                assertEquals(c.getAccessor().invoke(expected.get(i)), c.getAccessor().invoke(actual.get(i)),
                        what + ": item " + i + " " + c.getName());
            }
        }
    }

    @AfterAll
    static void coverage() {
        System.out.printf("differential: StAX path took %d of %d corpus files (%d of %d realworld), %d of %d generated%n",
                CORPUS_FAST.get(), CORPUS.get(), REALWORLD_FAST.get(), REALWORLD.get(), GENERATED_FAST.get(),
                GENERATED.get());
        assertTrue(CORPUS.get() == 0 || CORPUS_FAST.get() > 0);
    }
}
