package org.feedloom.canonical;

import java.util.regex.Pattern;

/**
 * Whether an article is an organisation's own announcement rather than an outlet's reporting: its URL lies under a
 * newsroom's path ({@code /press-releases/}, {@code /releases/}, {@code /newsroom/}, ...) or its text carries what
 * only releases carry (a "Media contact" line, a forward-looking statements disclaimer). A release and the stories
 * written from it share names, figures and quotes by design, so they are never linked as coverage of one story.
 * Pure and thread-safe.
 */
final class PressRelease {
    private static final Pattern PATH = Pattern.compile(
            "/(?:press[-_]?releases?|releases|news-releases|newsroom|pressroom|media-cent(?:re|er))/",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TEXT = Pattern.compile(
            "(?:^|\\n|>)\\s*(?:media|press) (?:contacts?|enquiries|inquiries)\\b|forward-looking statements?",
            Pattern.CASE_INSENSITIVE);

    private PressRelease() {}

    static boolean is(String url, String content) {
        return PATH.matcher(path(url)).find() || content != null && TEXT.matcher(content).find();
    }

    /** The path of a URL with a slash after it, so that a last segment matches too; the URL when it has none. */
    private static String path(String url) {
        try {
            String path = java.net.URI.create(url).getRawPath();
            return path == null ? "" : path + "/";
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
