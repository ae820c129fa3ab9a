package org.feedloom.publish;

import com.google.gson.stream.JsonWriter;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.TreeMap;
import org.feedloom.model.Fold;
import org.feedloom.model.InstanceStatus;
import org.feedloom.model.RebuildFailure;
import org.feedloom.model.StoryLink;
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
        return json(states, articles, removals, List.of(), now, false, null);
    }

    /**
     * As above, with the instances sharing the database (an {@code instances} list, when there are any), whether
     * a restart is still merging its stored archive ({@code "merging": true}: what is served meanwhile, and counted, is
     * what the last run published, without what it stored after its last sync), and the rebuilds {@code failing} in a
     * row, if any ({@code "rebuildFailing"}, null while they pass).
     */
    public byte[] json(List<SourceState> states, int articles, Removals removals, List<InstanceStatus> instances,
                       Instant now, boolean merging, RebuildFailure failing) {
        return JsonDocument.write(json -> {
            json.beginObject().name("generated").value(JsonDocument.text(now)).name("merging").value(merging);
            rebuildFailing(json, failing);
            json.name("articles").value(articles)
                    .name("hidden").value(removals.hidden())
                    .name("excludedFromTopics").value(removals.excludedFromTopics());
            if (removals.applyingRules()) { // changed topic rules or hidden URLs, applied in batches
                json.name("applyingRules").beginObject().name("assessed").value(removals.assessed())
                        .name("of").value(removals.toAssess()).endObject();
            }
            json.name("excludedByTopic").beginObject();
            for (Map.Entry<String, Integer> e : new TreeMap<>(removals.excludedByTopic()).entrySet()) {
                json.name(e.getKey()).value(e.getValue().intValue());
            }
            json.endObject().name("sources").beginArray();
            for (SourceState s : states) {
                source(json, s, removals.excludedFrom(s.sourceId()));
            }
            json.endArray().name("folds").beginArray();
            for (Fold f : removals.folds()) {
                json.beginObject().name("url").value(f.url()).name("copy").value(f.copyUrl())
                        .name("provider").value(f.copyProvider()).name("containment").value(f.containment())
                        .name("shared").value(f.shared()).name("shingles").value(f.shingles())
                        .name("phrase").value(f.phrase()).endObject();
            }
            json.endArray();
            if (!instances.isEmpty()) {
                json.name("instances").beginArray();
                for (InstanceStatus i : instances) {
                    json.beginObject().name("id").value(i.id()).name("role").value(i.role())
                            .name("started").value(JsonDocument.text(i.started()))
                            .name("lastSeen").value(JsonDocument.text(i.lastSeen())).name("this").value(i.self())
                            .name("sameConfiguration").value(i.sameLoaded()).endObject();
                }
                json.endArray();
            }
            json.name("related").beginArray();
            for (StoryLink link : removals.storyLinks()) {
                json.beginObject().name("url").value(link.url()).name("other").value(link.otherUrl())
                        .name("provider").value(link.otherProvider()).name("score").value(link.score())
                        .name("terms").beginArray();
                for (String term : link.terms()) {
                    json.value(term);
                }
                json.endArray().endObject();
            }
            json.endArray().endObject();
        });
    }

    /**
     * {@code /healthz}: the service answers, with the size and version of the catalog it serves, whether a restart
     * is still merging its stored archive (the counts are partial until {@code merging} is false), and the rebuilds
     * {@code failing} in a row, if any (null while they pass: then what was fetched is published). Its
     * {@code status} is {@code stopped} when their last error stopped them until a restart, else {@code ok}.
     */
    public byte[] health(int articles, int topics, long catalogVersion, boolean merging, RebuildFailure failing) {
        return JsonDocument.write(json -> {
            boolean stopped = failing != null && failing.stopped();
            json.beginObject().name("status").value(stopped ? "stopped" : "ok").name("merging").value(merging)
                    .name("articles").value(articles).name("topics").value(topics).name("version").value(catalogVersion);
            rebuildFailing(json, failing);
            json.endObject();
        });
    }

    private static void rebuildFailing(JsonWriter json, RebuildFailure failing) throws IOException {
        json.name("rebuildFailing");
        if (failing == null) {
            json.nullValue();
        } else {
            json.beginObject().name("since").value(JsonDocument.text(failing.since()))
                    .name("failures").value(failing.failures()).name("error").value(failing.error())
                    .name("stopped").value(failing.stopped()).endObject();
        }
    }

    private static void source(JsonWriter json, SourceState s, int excluded) throws IOException {
        json.beginObject().name("id").value(s.sourceId()).name("url").value(s.url())
                .name("feedUrl").value(s.feedUrl()).name("state").value(s.status().label())
                .name("lastAttempt").value(JsonDocument.text(s.lastAttempt()))
                .name("lastSuccess").value(JsonDocument.text(s.lastSuccess()))
                .name("httpStatus").value(s.httpStatus()).name("items").value(s.itemsInLast())
                .name("newItems").value(s.newItems()).name("excluded").value(excluded)
                .name("failures").value(s.failures()).name("error").value(s.error())
                .name("nextFetch").value(JsonDocument.text(s.nextFetch()))
                .endObject();
    }

    /** The page for people: one table row per source, from the {@code status} template. */
    public byte[] html(List<SourceState> states, int articles, Removals removals, Instant now, String baseUrl) {
        return html(states, articles, removals, List.of(), now, baseUrl, false, null);
    }

    /**
     * As above, with a table of the instances sharing the database, when there are any, a notice while a restart
     * merges its stored archive, and one while rebuilds fail.
     */
    public byte[] html(List<SourceState> states, int articles, Removals removals, List<InstanceStatus> instances,
                       Instant now, String baseUrl, boolean merging, RebuildFailure failing) {
        Map<String, Object> ctx = new HashMap<>();
        List<Map<String, Object>> instanceRows = new ArrayList<>();
        for (InstanceStatus i : instances) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", i.id());
            row.put("role", i.role());
            row.put("started", time(i.started()));
            row.put("lastSeen", time(i.lastSeen()));
            row.put("self", i.self());
            row.put("differs", !i.sameLoaded());
            instanceRows.add(row);
        }
        ctx.put("instances", instanceRows);
        ctx.put("anyInstances", !instanceRows.isEmpty());
        ctx.put("anyDiffers", instances.stream().anyMatch(i -> !i.sameLoaded()));
        ctx.put("siteTitle", site.title());
        ctx.put("pageTitle", site.title() + " — sources");
        ctx.put("base", baseUrl);
        ctx.put("count", states.size());
        ctx.put("articles", articles);
        ctx.put("merging", merging);
        if (failing != null) {
            ctx.put("rebuildFailing", Map.of("since", time(failing.since()), "failures", failing.failures(),
                    "error", failing.error(), "stopped", failing.stopped()));
        }
        ctx.put("now", time(now));
        ctx.put("hidden", removals.hidden());
        ctx.put("excludedFromTopics", removals.excludedFromTopics());
        if (removals.applyingRules()) {
            ctx.put("applyingRules", Map.of("assessed", removals.assessed(), "toAssess", removals.toAssess()));
        }
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
        List<Map<String, Object>> folds = new ArrayList<>();
        for (Fold f : removals.folds()) {
            Map<String, Object> fold = new HashMap<>();
            fold.put("url", f.url());
            fold.put("copyUrl", f.copyUrl());
            fold.put("provider", f.copyProvider());
            folds.add(HtmlPages.withEvidence(fold, f));
        }
        ctx.put("folds", folds);
        ctx.put("anyFolds", !folds.isEmpty());
        List<Map<String, Object>> storyLinks = new ArrayList<>();
        for (StoryLink link : removals.storyLinks()) {
            storyLinks.add(Map.of("url", link.url(), "otherUrl", link.otherUrl(), "provider",
                    String.valueOf(link.otherProvider()), "terms", String.join(", ", link.terms()),
                    "score", link.score()));
        }
        ctx.put("storyLinks", storyLinks);
        ctx.put("anyStoryLinks", !storyLinks.isEmpty());
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
