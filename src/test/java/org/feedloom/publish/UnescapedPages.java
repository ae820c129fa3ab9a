package org.feedloom.publish;

/**
 * For tests only: a publisher whose HTML pages copy every value into the page as it is, unescaped, so that markup
 * in an article's title (a {@code <script>}) reaches the browser the way it would if it got past the sanitiser and
 * the escaping. What is left between such a page and its reader is the server's headers.
 */
public final class UnescapedPages {
    private UnescapedPages() {}

    public static Publisher publisher(SiteInfo site, FeedCache cache) {
        return new Publisher(site, cache, PageSource.NONE, new HtmlPages(site, raw -> raw));
    }
}
