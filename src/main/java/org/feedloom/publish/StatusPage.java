package org.feedloom.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.feedloom.model.SourceState;

/**
 * The status of every live source, as JSON ({@code /status}) and as an HTML page ({@code /status.html}): one row
 * per source with its configured and discovered URL, state, last attempt and success, HTTP status, items in the
 * last response, new items, error and next fetch. Every value is escaped. Pure; thread-safe.
 */
public final class StatusPage {
    private final SiteInfo site;

    public StatusPage(SiteInfo site) {
        this.site = site;
    }

    public byte[] json(List<SourceState> states, int articles, Instant now) {
        Json json = new Json().begin('{').field("generated", now).field("articles", articles)
                .name("sources").begin('[');
        for (SourceState s : states) {
            json.begin('{').field("id", s.sourceId()).field("url", s.url()).field("feedUrl", s.feedUrl())
                    .field("state", s.status().label()).field("lastAttempt", s.lastAttempt())
                    .field("lastSuccess", s.lastSuccess()).field("httpStatus", s.httpStatus())
                    .field("items", s.itemsInLast()).field("newItems", s.newItems())
                    .field("failures", s.failures()).field("error", s.error()).field("nextFetch", s.nextFetch())
                    .end('}');
        }
        return (json.end(']').end('}') + "\n").getBytes(StandardCharsets.UTF_8);
    }

    public byte[] html(List<SourceState> states, int articles, Instant now) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(Html.escape(site.title())).append(" — sources</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse}")
                .append("td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}")
                .append(".error,.backing-off,.disabled{color:#a00}.ok,.not-modified{color:#060}</style>\n")
                .append("</head>\n<body>\n<h1>").append(Html.escape(site.title())).append(" — sources</h1>\n<p>")
                .append(states.size()).append(" sources, ").append(articles).append(" articles, as of ")
                .append(time(now)).append(".</p>\n<table>\n<thead><tr><th>Source</th>")
                .append("<th>Feed</th><th>State</th><th>Last attempt</th><th>Last success</th><th>HTTP</th>")
                .append("<th>Items</th><th>New</th><th>Error</th><th>Next fetch</th></tr></thead>\n<tbody>\n");
        for (SourceState s : states) {
            h.append("<tr><td>").append(Html.escape(s.sourceId())).append("<br><small>")
                    .append(Html.escape(s.url())).append("</small></td><td>").append(Html.escape(s.feedUrl()))
                    .append("</td><td class=\"").append(s.status().label()).append("\">")
                    .append(s.status().label()).append("</td><td>").append(time(s.lastAttempt()))
                    .append("</td><td>").append(time(s.lastSuccess())).append("</td><td>")
                    .append(s.httpStatus() == 0 ? "" : s.httpStatus()).append("</td><td>").append(s.itemsInLast())
                    .append("</td><td>").append(s.newItems()).append("</td><td>").append(Html.escape(s.error()))
                    .append("</td><td>").append(time(s.nextFetch())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</body>\n</html>\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String time(Instant t) {
        if (t == null) {
            return "";
        }
        String seconds = t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return "<time datetime=\"" + t + "\">" + seconds.replace('T', ' ').replace("Z", " UTC") + "</time>";
    }
}
