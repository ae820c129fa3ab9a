package org.feedloom.publish;

import java.nio.charset.StandardCharsets;
import com.samskivert.mustache.Template;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.TreeMap;
import org.feedloom.model.Removals;
import org.feedloom.model.SourceState;

/**
 * The status of every live source, as JSON ({@code /status}) and as an HTML page ({@code /status.html}, from a template): one row
 * per source with its configured and discovered URL, state, last attempt and success, HTTP status, items in the
 * last response, new items, stored items its {@code exclude:} drops, error and next fetch; and what the configuration
 * keeps out of the feeds: the articles hidden by {@code hide:}, and those kept out of topics by a topic's
 * {@code exclude:} (in all, and per topic slug). Every value is escaped. Pure; thread-safe.
 */
public final class StatusPage {
    private final SiteInfo site;
    private final Template page = Templates.compile("status");

    public StatusPage(SiteInfo site) {
        this.site = site;
    }

    public byte[] json(List<SourceState> states, int articles, Removals removals, Instant now) {
        Json json = new Json().begin('{').field("generated", now).field("articles", articles)
                .field("hidden", removals.hidden()).field("excludedFromTopics", removals.excludedFromTopics())
                .name("excludedByTopic").begin('{');
        new TreeMap<>(removals.excludedByTopic()).forEach(json::field);
        json.end('}').name("sources").begin('[');
        for (SourceState s : states) {
            json.begin('{').field("id", s.sourceId()).field("url", s.url()).field("feedUrl", s.feedUrl())
                    .field("state", s.status().label()).field("lastAttempt", s.lastAttempt())
                    .field("lastSuccess", s.lastSuccess()).field("httpStatus", s.httpStatus())
                    .field("items", s.itemsInLast()).field("newItems", s.newItems())
                    .field("excluded", removals.excludedFrom(s.sourceId()))
                    .field("failures", s.failures()).field("error", s.error()).field("nextFetch", s.nextFetch())
                    .end('}');
        }
        return (json.end(']').end('}') + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The page for people: one table row per source, from the {@code status} template. */
    public byte[] html(List<SourceState> states, int articles, Removals removals, Instant now, String baseUrl) {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("siteTitle", site.title());
        ctx.put("pageTitle", site.title() + " — sources");
        ctx.put("base", baseUrl);
        ctx.put("count", states.size());
        ctx.put("articles", articles);
        ctx.put("now", time(now));
        ctx.put("hidden", removals.hidden());
        ctx.put("excludedFromTopics", removals.excludedFromTopics());
        List<Map<String, Object>> byTopic = new ArrayList<>();
        new TreeMap<>(removals.excludedByTopic()).forEach((slug, n) -> byTopic.add(Map.of("slug", slug, "count", n)));
        ctx.put("excludedByTopic", byTopic);
        ctx.put("anyByTopic", !byTopic.isEmpty());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SourceState s : states) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", s.sourceId());
            row.put("url", s.url());
            row.put("feedUrl", s.feedUrl());
            row.put("state", s.status().label());
            row.put("lastAttempt", time(s.lastAttempt()));
            row.put("lastSuccess", time(s.lastSuccess()));
            row.put("httpStatus", s.httpStatus() == 0 ? null : s.httpStatus());
            row.put("items", s.itemsInLast());
            row.put("newItems", s.newItems());
            row.put("excluded", removals.excludedFrom(s.sourceId()));
            row.put("error", s.error());
            row.put("nextFetch", time(s.nextFetch()));
            rows.add(row);
        }
        ctx.put("sources", rows);
        return page.execute(ctx).getBytes(StandardCharsets.UTF_8);
    }

    /** An instant as {@code iso} (full precision, for machines) and {@code text} (to the second, for people). */
    private static Map<String, String> time(Instant t) {
        if (t == null) {
            return null;
        }
        String seconds = t.truncatedTo(ChronoUnit.SECONDS).toString();
        return Map.of("iso", t.toString(), "text", seconds.replace('T', ' ').replace("Z", " UTC"));
    }
}
