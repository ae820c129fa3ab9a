package org.feedloom.parse;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small repairs that let ROME read feeds real readers accept: an Atom {@code <feed>} without its namespace
 * gets it, an {@code <rss>} with a missing or unknown version is read as 2.0. Pure.
 */
final class Repairs {
    static final Set<String> FEED_ROOTS = Set.of("rss", "feed", "rdf:RDF", "RDF", "channel");
    private static final Set<String> RSS_VERSIONS = Set.of("0.90", "0.91", "0.92", "0.93", "0.94", "2.0");
    private static final Pattern VERSION = Pattern.compile("\\bversion\\s*=\\s*[\"']([^\"']*)[\"']");

    private Repairs() {}

    /** The repaired document (its root element starts where it did). */
    static XmlDoc apply(XmlDoc doc) {
        String text = doc.text();
        int start = doc.rootStart();
        int end = text.indexOf('>', start);
        if (end < 0) {
            return doc;
        }
        String root = doc.rootName();
        String tag = text.substring(start, end);
        String fixed = tag;
        if (root.equals("feed") && !tag.matches("(?s).*\\sxmlns\\s*=.*")) {
            Matcher v = VERSION.matcher(tag);
            String ns = v.find() && v.group(1).startsWith("0.") ? "http://purl.org/atom/ns#" : "http://www.w3.org/2005/Atom";
            fixed = "<feed xmlns=\"" + ns + "\"" + tag.substring(5);
        } else if (root.equals("rss")) {
            Matcher v = VERSION.matcher(tag);
            if (!v.find()) {
                fixed = "<rss version=\"2.0\"" + tag.substring(4);
            } else if (!RSS_VERSIONS.contains(v.group(1).strip())) {
                fixed = tag.substring(0, v.start()) + "version=\"2.0\"" + tag.substring(v.end());
            }
        }
        String out = fixed == tag ? text : text.substring(0, start) + fixed + text.substring(end);
        return doc.with(root.equals("rss") ? wrapChannel(out, start) : out);
    }

    /** An {@code <rss>} whose items sit directly under the root gets the {@code <channel>} they belong in. */
    private static String wrapChannel(String text, int start) {
        if (text.contains("<channel")) {
            return text;
        }
        int open = text.indexOf('>', start);
        int close = text.lastIndexOf("</rss");
        if (open < 0 || close < open || text.charAt(open - 1) == '/') {
            return text;
        }
        return text.substring(0, open + 1) + "<channel>" + text.substring(open + 1, close) + "</channel>" + text.substring(close);
    }
}
