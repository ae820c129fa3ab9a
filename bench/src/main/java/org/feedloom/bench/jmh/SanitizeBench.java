package org.feedloom.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.feedloom.html.HtmlSanitizer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
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
import org.owasp.html.AttributePolicy;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * HTML sanitising on the HTML publishers write: every description, summary and content with markup in the
 * realworld captures of the test corpus (about 840 pieces, 2.9 MB: figures, images, lists, tables, embeds),
 * sanitised once per operation by {@code feedloom} (HtmlSanitizer: its no-DOM pre-check, then jsoup's cleaner
 * with the plain-URL shortcut), {@code jsoup} (jsoup's cleaner alone with the same allowlist: what Feedloom did
 * before), and {@code owasp} (OWASP's java-html-sanitizer with the same elements, attributes and protocols,
 * relative URLs resolved against the base, rel="noopener noreferrer" on links). The corpus folder is the
 * {@code corpus} parameter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SanitizeBench {
    static final String BASE = "https://example.com/posts/1";
    static final String[] TAGS = {"a", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
        "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "img", "li", "ol", "p", "pre", "q", "small",
        "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
        "abbr", "figure", "figcaption", "hr", "del", "ins", "mark", "time", "picture"};

    @Param({"feedloom", "jsoup", "owasp"})
    public String impl;

    @Param({"../src/test/resources/corpus/realworld"})
    public String corpus;

    public List<String> html;
    Safelist safelist;
    PolicyFactory owasp;

    @Setup
    public void setUp() throws IOException {
        Path dir = Path.of(corpus);
        html = fragments(Files.isDirectory(dir) ? dir : Path.of("src/test/resources/corpus/realworld"));
        safelist = Safelist.relaxed().addTags("abbr", "figure", "figcaption", "hr", "del", "ins", "mark", "small", "time",
                "picture").addAttributes("time", "datetime").addAttributes("abbr", "title").addProtocols("img", "src", "data")
                .addEnforcedAttribute("a", "rel", "noopener noreferrer");
        AttributePolicy resolve = (element, attribute, value) -> resolve(value);
        owasp = new HtmlPolicyBuilder().allowElements(TAGS)
                .allowAttributes("href").matching(resolve).onElements("a")
                .allowAttributes("cite").matching(resolve).onElements("blockquote", "q")
                .allowAttributes("src").matching(resolve).onElements("img")
                .allowAttributes("title").onElements("a", "img", "abbr")
                .allowAttributes("align", "alt", "height", "width").onElements("img")
                .allowAttributes("span", "width").onElements("col", "colgroup")
                .allowAttributes("start", "type").onElements("ol").allowAttributes("type").onElements("ul")
                .allowAttributes("summary", "width").onElements("table")
                .allowAttributes("abbr", "axis", "colspan", "rowspan", "width").onElements("td", "th")
                .allowAttributes("scope").onElements("th").allowAttributes("datetime").onElements("time")
                .allowUrlProtocols("http", "https", "mailto", "ftp").requireRelsOnLinks("noopener", "noreferrer")
                .toFactory();
    }

    /** A URL attribute resolved against the base, as the other two do; null (dropped) when it does not resolve. */
    static String resolve(String value) {
        try {
            return new URI(BASE).resolve(new URI(value.strip())).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    @Benchmark
    public long sanitizeAll() {
        long chars = 0;
        for (String h : html) {
            String out = switch (impl) {
                case "feedloom" -> HtmlSanitizer.sanitize(h, BASE, BASE);
                case "jsoup" -> Jsoup.clean(h, BASE, safelist);
                default -> owasp.sanitize(h);
            };
            chars += out == null ? 0 : out.length();
        }
        return chars;
    }

    /** The text of every description, summary and content element that holds markup. */
    static List<String> fragments(Path dir) throws IOException {
        Set<String> names = Set.of("description", "summary", "content", "encoded");
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> !p.toString().endsWith(".json")).sorted().toList();
        }
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        for (Path p : files) {
            try (InputStream in = Files.newInputStream(p)) {
                XMLStreamReader r = f.createXMLStreamReader(in);
                String name = null;
                while (r.hasNext()) {
                    int event = r.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        name = r.getLocalName();
                    } else if (event == XMLStreamConstants.CHARACTERS && names.contains(name) && r.getText().contains("<")) {
                        out.add(r.getText());
                    }
                }
            } catch (XMLStreamException e) {
                // what was read so far
            }
        }
        return out;
    }
}
