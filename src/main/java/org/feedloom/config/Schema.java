package org.feedloom.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedloom.model.Source;
import org.feedloom.model.TopicRule;
import org.feedloom.yaml.YamlMapping;
import org.feedloom.yaml.YamlNodes;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The single-file sections and their keys, as a table: adding a setting is one line here plus its use in
 * {@link #assemble}. Each key has a kind that says how its value is read and checked.
 */
final class Schema {
    enum Kind { TEXT, SECRET, URL, INT, BOOL, DURATION, SIZE, URL_PAIRS, DATABASE, HOSTS }

    record Key(Kind kind, int min, int max) {
        static Key of(Kind kind) {
            return new Key(kind, 0, Integer.MAX_VALUE);
        }

        static Key integer(int min, int max) {
            return new Key(Kind.INT, min, max);
        }
    }

    static final Map<String, Map<String, Key>> SECTIONS = new LinkedHashMap<>();
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final long MAX_SIZE = 1024L * 1024 * 1024 * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

    static {
        SECTIONS.put("site", ordered("title", Key.of(Kind.TEXT), "baseUrl", Key.of(Kind.URL), "author", Key.of(Kind.TEXT),
                "maxEntries", Key.integer(1, 1000)));
        SECTIONS.put("fetch", ordered("concurrency", Key.integer(1, 256), "perHost", Key.integer(1, 64),
                "connectTimeout", Key.of(Kind.DURATION), "timeout", Key.of(Kind.DURATION),
                "maxBodySize", Key.of(Kind.SIZE), "maxRedirects", Key.integer(0, 20),
                "allowPrivateNetworks", Key.of(Kind.BOOL), "hosts", Key.of(Kind.HOSTS)));
        SECTIONS.put("retention", ordered("maxAgeDays", Key.integer(1, 36_500),
                "maxItemsPerSource", Key.integer(1, 1_000_000), "forgetAfterDays", Key.integer(1, 36_500)));
        SECTIONS.put("admin", ordered("token", Key.of(Kind.SECRET)));
        SECTIONS.put("http", ordered("maxAge", Key.of(Kind.DURATION), "cacheSize", Key.of(Kind.SIZE)));
        SECTIONS.put("websub", ordered("hub", Key.of(Kind.URL)));
        SECTIONS.put("folding", ordered("enabled", Key.of(Kind.BOOL), "threshold", Key.integer(1, 100),
                "windowDays", Key.integer(0, 3_650), "minWords", Key.integer(1, 10_000),
                "neverFold", Key.of(Kind.URL_PAIRS), "alwaysFold", Key.of(Kind.URL_PAIRS)));
        SECTIONS.put("related", ordered("enabled", Key.of(Kind.BOOL), "windowHours", Key.integer(0, 720),
                "minShared", Key.integer(1, 8), "memoryEntries", Key.integer(0, 100_000_000)));
        SECTIONS.put("store", ordered("url", Key.of(Kind.DATABASE), "lease", Key.of(Kind.DURATION)));
    }

    private Schema() {}

    private static Map<String, Key> ordered(Object... pairs) {
        Map<String, Key> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Key) pairs[i + 1]);
        }
        return m;
    }

    /** The values of one section, by key; bad values are reported and left out. */
    static Map<String, Object> read(String section, YamlMapping mapping) {
        YamlNodes nodes = mapping.nodes();
        Map<String, Key> keys = SECTIONS.get(section);
        Map<String, Object> values = new LinkedHashMap<>();
        for (NodeTuple t : mapping.entries("'" + section + "'", keys.keySet())) {
            String name = YamlNodes.key(t);
            Key key = keys.get(name);
            Node v = t.getValueNode();
            Object value = switch (key.kind()) {
                case TEXT -> nodes.text(v, name);
                case SECRET -> secret(nodes, v, name);
                case URL -> nodes.url(v, name);
                case INT -> nodes.integer(v, name, key.min(), key.max());
                case BOOL -> nodes.bool(v, name);
                case DURATION -> positive(nodes, v, name, duration(nodes, v, name));
                case SIZE -> size(nodes, v, name);
                case DATABASE -> database(nodes, v, name);
                case HOSTS -> HostOverrides.read(nodes, v);
                case URL_PAIRS -> urlPairs(nodes, v, name);
            };
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    /** A list of pairs of URLs, each {@code [first, second]}; a bad entry is reported and left out. */
    private static List<List<String>> urlPairs(YamlNodes nodes, Node v, String name) {
        if (!(v instanceof SequenceNode list)) {
            nodes.problem(v, "'" + name + "' must be a list of URL pairs, e.g. - [https://a.example/x, "
                    + "https://b.example/y], got " + YamlNodes.describe(v));
            return null;
        }
        List<List<String>> pairs = new ArrayList<>();
        for (Node entry : list.getValue()) {
            if (!(entry instanceof SequenceNode pair) || pair.getValue().size() != 2) {
                nodes.problem(entry, "each '" + name + "' entry is a pair of URLs, [first, second], got "
                        + YamlNodes.describe(entry));
                continue;
            }
            String first = nodes.url(pair.getValue().get(0), name);
            String second = nodes.url(pair.getValue().get(1), name);
            if (first != null && second != null) {
                pairs.add(List.of(first, second));
            }
        }
        return pairs;
    }

    private static String secret(YamlNodes nodes, Node v, String name) {
        String s = nodes.text(v, name);
        if (s != null && s.length() < 16) {
            nodes.problem(v, "'" + name + "' must be at least 16 characters long");
            return null;
        }
        return s;
    }

    /**
     * A {@code postgresql://user@host:5432/database} URL. What is wrong is said without the value, which may hold a
     * password.
     */
    private static String database(YamlNodes nodes, Node v, String name) {
        String s = nodes.text(v, name);
        String problem = s == null ? null : databaseProblem(s);
        if (problem != null) {
            nodes.problem(v, "'" + name + "' " + problem + " (want postgresql://user@host:5432/database)");
            return null;
        }
        return s;
    }

    private static String databaseProblem(String v) {
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
        if (!"postgresql".equalsIgnoreCase(uri.getScheme())) {
            return "must be a postgresql:// URL";
        }
        if (uri.getHost() == null) {
            return "names no host";
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return path.length() < 2 || path.indexOf('/', 1) >= 0 ? "names no database" : null;
    }

    static Duration positive(YamlNodes nodes, Node v, String name, Duration d) {
        if (d != null && (d.isNegative() || d.isZero())) {
            nodes.problem(v, "'" + name + "' must be longer than zero");
            return null;
        }
        return d;
    }

    /** {@code 90s}, {@code 30m}, {@code 1h30m}, {@code 2d} or ISO-8601 {@code PT30M}. */
    static Duration duration(YamlNodes nodes, Node node, String key) {
        String v = node instanceof ScalarNode s ? s.getValue().strip() : "";
        if (v.matches("\\d+")) {
            nodes.problem(node, "'" + key + "' needs a unit: '" + v + "' could be " + v + "s, " + v + "m or " + v + "h");
            return null;
        }
        Matcher m = DURATION.matcher(v);
        if (!v.isEmpty() && m.matches()) {
            Duration d = Duration.ZERO;
            long[] unitSeconds = {86_400, 3_600, 60, 1};
            for (int i = 0; i < 4; i++) {
                if (m.group(i + 1) != null) {
                    d = d.plusSeconds(Long.parseLong(m.group(i + 1)) * unitSeconds[i]);
                }
            }
            return d;
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            nodes.problem(node, "'" + key + "' is not a duration: " + YamlNodes.describe(node)
                    + " (use e.g. 90s, 30m, 1h30m, 2d)");
            return null;
        }
    }

    /**
     * Bytes, or a number with B, KiB, MiB, GiB (KB, MB, GB are read as the binary units too); at least 1 byte, at
     * most {@link #MAX_SIZE}.
     */
    private static Long size(YamlNodes nodes, Node node, String key) {
        String v = node instanceof ScalarNode s ? s.getValue().strip() : "";
        Matcher m = SIZE.matcher(v);
        if (!m.matches()) {
            nodes.problem(node, "'" + key + "' is not a size: " + YamlNodes.describe(node)
                    + " (use e.g. 10MiB, 512KiB or bytes)");
            return null;
        }
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        long n;
        try {
            n = Math.multiplyExact(Long.parseLong(m.group(1)), factor);
        } catch (NumberFormatException | ArithmeticException e) {
            n = Long.MAX_VALUE;
        }
        if (n < 1 || n > MAX_SIZE) {
            nodes.problem(node, "'" + key + "' must be from 1 byte to 1024GiB, got " + YamlNodes.describe(node));
            return null;
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, FeedloomConfig.Fetch.Host> hosts(Object value) {
        return value == null ? Map.of() : (Map<String, FeedloomConfig.Fetch.Host>) value;
    }

    /** The configuration from the section values (defaults for what is absent), sources, topics and hidden URLs. */
    static FeedloomConfig assemble(Map<String, Map<String, Object>> v, List<Source> sources, List<TopicRule> topics,
                                   List<String> hide) {
        Map<String, Object> site = v.getOrDefault("site", Map.of());
        Map<String, Object> fetch = v.getOrDefault("fetch", Map.of());
        Map<String, Object> retention = v.getOrDefault("retention", Map.of());
        FeedloomConfig.Site siteDefaults = FeedloomConfig.Site.DEFAULT;
        FeedloomConfig.Fetch fetchDefaults = FeedloomConfig.Fetch.DEFAULT;
        FeedloomConfig.Retention retentionDefaults = FeedloomConfig.Retention.DEFAULT;
        return new FeedloomConfig(
                new FeedloomConfig.Site((String) site.getOrDefault("title", siteDefaults.title()),
                        (String) site.get("baseUrl"), (String) site.get("author"),
                        (Integer) site.getOrDefault("maxEntries", siteDefaults.maxEntries())),
                sources, topics, hide,
                new FeedloomConfig.Fetch((Integer) fetch.getOrDefault("concurrency", fetchDefaults.concurrency()),
                        (Integer) fetch.getOrDefault("perHost", fetchDefaults.perHost()),
                        (Duration) fetch.getOrDefault("connectTimeout", fetchDefaults.connectTimeout()),
                        (Duration) fetch.getOrDefault("timeout", fetchDefaults.timeout()),
                        (Long) fetch.getOrDefault("maxBodySize", fetchDefaults.maxBodyBytes()),
                        (Integer) fetch.getOrDefault("maxRedirects", fetchDefaults.maxRedirects()),
                        (Boolean) fetch.getOrDefault("allowPrivateNetworks", fetchDefaults.allowPrivateNetworks()),
                        hosts(fetch.get("hosts"))),
                new FeedloomConfig.Retention(
                        (Integer) retention.getOrDefault("maxAgeDays", retentionDefaults.maxAgeDays()),
                        (Integer) retention.getOrDefault("maxItemsPerSource", retentionDefaults.maxItemsPerSource()),
                        (Integer) retention.getOrDefault("forgetAfterDays", retentionDefaults.forgetAfterDays())),
                new FeedloomConfig.Admin((String) v.getOrDefault("admin", Map.of()).get("token")),
                new FeedloomConfig.Http((Duration) v.getOrDefault("http", Map.of())
                        .getOrDefault("maxAge", FeedloomConfig.Http.DEFAULT.maxAge()),
                        (Long) v.getOrDefault("http", Map.of())
                                .getOrDefault("cacheSize", FeedloomConfig.Http.DEFAULT.cacheBytes())),
                new FeedloomConfig.WebSub((String) v.getOrDefault("websub", Map.of()).get("hub")),
                new FeedloomConfig.Store((String) v.getOrDefault("store", Map.of()).get("url"),
                        (Duration) v.getOrDefault("store", Map.of()).get("lease")), folding(v), related(v));
    }

    private static FeedloomConfig.Related related(Map<String, Map<String, Object>> v) {
        Map<String, Object> related = v.getOrDefault("related", Map.of());
        FeedloomConfig.Related d = FeedloomConfig.Related.DEFAULT;
        return new FeedloomConfig.Related((Boolean) related.getOrDefault("enabled", d.enabled()),
                (Integer) related.getOrDefault("windowHours", d.windowHours()),
                (Integer) related.getOrDefault("minShared", d.minShared()),
                (Integer) related.getOrDefault("memoryEntries", d.memoryEntries()));
    }

    @SuppressWarnings("unchecked")
    private static FeedloomConfig.Folding folding(Map<String, Map<String, Object>> v) {
        Map<String, Object> folding = v.getOrDefault("folding", Map.of());
        FeedloomConfig.Folding d = FeedloomConfig.Folding.DEFAULT;
        return new FeedloomConfig.Folding((Boolean) folding.getOrDefault("enabled", d.enabled()),
                (Integer) folding.getOrDefault("threshold", d.threshold()),
                (Integer) folding.getOrDefault("windowDays", d.windowDays()),
                (Integer) folding.getOrDefault("minWords", d.minWords()),
                (List<List<String>>) folding.getOrDefault("neverFold", d.neverFold()),
                (List<List<String>>) folding.getOrDefault("alwaysFold", d.alwaysFold()));
    }
}
