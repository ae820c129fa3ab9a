package org.feedloom.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedloom.model.Problem;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads typed values out of YAML nodes of one file, recording a {@code file:line} {@link Problem} for every
 * value of the wrong type, unknown key (with the nearest valid name) or value out of range. A bad value reads
 * as null. Not thread-safe; one per file.
 */
final class Nodes {
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

    final String file;
    final List<Problem> problems;

    Nodes(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    void problem(Node at, String message) {
        problems.add(new Problem(file, at == null ? 0 : line(at), message));
    }

    /** The entries of a mapping; reports keys outside {@code allowed} (naming the nearest one) and skips them. */
    List<NodeTuple> entries(MappingNode mapping, String where, Collection<String> allowed) {
        List<NodeTuple> out = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null || !allowed.contains(key)) {
                String name = key == null ? "(not a name)" : key;
                String near = key == null ? null : nearest(key, allowed);
                problem(t.getKeyNode(), "unknown key '" + name + "' in " + where
                        + (near != null ? "; did you mean '" + near + "'?" : "; valid keys: " + String.join(", ", allowed)));
            } else {
                out.add(t);
            }
        }
        return out;
    }

    static String key(NodeTuple t) {
        return ((ScalarNode) t.getKeyNode()).getValue();
    }

    MappingNode mapping(Node node, String what) {
        if (node instanceof MappingNode m) {
            return m;
        }
        problem(node, "'" + what + "' must be a mapping of keys to values");
        return null;
    }

    String string(Node node, String key) {
        if (node instanceof ScalarNode s && !s.getTag().getValue().endsWith(":null")) {
            String v = s.getValue().strip();
            if (!v.isEmpty()) {
                return v;
            }
        }
        problem(node, "'" + key + "' must be a non-empty text value");
        return null;
    }

    Integer integer(Node node, String key, int min, int max) {
        String v = node instanceof ScalarNode s ? s.getValue().strip() : null;
        try {
            int n = Integer.parseInt(v == null ? "" : v.replace("_", ""));
            if (n < min || n > max) {
                problem(node, "'" + key + "' must be from " + min + " to " + max + ", got " + n);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(node, "'" + key + "' must be an integer, got " + describe(node));
            return null;
        }
    }

    Boolean bool(Node node, String key) {
        String v = node instanceof ScalarNode s ? s.getValue().strip().toLowerCase(Locale.ROOT) : "";
        return switch (v) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> {
                problem(node, "'" + key + "' must be true or false, got " + describe(node));
                yield null;
            }
        };
    }

    /** {@code 90s}, {@code 30m}, {@code 1h30m}, {@code 2d} or ISO-8601 {@code PT30M}. */
    Duration duration(Node node, String key) {
        String v = node instanceof ScalarNode s ? s.getValue().strip() : "";
        if (v.matches("\\d+")) {
            problem(node, "'" + key + "' needs a unit: '" + v + "' could be " + v + "s, " + v + "m or " + v + "h");
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
            problem(node, "'" + key + "' is not a duration: " + describe(node) + " (use e.g. 90s, 30m, 1h30m, 2d)");
            return null;
        }
    }

    /** Bytes, or a number with B, KiB, MiB, GiB (KB, MB, GB are read as the binary units too). */
    Long size(Node node, String key) {
        String v = node instanceof ScalarNode s ? s.getValue().strip() : "";
        Matcher m = SIZE.matcher(v);
        if (!m.matches()) {
            problem(node, "'" + key + "' is not a size: " + describe(node) + " (use e.g. 10MiB, 512KiB or bytes)");
            return null;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return n * factor;
    }

    /** An absolute http(s) URL with a host. */
    String url(Node node, String key) {
        String v = string(node, key);
        if (v == null) {
            return null;
        }
        String problem = urlProblem(v);
        if (problem != null) {
            problem(node, "'" + key + "' " + problem + ": '" + v + "'");
            return null;
        }
        return v;
    }

    static String urlProblem(String v) {
        try {
            java.net.URI uri = new java.net.URI(v);
            if (uri.getScheme() == null) {
                return "is not an absolute URL";
            }
            if (!uri.getScheme().equalsIgnoreCase("http") && !uri.getScheme().equalsIgnoreCase("https")) {
                return "must be an http or https URL";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "has no host";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "is not a valid URL (" + e.getReason() + ")";
        }
    }

    /** A list of text values; a single value counts as a list of one. */
    List<String> strings(Node node, String key) {
        List<String> out = new ArrayList<>();
        List<Node> items = node instanceof SequenceNode seq ? seq.getValue() : List.of(node);
        for (Node item : items) {
            String v = string(item, key);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * A YAML list of text values. Unlike {@link #strings}, a single value is refused: {@code exclude: a, b} would
     * otherwise be the one keyword "a, b", which never matches.
     */
    List<String> list(Node node, String key) {
        if (node instanceof SequenceNode) {
            return strings(node, key);
        }
        problem(node, "'" + key + "' must be a list, e.g. [first, second], got " + describe(node));
        return List.of();
    }

    private static String describe(Node node) {
        return node instanceof ScalarNode s ? "'" + s.getValue() + "'" : "a " + node.getNodeId().name().toLowerCase(Locale.ROOT);
    }

    /** The allowed name closest to {@code key} (edit distance at most 2, or 3 for long names), or null. */
    static String nearest(String key, Collection<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= (key.length() > 8 ? 3 : 2) ? best : null;
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + cost);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
