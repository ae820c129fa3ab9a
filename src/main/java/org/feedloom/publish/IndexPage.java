package org.feedloom.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.feedloom.model.Catalog;
import org.feedloom.model.Topic;

/**
 * The HTML home page: one row per topic (name, entry count, last updated, subscribe link) and one
 * {@code <link rel="alternate" type="application/atom+xml">} per topic feed so readers discover them.
 * Every value is escaped. Pure; thread-safe.
 */
public final class IndexPage {
    private final SiteInfo site;

    public IndexPage(SiteInfo site) {
        this.site = site;
    }

    public byte[] render(Catalog catalog, String baseUrl) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(site.title())).append("</title>\n");
        for (Topic topic : catalog.topics()) {
            String title = Html.escape(site.title() + " — " + topic.name());
            html.append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"").append(title)
                    .append("\" href=\"").append(Html.escape(AtomRenderer.feedUrl(baseUrl, topic))).append("\">\n");
        }
        for (Topic topic : catalog.topics()) {
            String title = Html.escape(site.title() + " — " + topic.name());
            html.append("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"").append(title)
                    .append(" (RSS)\" href=\"").append(Html.escape(RssRenderer.feedUrl(baseUrl, topic))).append("\">\n")
                    .append("<link rel=\"alternate\" type=\"application/feed+json\" title=\"").append(title)
                    .append(" (JSON)\" href=\"").append(Html.escape(JsonFeedRenderer.feedUrl(baseUrl, topic)))
                    .append("\">\n");
        }
        html.append("<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}")
                .append("table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem;")
                .append("border-bottom:1px solid #ddd}</style>\n</head>\n<body>\n<h1>")
                .append(Html.escape(site.title())).append("</h1>\n<p>Subscribe to a topic in your feed reader, or ")
                .append("import <a href=\"").append(Html.escape(baseUrl)).append("feeds/index.opml\">all feeds as OPML")
                .append("</a>.</p>\n<table>\n<thead><tr><th>Topic</th><th>Entries</th><th>Last updated</th>")
                .append("<th>Feed</th></tr></thead>\n<tbody>\n");
        for (Topic topic : catalog.topics()) {
            int count = catalog.articlesOf(topic.slug()).size();
            Instant updated = catalog.updatedOf(topic.slug());
            String feed = AtomRenderer.feedUrl(baseUrl, topic);
            html.append("<tr><td>").append(Html.escape(topic.name())).append("</td><td>").append(count)
                    .append("</td><td>")
                    .append(count == 0 ? "" : "<time datetime=\"" + DateTimeFormatter.ISO_INSTANT.format(updated)
                            + "\">" + DateTimeFormatter.ISO_INSTANT.format(updated).substring(0, 10) + "</time>")
                    .append("</td><td><a href=\"").append(Html.escape(feed)).append("\">Subscribe (Atom)</a> · <a href=\"")
                    .append(Html.escape(RssRenderer.feedUrl(baseUrl, topic))).append("\">RSS</a> · <a href=\"")
                    .append(Html.escape(JsonFeedRenderer.feedUrl(baseUrl, topic))).append("\">JSON</a>")
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }
}
