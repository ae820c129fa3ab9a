package org.feedloom.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.feedloom.parse.FeedParser;
import org.feedloom.parse.ParsedFeed;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The parser on one feed of 50 items in each format the fast path takes, with the fast path on ({@code fast})
 * and off ({@code rome}: {@link FeedParser#romeOnly}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseBench {
    @Param({"rss20", "atom10", "rss10"})
    public String format;

    @Param({"fast", "rome"})
    public String path;

    FeedParser parser;
    byte[] body;

    @Setup
    public void setUp() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);
        parser = path.equals("fast") ? new FeedParser(clock) : FeedParser.romeOnly(clock);
        body = feed(format).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public ParsedFeed parse() throws Exception {
        return parser.parse(body, "application/rss+xml; charset=utf-8", "https://site.example.com/feed", "source:bench");
    }

    static String feed(String format) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        String summary = "&lt;p&gt;Summary with &lt;a href=\"https://site.example.com/x\"&gt;a link&lt;/a&gt; and "
                + "&lt;em&gt;emphasis&lt;/em&gt;, about forty words of text to sanitise in each item.&lt;/p&gt;";
        switch (format) {
            case "rss20" -> {
                b.append("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Site</title>"
                        + "<link>https://site.example.com/</link>");
                for (int i = 0; i < 50; i++) {
                    b.append("<item><title>Item ").append(i).append("</title><link>https://site.example.com/2026/01/item-")
                            .append(i).append("</link><guid isPermaLink=\"false\">g").append(i)
                            .append("</guid><pubDate>Fri, 02 Jan 2026 03:04:05 +0000</pubDate><dc:creator>Ann</dc:creator>")
                            .append("<category>feeds</category><description>").append(summary).append("</description></item>");
                }
                b.append("</channel></rss>");
            }
            case "atom10" -> {
                b.append("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Site</title><id>https://site.example.com/</id>"
                        + "<link href=\"https://site.example.com/\"/>");
                for (int i = 0; i < 50; i++) {
                    b.append("<entry><title>Item ").append(i).append("</title><link href=\"https://site.example.com/2026/01/item-")
                            .append(i).append("\"/><id>tag:site,2026:").append(i).append("</id><updated>2026-01-02T03:04:05Z")
                            .append("</updated><author><name>Ann</name></author><category term=\"feeds\"/>")
                            .append("<summary type=\"html\">").append(summary).append("</summary></entry>");
                }
                b.append("</feed>");
            }
            default -> {
                b.append("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\" "
                        + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel rdf:about=\"https://site.example.com/\">"
                        + "<title>Site</title><link>https://site.example.com/</link></channel>");
                for (int i = 0; i < 50; i++) {
                    b.append("<item rdf:about=\"https://site.example.com/2026/01/item-").append(i).append("\"><title>Item ")
                            .append(i).append("</title><link>https://site.example.com/2026/01/item-").append(i)
                            .append("</link><dc:date>2026-01-02T03:04:05Z</dc:date><dc:creator>Ann</dc:creator>")
                            .append("<description>").append(summary).append("</description></item>");
                }
                b.append("</rdf:RDF>");
            }
        }
        return b.toString();
    }
}
