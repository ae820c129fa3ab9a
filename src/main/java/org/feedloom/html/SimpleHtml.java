package org.feedloom.html;

/**
 * The pre-check of {@link HtmlSanitizer#sanitize}: sanitises, without building a DOM, the HTML publishers write,
 * and answers only where its string is the one jsoup's cleaner ({@link HtmlSanitizer#clean}) gives, byte for byte.
 *
 * <p>The subset: text with any of HTML's named and numeric character references written out in full
 * ({@link CharRefs}); the elements of {@link KnownElement}: paragraphs, headings, lists, block quotes, pre, figures,
 * pictures, images, links, inline formatting, tables with their sections written out, and the div, span, section,
 * article, font... elements the allowlist keeps or drops around their content; comments; {@code iframe}s (the
 * cleaner keeps their text), {@code script} and {@code style} elements (it drops them whole), with no {@code <} in
 * their text. Tags are read as jsoup's tokeniser reads them ({@link TagReader}), start tags written with the
 * attributes the allowlist keeps ({@link CleanStartTag}: URLs resolved and checked as the cleaner does), text
 * escaped as jsoup writes it ({@link JsoupEscape}). The tree must be the one HTML5 tree building gives without any
 * repair ({@link OpenElements}): every element closed by its own end tag (or by {@code />}, which jsoup reads as
 * one) or left open at the end, where jsoup leaves it open too; nothing closed implicitly ({@code <p>} before a
 * list, an {@code li} without its end tag, a {@code </p>} without its {@code p}, a misnested {@code b}), nothing
 * inserted (a table row without its {@code tbody}) or moved out of a table. A newline right after {@code <pre>} is
 * dropped, as jsoup drops it.
 *
 * <p>Anything else is declined and goes to jsoup: another element (forms, media, embeds but iframes, svg, math,
 * template, noscript, title...), an attribute value with a {@code <}, a legacy reference without its semicolon,
 * declarations and processing instructions, carriage returns but in text (in tags, in a table's whitespace, in
 * attribute values and in an iframe), controls and the characters {@link JsoupEscape} does not write, more than {@value OpenElements#MAX_DEPTH} open elements. Checked by {@code SimpleHtmlTest} and the
 * differential tests ({@code SanitizerDifferentialTest}) on the corpus, on bodies of the realistic corpus and on
 * random markup. Linear in the input. Thread-safe; pure.
 */
final class SimpleHtml {
    /** Returned when the input is outside the subset (compared by identity). */
    static final String DECLINED = new String("declined");

    private static final boolean[] PLAIN_ASCII = new boolean[0x80];

    static {
        for (char c = 0x20; c < 0x7F; c++) {
            PLAIN_ASCII[c] = c != '<' && c != '&' && c != '>';
        }
        PLAIN_ASCII['\n'] = true;
        PLAIN_ASCII['\t'] = true;
        PLAIN_ASCII['\r'] = true; // in text jsoup keeps it as it is (a CRLF of XHTML content written out by JDOM)
    }

    private final String html;
    private final int length;
    private final StringBuilder out;
    private final TagReader tag = new TagReader();
    private final OpenElements open = new OpenElements();
    private final CleanStartTag startTags;
    private final int[] cps = new int[3];

    private SimpleHtml(String html, String baseUrl, String pageUrl) {
        this.html = html;
        this.length = html.length();
        this.out = new StringBuilder(html.length() + 32);
        this.startTags = new CleanStartTag(html, baseUrl, pageUrl);
    }

    /** {@link HtmlSanitizer#sanitize}{@code (html, null)} for the subset, else {@link #DECLINED}. */
    static String sanitize(String html) {
        return sanitize(html, null, null);
    }

    /**
     * {@link HtmlSanitizer#sanitize}{@code (html, baseUrl, pageUrl)} for the subset, else {@link #DECLINED}; either
     * URL may be null.
     */
    static String sanitize(String html, String baseUrl, String pageUrl) {
        if (html == null || html.isBlank()) {
            return null;
        }
        return new SimpleHtml(html, baseUrl, pageUrl).run();
    }

    private String run() {
        int i = 0;
        while (i >= 0 && i < length) {
            char c = html.charAt(i);
            if (c == '<') {
                i = markup(i);
            } else if (open.inTable()) {
                i = tableSpace(i);
            } else {
                i = c == '&' ? reference(i) : plain(c) ? plainRun(i) : other(i);
            }
        }
        if (i < 0) {
            return DECLINED;
        }
        while (!open.isEmpty()) {
            endTag(open.pop()); // open at the end: closed there
        }
        return stripped(out);
    }

    /** {@code out.toString().strip()}, or null when that is empty; one copy. */
    private static String stripped(StringBuilder out) {
        int start = 0;
        int end = out.length();
        while (start < end && Character.isWhitespace(out.codePointAt(start))) {
            start += Character.charCount(out.codePointAt(start));
        }
        while (end > start && Character.isWhitespace(out.codePointBefore(end))) {
            end -= Character.charCount(out.codePointBefore(end));
        }
        return start == end ? null : out.substring(start, end);
    }

    /** The markup at {@code i} (a {@code <}); the index after it, or -1 to decline. */
    private int markup(int i) {
        if (html.startsWith("<!--", i)) {
            return comment(i);
        }
        if (tag.read(html, i)) {
            return tag.end ? endTag() : startTag();
        }
        char next = i + 1 < length ? html.charAt(i + 1) : '\uffff';
        boolean text = next != '!' && next != '/' && next != '?' && !Character.isLetter(next); // <é: a tag to NestingLimit
        if (text && !open.inTable()) {
            out.append("&lt;"); // neither a tag nor a declaration: jsoup reads the '<' as text
            return i + 1;
        }
        return -1;
    }

    /**
     * A comment, which the cleaner drops: closed by {@code -->}, with no {@code <} inside (which would throw
     * {@link NestingLimit}'s rough scan off) and nothing that ends it early to jsoup ({@code <!-->}, {@code --!>}).
     */
    private int comment(int i) {
        int close = html.indexOf("-->", i + 4);
        if (close < 0 || html.startsWith(">", i + 4) || html.startsWith("->", i + 4)) {
            return -1;
        }
        for (int k = i + 4; k < close; k++) {
            if (html.charAt(k) == '<' || html.startsWith("--!>", k)) {
                return -1;
            }
        }
        return close + 3;
    }

    private int startTag() {
        KnownElement e = tag.element;
        if (e == null || e.is(KnownElement.RAW_TEXT | KnownElement.RAW_DATA)) {
            return e == null ? -1 : rawText(e);
        }
        if (!open.mayOpen(e) || tag.selfClosing && !e.is(KnownElement.VOID) && !e.closedBySlash()) {
            return -1;
        }
        if (e.is(KnownElement.KEPT) && !startTags.write(e, tag, out)) {
            return -1;
        }
        int next = tag.next;
        if (!e.is(KnownElement.VOID)) {
            open.push(e);
            if (tag.selfClosing) { // <div/>: jsoup closes it at once
                endTag(open.pop());
                next = open.selfClosed() ? next : -1;
            } else if (e.is(KnownElement.PRE) && next < length && html.charAt(next) == '\n') {
                next++;
            }
        }
        return next;
    }

    /**
     * An iframe, script or style element: its raw text up to its end tag (with no {@code <} in it); the cleaner drops
     * the element, and the text of a script or style with it, but keeps an iframe's (as text: not decoded).
     */
    private int rawText(KnownElement e) {
        if (open.inTable()) {
            return -1;
        }
        if (tag.selfClosing) {
            return open.selfClosed() ? tag.next : -1;
        }
        int close = html.indexOf('<', tag.next);
        String end = "</" + e.name + ">";
        if (close < 0 || !html.regionMatches(true, close, end, 0, end.length())) {
            return -1;
        }
        for (int i = tag.next; e.is(KnownElement.RAW_TEXT) && i < close; i = other(i)) {
            if (i < 0) {
                return -1;
            }
        }
        return close + end.length();
    }

    private int endTag() {
        KnownElement e = tag.element;
        if (e != null && e.is(KnownElement.END_IGNORED) && !open.inTable()) {
            return tag.next; // </img>: jsoup ignores it
        }
        if (e == null || !open.isCurrent(e)) {
            return -1;
        }
        endTag(open.pop());
        return tag.next;
    }

    private void endTag(KnownElement e) {
        if (e.is(KnownElement.KEPT)) {
            out.append("</").append(e.name).append('>');
        }
    }

    /** Whitespace between the parts of a table (jsoup would move anything else out of the table). */
    private int tableSpace(int i) {
        int end = i;
        while (end < length && TagReader.isSpace(html.charAt(end))) {
            end++;
        }
        out.append(html, i, end);
        return end == i ? -1 : end;
    }

    /** The character reference at {@code i}; the index after it, or -1 to decline. */
    private int reference(int i) {
        int next = CharRefs.read(html, i, length, false, cps);
        if (next >= 0 && cps[0] == 0) {
            out.append("&amp;");
        }
        for (int k = 1; next >= 0 && k <= cps[0]; k++) {
            JsoupEscape.text(out, cps[k]);
        }
        return next;
    }

    /** A run of characters written as they are, from {@code i}; the index after it. */
    private int plainRun(int i) {
        int end = i;
        while (++end < length && plain(html.charAt(end))) {
            // scan
        }
        out.append(html, i, end);
        return end;
    }

    /** Any other character at {@code i}: escaped as jsoup escapes it, or declined (-1). */
    private int other(int i) {
        int cp = html.codePointAt(i);
        if (!JsoupEscape.writable(cp)) {
            return -1;
        }
        JsoupEscape.text(out, cp);
        return i + Character.charCount(cp);
    }

    /** Printable ASCII other than the markup characters, or a common character above Latin-1's controls. */
    private static boolean plain(char c) {
        return c < 0x80 ? PLAIN_ASCII[c] : c > 0xA0 && c < 0xD800;
    }
}
