package org.feedloom.parse;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.xml.sax.InputSource;

/**
 * The feed as an XML tree, read safely and repaired where ROME would misread what feed readers accept.
 *
 * <p>Reading: a non-validating parser that refuses any DOCTYPE (removed beforehand by {@link Prolog}), resolves
 * no external entity or DTD, and runs with the JDK's secure-processing limits; HTML entities such as
 * {@code &nbsp;} have been turned into character references by {@link XmlEntities}; items beyond
 * {@link FeedParser#MAX_ITEMS} never enter the tree ({@link ItemCap}).
 *
 * <p>Repairs: at most {@link FeedParser#MAX_ITEMS} items or entries are kept (again, for items deeper than
 * {@link ItemCap} counts); RSS 0.90 and 1.0 items written inside the channel are moved beside it, where those
 * formats put them; RSS core elements are matched
 * case-insensitively ({@code <TiTlE>}, as iTunes does); Atom 0.3 {@code mode="base64"} and Atom 1.0 content
 * constructs of a non-text, non-XML media type are base64-decoded (dropped when they are not UTF-8 text) and
 * read as HTML when they look like HTML; an Atom 0.3 construct that declares escaped or plain text but holds
 * child elements is read as XHTML. Not thread-safe; the document is modified in place.
 */
final class FeedDom {
    static final String ATOM03 = "http://purl.org/atom/ns#";
    static final String ATOM10 = "http://www.w3.org/2005/Atom";
    static final Set<String> RSS_NAMESPACES =
            Set.of("", "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/");
    private static final Map<String, String> RSS_ELEMENTS = byLowerCase("rss", "channel", "item", "title", "link",
            "description", "language", "copyright", "managingEditor", "webMaster", "pubDate", "lastBuildDate",
            "category", "generator", "docs", "cloud", "ttl", "image", "url", "width", "height", "rating",
            "textInput", "skipHours", "skipDays", "hour", "day", "author", "comments", "enclosure", "guid",
            "source", "name", "items");
    private static final Set<String> PROPER_NAMES = Set.copyOf(RSS_ELEMENTS.values());
    private static final Set<String> ATOM03_TEXT = Set.of("title", "tagline", "copyright", "info", "summary", "content");
    private static final Set<String> ATOM10_TEXT = Set.of("title", "subtitle", "rights", "summary", "content");
    private static final Set<String> HTML_TAGS = Set.of("a", "abbr", "acronym", "address", "b", "big",
            "blockquote", "br", "caption", "center", "cite", "code", "dd", "del", "dfn", "div", "dl", "dt", "em",
            "figcaption", "figure", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
            "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "table",
            "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var", "script", "style", "iframe",
            "object", "embed", "applet", "form", "input", "button", "meta", "link", "base", "svg", "video", "audio",
            "source", "picture", "time", "section", "article", "header", "footer", "nav", "aside", "main");
    private static final Pattern TAG = Pattern.compile("</?([A-Za-z][A-Za-z0-9]*)");
    private static final Pattern CLOSE_OR_ENTITY = Pattern.compile("</[A-Za-z][A-Za-z0-9]*\\s*>|&#?\\w+;");

    private FeedDom() {}

    /** Parses the XML text (its DOCTYPE already removed); nothing outside the text is ever read. */
    static Document read(String text) throws JDOMException, IOException {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
        builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        builder.setExpandEntities(false);
        builder.setXMLFilter(new ItemCap(FeedParser.MAX_ITEMS));
        return builder.build(new StringReader(text));
    }

    /** Applies the repairs described above to {@code doc}. */
    static void repair(Document doc) {
        Element root = doc.getRootElement();
        String ns = root.getNamespaceURI();
        if (ns.equals(ATOM03) || ns.equals(ATOM10)) {
            capItems(root, "entry");
            for (Element el : new ArrayList<>(root.getChildren())) {
                atom(el, ns.equals(ATOM03));
                if (el.getName().equals("entry")) {
                    el.getChildren().forEach(child -> atom(child, ns.equals(ATOM03)));
                }
            }
        } else {
            normaliseCase(root);
            if (root.getName().equals("RDF")) {
                liftChannelItems(root);
            }
            capItems(root, "item");
            Element channel = root.getChild("channel", root.getNamespace());
            if (channel != null) {
                capItems(channel, "item");
            }
        }
    }

    /**
     * RSS 0.90 and 1.0 items written inside the channel (a common mistake) moved out beside it, where ROME reads
     * them, keeping document order.
     */
    private static void liftChannelItems(Element rdf) {
        for (Element channel : new ArrayList<>(rdf.getChildren())) {
            if (!channel.getName().equals("channel")) {
                continue;
            }
            int at = rdf.indexOf(channel) + 1;
            for (Element item : new ArrayList<>(channel.getChildren("item", channel.getNamespace()))) {
                rdf.addContent(at++, item.detach());
            }
        }
    }

    /** Keeps the first {@link FeedParser#MAX_ITEMS} children named {@code name}; removes the others. */
    private static void capItems(Element parent, String name) {
        int seen = 0;
        List<Element> drop = new ArrayList<>();
        for (Element child : parent.getChildren()) {
            if (child.getName().equals(name) && ++seen > FeedParser.MAX_ITEMS) {
                drop.add(child);
            }
        }
        drop.forEach(parent::removeContent);
    }

    /**
     * The name of an element of an RSS document as the repairs leave it: an RSS core element written in another
     * case ({@code <TiTlE>}) by its proper name, any other as it is.
     */
    static String rssName(String ns, String name) {
        if (!RSS_NAMESPACES.contains(ns) || PROPER_NAMES.contains(name)) {
            return name; // the common cases, without lowering the case of every name
        }
        String proper = RSS_ELEMENTS.get(name.toLowerCase(Locale.ROOT));
        return proper != null ? proper : name;
    }

    /** Renames RSS core elements written in another case ({@code <TiTlE>}) to their proper names. */
    private static void normaliseCase(Element root) {
        List<Element> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            Element el = stack.remove(stack.size() - 1);
            String proper = rssName(el.getNamespaceURI(), el.getName());
            if (!proper.equals(el.getName())) {
                el.setName(proper);
            }
            stack.addAll(el.getChildren());
        }
    }

    /** One child of an Atom feed or entry: decodes base64 text constructs, types naked markup as XHTML. */
    private static void atom(Element el, boolean atom03) {
        Namespace ns = el.getNamespace();
        boolean construct = (atom03 ? ATOM03_TEXT : ATOM10_TEXT).contains(el.getName());
        if (!construct || !ns.getURI().equals(atom03 ? ATOM03 : ATOM10)) {
            return;
        }
        String type = el.getAttributeValue("type");
        if (atom03) {
            String mode = el.getAttributeValue("mode", "xml").strip().toLowerCase(Locale.ROOT);
            if (mode.equals("base64")) {
                String text = base64Text(el.getText());
                el.setText(text == null ? "" : text);
                el.setAttribute("mode", "escaped");
                if (type == null && text != null && looksLikeHtml(text)) {
                    el.setAttribute("type", "text/html");
                }
            } else if (!el.getChildren().isEmpty() && (type == null || !type.strip().toLowerCase(Locale.ROOT).endsWith("xml"))) {
                el.setAttribute("type", "application/xhtml+xml");
                el.setAttribute("mode", "xml");
            }
        } else if (type != null && isBase64Type(type)) {
            String text = base64Text(el.getText());
            el.setText(text == null ? "" : text);
            el.setAttribute("type", text != null && looksLikeHtml(text) ? "html" : "text");
        }
    }

    /** An Atom 1.0 media type whose content is base64 (RFC 4287 4.1.3.3): not text, html, xhtml, text/* or XML. */
    static boolean isBase64Type(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT);
        return t.contains("/") && !t.startsWith("text/") && !t.endsWith("+xml") && !t.endsWith("/xml");
    }

    /** The UTF-8 text that {@code encoded} is the base64 of, or null if it is not base64 of UTF-8 text. */
    static String base64Text(String encoded) {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(encoded.strip());
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Whether plain text is really HTML, the way feed readers guess: it has a closing tag or an entity
     * reference, and every tag in it is an HTML element.
     */
    static boolean looksLikeHtml(String s) {
        if (!CLOSE_OR_ENTITY.matcher(s).find()) {
            return false;
        }
        Matcher m = TAG.matcher(s);
        while (m.find()) {
            if (!HTML_TAGS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> byLowerCase(String... names) {
        Map<String, String> map = new HashMap<>();
        for (String name : names) {
            map.put(name.toLowerCase(Locale.ROOT), name);
        }
        return Map.copyOf(map);
    }
}
