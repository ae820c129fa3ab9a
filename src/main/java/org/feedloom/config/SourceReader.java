package org.feedloom.config;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.feedloom.model.Source;
import org.feedloom.model.Topic;
import org.feedloom.model.TopicRule;
import org.feedloom.yaml.YamlMapping;
import org.feedloom.yaml.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads the entries of the {@code sources:} and {@code topics:} lists. */
final class SourceReader {
    static final List<String> SOURCE_KEYS = List.of("url", "site", "name", "topics", "exclude", "interval", "enabled");
    static final List<String> TOPIC_KEYS = List.of("name", "slug", "aliases", "keywords", "exclude");

    private SourceReader() {}

    /** One source, or null when it has a problem (already reported). */
    static Source read(YamlMapping entry) {
        YamlNodes nodes = entry.nodes();
        int before = nodes.problemCount();
        String url = null;
        String site = null;
        String name = null;
        List<String> topics = List.of();
        List<String> exclude = List.of();
        Duration interval = Source.DEFAULT_INTERVAL;
        boolean enabled = true;
        for (NodeTuple t : entry.entries("source", SOURCE_KEYS)) {
            Node v = t.getValueNode();
            switch (YamlNodes.key(t)) {
                case "url" -> url = nodes.url(v, "url");
                case "site" -> site = site(nodes, v);
                case "name" -> name = nodes.text(v, "name");
                case "topics" -> topics = nodes.strings(v, "topics");
                case "exclude" -> exclude = nodes.list(v, "exclude");
                case "interval" -> {
                    Duration d = Schema.duration(nodes, v, "interval");
                    if (d != null && d.compareTo(Source.MIN_INTERVAL) < 0) {
                        nodes.problem(v, "'interval' must be at least 1m, got " + d.toSeconds() + "s");
                    } else if (d != null) {
                        interval = d;
                    }
                }
                default -> {
                    Boolean b = nodes.bool(v, "enabled");
                    enabled = b == null || b;
                }
            }
        }
        boolean hasUrl = entry.has("url");
        boolean hasSite = entry.has("site");
        if (hasUrl == hasSite) {
            entry.problem(hasUrl ? "a source has either 'url' (a feed) or 'site' (to discover its feed), not both"
                    : "a source needs 'url' (a feed) or 'site' (a domain or homepage to discover its feed from)");
        }
        if (nodes.problemCount() > before) {
            return null;
        }
        return new Source(id(name, url != null ? url : site), name, url, site, topics, exclude, interval, enabled,
                entry.origin());
    }

    /** One topic, or null when it has a problem (already reported). */
    static TopicRule topic(YamlMapping entry) {
        YamlNodes nodes = entry.nodes();
        int before = nodes.problemCount();
        String name = null;
        String slug = null;
        List<String> aliases = List.of();
        List<String> keywords = List.of();
        List<String> exclude = List.of();
        for (NodeTuple t : entry.entries("topic", TOPIC_KEYS)) {
            Node v = t.getValueNode();
            switch (YamlNodes.key(t)) {
                case "name" -> name = nodes.text(v, "name");
                case "slug" -> {
                    slug = nodes.text(v, "slug");
                    if (slug != null && !Topic.isSlug(slug)) {
                        nodes.problem(v, "'slug' must be lower-case letters and digits separated by single dashes, got '"
                                + slug + "'");
                    } else if (Topic.ALL_SLUG.equals(slug)) {
                        nodes.problem(v, "'slug' must not be '" + Topic.ALL_SLUG
                                + "': that is the feed of every article");
                    }
                }
                case "aliases" -> aliases = nodes.strings(v, "aliases");
                case "exclude" -> exclude = nodes.list(v, "exclude");
                default -> keywords = nodes.strings(v, "keywords");
            }
        }
        if (!entry.has("name")) {
            entry.problem("a topic needs a 'name'");
        } else if (name != null && !entry.has("slug") && Topic.slugOf(name).equals(Topic.ALL_SLUG)) {
            entry.problem("topic '" + name + "' gets the slug '" + Topic.ALL_SLUG
                    + "' from its name, the feed of every article; give it a 'slug'");
        }
        return nodes.problemCount() > before ? null : new TopicRule(name, slug, aliases, keywords, exclude);
    }

    /** A bare domain ({@code popsci.com}) or a homepage URL. */
    private static String site(YamlNodes nodes, Node v) {
        String s = nodes.text(v, "site");
        if (s == null) {
            return null;
        }
        String asUrl = s.contains("://") ? s : "https://" + s;
        String problem = YamlNodes.urlProblem(asUrl);
        if (problem != null || s.contains(" ")) {
            nodes.problem(v, "'site' must be a domain or an http(s) homepage URL, got '" + s + "'");
            return null;
        }
        return s;
    }

    /** The slug of the name if given, else of the URL's host and path ({@code popsci-com}). */
    static String id(String name, String where) {
        if (name != null) {
            String slug = Topic.slugOf(name);
            if (!slug.isEmpty()) {
                return slug;
            }
        }
        String stripped = WWW.matcher(SCHEME.matcher(where).replaceFirst("")).replaceFirst("");
        return Topic.slugOf(stripped);
    }

    /*
     * Compiled once: a configuration of a thousand sources compiled each of them for every source, at every start
     * (String.replaceFirst compiles its expression each call).
     */
    private static final Pattern SCHEME = Pattern.compile("^https?://", Pattern.CASE_INSENSITIVE);
    private static final Pattern WWW = Pattern.compile("^www\\.", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

    /** Normalised target of a source, for duplicate detection: no scheme, lower-case host, no www, no trailing /. */
    static String target(Source s) {
        String where = s.url() != null ? s.url() : s.site();
        String x = SCHEME.matcher(where.strip()).replaceFirst("");
        int slash = x.indexOf('/');
        String host = WWW.matcher((slash < 0 ? x : x.substring(0, slash)).toLowerCase(java.util.Locale.ROOT))
                .replaceFirst("");
        String path = slash < 0 ? "" : x.substring(slash);
        return host + TRAILING_SLASHES.matcher(path).replaceAll("");
    }
}
