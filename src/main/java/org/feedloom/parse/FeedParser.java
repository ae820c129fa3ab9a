package org.feedloom.parse;

import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import org.feedloom.html.HtmlSanitizer;
import org.feedloom.model.FeedRef;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;

/**
 * Feed bytes plus the URL they came from → items. XML is decoded and cleaned by {@link XmlText} (its prolog read
 * once, any DOCTYPE removed), repaired ({@link Repairs}) and its entities fixed as ROME fixes them
 * ({@link XmlEntities}); then RSS 2.0, RSS 1.0 and Atom 1.0 — nearly every real feed — are read by the streaming
 * {@link StaxFeedReader}, a shortcut that gives ROME's result, and what it declines (RSS 0.90–0.94, Atom 0.3,
 * documents it does not read exactly) by ROME; both build items by the one set of rules in {@link ItemFields}.
 * JSON Feed 1.0/1.1 goes through {@link JsonFeedItems}. Liberal where feed readers are (encodings, HTML entities, relative links, dates seen in
 * the wild), strict where safety needs it: no DTD, external entity or XInclude is ever read (only short literal
 * internal entities are expanded, see {@link Prolog}), no nesting deeper than {@value #MAX_DEPTH}, documents of
 * at most {@value #MAX_BYTES} bytes, at most {@value #MAX_ITEMS} items (the rest never enter memory), only
 * http(s) links, bounded field lengths (see {@link ItemFields}), HTML through the sanitiser.
 *
 * <p>Thread-safe; no I/O. Nothing but {@link FeedParseException} (one line, starting {@code parse: }) leaves
 * {@link #parse}.
 */
public final class FeedParser {
    static final int MAX_DEPTH = 256;
    static final int MAX_ITEMS = 5_000;
    static final int MAX_BYTES = 16 * 1024 * 1024;

    private final Clock clock;
    /** Which readers an XML feed may go through (all but {@link #BOTH} are for comparing the paths in tests). */
    enum Paths {
        /** The streaming reader, and ROME for what it declines. */
        BOTH,
        /** ROME only. */
        ROME,
        /** The streaming reader only: what it declines fails to parse. */
        STAX
    }

    private final Paths paths;
    /** The sanitised HTML of the items this parser read lately (a feed fetched again mostly repeats them). */
    private final SanitizedHtml html = new SanitizedHtml();

    public FeedParser(Clock clock) {
        this(clock, true);
    }

    /**
     * A parser with the StAX fast path off: every XML feed goes through ROME. It gives the same items as
     * {@link #FeedParser(Clock)} (the fast path only answers for documents it reproduces exactly, and a test checks
     * that on the whole corpus), only slower; for comparing the two paths, in tests and benchmarks, or to rule the
     * fast path out when a feed parses unexpectedly. Thread-safe, as the default parser.
     */
    public static FeedParser romeOnly(Clock clock) {
        return new FeedParser(clock, false);
    }

    /** With {@code fastPath} false every XML feed goes through ROME (to compare the two paths in tests). */
    FeedParser(Clock clock, boolean fastPath) {
        this(clock, fastPath ? Paths.BOTH : Paths.ROME);
    }

    FeedParser(Clock clock, Paths paths) {
        this.clock = clock;
        this.paths = paths;
    }

    /** How many pieces of HTML this parser has sanitised, not counting those it had sanitised before. */
    long sanitised() {
        return html.sanitised();
    }

    /**
     * @param body        the (decompressed) response body
     * @param contentType the HTTP Content-Type, or null
     * @param baseUrl     the absolute URL the body came from
     * @param provenance  copied into every item ({@code source:<id>})
     */
    public ParsedFeed parse(byte[] body, String contentType, String baseUrl, String provenance) throws FeedParseException {
        if (body.length > MAX_BYTES) {
            throw new FeedParseException("parse: document larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        try {
            String kind = sniff(body);
            return switch (kind) {
                case "json" -> new JsonFeedItems(clock, html, baseUrl, provenance)
                        .parse(new String(stripBom(body), StandardCharsets.UTF_8));
                case "html" -> throw new FeedParseException("parse: not a feed (an HTML page)");
                case "empty" -> throw new FeedParseException("parse: empty document");
                default -> xml(body, contentType, baseUrl, provenance);
            };
        } catch (FeedParseException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new FeedParseException("parse: cannot read the feed (" + oneLine(e.toString()) + ")", e);
        }
    }

    private ParsedFeed xml(byte[] body, String contentType, String baseUrl, String provenance) throws FeedParseException {
        XmlDoc doc = Repairs.apply(Utf8Xml.decode(body, contentType));
        String text = doc.text();
        text = XmlEntities.fix(text);
        ParsedFeed fast = paths != Paths.ROME ? new StaxFeedReader(clock, html, baseUrl, provenance).read(text) : null;
        if (fast != null) {
            return fast;
        }
        if (paths == Paths.STAX) {
            throw new FeedParseException("parse: the streaming reader declines this document");
        }
        if (maxDepth(text) > MAX_DEPTH) {
            throw tooDeep();
        }
        Document tree;
        try {
            tree = FeedDom.read(text);
        } catch (JDOMParseException e) {
            throw notAFeed(doc, "parse: not well-formed XML at line " + e.getLineNumber() + ": "
                    + oneLine(rootMessage(e)), e);
        } catch (JDOMException | IOException e) {
            throw notAFeed(doc, "parse: not well-formed XML (" + oneLine(rootMessage(e)) + ")", e);
        }
        BaseMarks.mark(tree, baseUrl);
        FeedDom.repair(tree);
        SyndFeedInput input = new SyndFeedInput(false, Locale.US);
        input.setAllowDoctypes(false);
        input.setPreserveWireFeed(true);
        SyndFeed feed;
        try {
            feed = input.build(tree);
        } catch (FeedException | RuntimeException e) {
            return emptyFeed(doc, baseUrl, e);
        }
        String scope = BaseMarks.read(feed.getForeignMarkup(), null);
        String link = Links.http(feed.getLink(), Bases.feed(scope, baseUrl));
        String alternate = Links.http(alternateLink(feed), Bases.feed(scope, baseUrl));
        String title = feed.getTitleEx() == null ? null : HtmlSanitizer.toPlainText(SyndItems.html(feed.getTitleEx()));
        String id = Links.isGlobalId(feed.getUri()) ? feed.getUri().strip() : link != null ? link : baseUrl;
        FeedRef ref = new FeedRef(id, title, link != null ? link : baseUrl);
        SyndItems items = new SyndItems(clock, html, baseUrl, alternate, provenance, ref);
        return new ParsedFeed(ref, title, link, ttl(feed.originalWireFeed()), items.map(feed.getEntries()));
    }

    /** The refusal of a document nested deeper than {@link #MAX_DEPTH} (JDOM builds its tree recursively). */
    static FeedParseException tooDeep() {
        return new FeedParseException("parse: elements nested more than " + MAX_DEPTH + " deep");
    }

    /**
     * The feed's own link as {@link Bases} means it: an Atom feed's first alternate link (ROME's
     * {@link SyndFeed#getLink} prefers the self link), an RSS channel's link. Unresolved.
     */
    private static String alternateLink(SyndFeed feed) {
        if (feed.originalWireFeed() instanceof Feed atom) {
            return atom.getAlternateLinks().isEmpty() ? null : atom.getAlternateLinks().get(0).getHref();
        }
        return feed.getLink();
    }

    /** The exception for XML that does not parse: "not a feed" when the root says so, else {@code message}. */
    private static FeedParseException notAFeed(XmlDoc doc, String message, Exception cause) {
        String root = doc.rootName();
        if (root.isEmpty()) {
            return new FeedParseException("parse: not a feed (no XML element found)", cause);
        }
        if (!Repairs.FEED_ROOTS.contains(root)) {
            return new FeedParseException("parse: not a feed (the document is <" + oneLine(root) + ">, not RSS, RDF or Atom)", cause);
        }
        return new FeedParseException(message, cause);
    }

    /**
     * ROME gave up on a well-formed document: one with a feed root element is a feed with no items (an RSS
     * without a channel, say); anything else is not a feed.
     */
    private static ParsedFeed emptyFeed(XmlDoc doc, String baseUrl, Exception e) throws FeedParseException {
        String root = doc.rootName();
        if (!Repairs.FEED_ROOTS.contains(root)) {
            throw notAFeed(doc, "parse: not a feed", e);
        }
        return new ParsedFeed(new FeedRef(baseUrl, null, baseUrl), null, null, null, java.util.List.of());
    }

    private static Integer ttl(WireFeed wire) {
        if (wire instanceof Channel channel && channel.getTtl() > 0) {
            return channel.getTtl();
        }
        return null;
    }

    /** "json", "html", "empty" or "xml", from the first meaningful bytes. */
    static String sniff(byte[] body) {
        String head = new String(stripBom(body), 0, Math.min(stripBom(body).length, 1024), StandardCharsets.ISO_8859_1)
                .stripLeading();
        if (head.isEmpty()) {
            return "empty";
        }
        if (head.startsWith("{") || head.startsWith("[")) {
            return "json";
        }
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) {
            return "html";
        }
        return "xml";
    }

    private static byte[] stripBom(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
            return java.util.Arrays.copyOfRange(body, 3, body.length);
        }
        return body;
    }

    /** The deepest element nesting, counted roughly (comments, CDATA and processing instructions skipped). */
    static int maxDepth(String xml) {
        int depth = 0;
        int max = 0;
        int n = xml.length();
        for (int i = 0; i < n; i++) {
            if (xml.charAt(i) != '<' || i + 1 >= n) {
                continue;
            }
            char next = xml.charAt(i + 1);
            if (next == '!' || next == '?') {
                String end = xml.startsWith("<!--", i) ? "-->" : xml.startsWith("<![CDATA[", i) ? "]]>" : ">";
                int close = xml.indexOf(end, i);
                i = close < 0 ? n : close;
            } else if (next == '/') {
                depth--;
            } else {
                int close = xml.indexOf('>', i);
                if (close < 0) {
                    break;
                }
                if (xml.charAt(close - 1) != '/') {
                    max = Math.max(max, ++depth);
                }
                i = close;
            }
        }
        return max;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    static String oneLine(String s) {
        String line = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
