package org.feedloom.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one place that reads an item's extension elements, for both paths: images from {@code media:thumbnail}
 * and image {@code media:content} anywhere in media groups, and what podcast and media feeds say where the core
 * elements are missing, as feed readers use it (the title from {@code media:title} or {@code itunes:title}, the
 * summary from {@code itunes:summary}, {@code itunes:subtitle} or {@code media:description}, the author from
 * {@code itunes:author} or {@code dc:author}). Also which elements ROME's Dublin Core module takes, so that the
 * StAX path knows which elements ROME leaves as foreign markup. Pure.
 */
final class Extensions {
    static final String MEDIA = "http://search.yahoo.com/mrss/";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    /** The Dublin Core elements ROME's module reads; an item with any of them has the module. */
    private static final Set<String> DC_MODULE = Set.of("title", "creator", "subject", "description", "publisher",
            "contributor", "date", "type", "format", "identifier", "source", "language", "relation", "coverage",
            "rights");

    private Extensions() {}

    /** Whether {@code name} in the Dublin Core namespace is read by ROME's module (else it is foreign markup). */
    static boolean isDcModuleElement(String name) {
        return DC_MODULE.contains(name);
    }

    /** Reads the item's foreign markup (the elements ROME leaves to the caller) into {@code f}. */
    static void read(List<? extends Markup> foreign, ItemFields f, String base) {
        media(foreign, f, base);
        fallbacks(foreign, f);
    }

    /** media:thumbnail and media:content (images) anywhere in the markup. */
    private static void media(List<? extends Markup> markup, ItemFields f, String base) {
        for (Markup el : markup) {
            if (MEDIA.equals(el.ns())) {
                String medium = el.attr("medium");
                String type = el.attr("type");
                boolean image = el.name().equals("thumbnail") || "image".equals(medium)
                        || (type != null && type.startsWith("image/"));
                if (image) {
                    f.image(Links.http(el.attr("url"), base), integer(el.attr("width")), integer(el.attr("height")));
                }
                media(el.children(), f, base);
            }
        }
    }

    private static void fallbacks(List<? extends Markup> markup, ItemFields f) {
        for (Markup el : flatten(markup)) {
            String ns = el.ns();
            boolean itunes = ns.equalsIgnoreCase(ITUNES);
            boolean media = ns.equals(MEDIA);
            String value = el.textNormalize();
            String name = el.name();
            if (ns.equals(DC) && name.equals("author") && isBlank(f.author) && !value.isEmpty()) {
                f.author = value; // not Dublin Core, but written in the wild
            }
            if ((!itunes && !media) || value.isEmpty()) {
                continue;
            }
            if (isBlank(f.title) && name.equals("title")) {
                f.title = "html".equals(el.attr("type")) ? el.text() : escape(el.text());
            } else if (isBlank(f.summaryHtml) && itunes && (name.equals("summary") || name.equals("subtitle"))) {
                f.summaryHtml = escape(el.text());
            } else if (isBlank(f.summaryHtml) && media && name.equals("description")) {
                f.summaryHtml = "html".equals(el.attr("type")) ? el.text() : escape(el.text());
            } else if (isBlank(f.author) && itunes && name.equals("author")) {
                f.author = value;
            }
        }
    }

    /** The elements and, for media groups and contents, their children (depth-first, document order). */
    private static List<Markup> flatten(List<? extends Markup> markup) {
        List<Markup> all = new ArrayList<>();
        for (Markup el : markup) {
            all.add(el);
            if (MEDIA.equals(el.ns())) {
                all.addAll(flatten(el.children()));
            }
        }
        return all;
    }

    /**
     * Text as HTML: the three markup characters escaped ({@code &amp; &lt; &gt;}), in one pass into a builder of the
     * exact length; the text itself when it has none; null for null.
     */
    static String escape(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        int added = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            added += c == '&' ? 4 : c == '<' || c == '>' ? 3 : 0;
        }
        if (added == 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(n + added);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
